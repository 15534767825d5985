"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { fetchRecommendations, viewerKeys } from "./recs-api";
import { CardSkeletons, cardGrid, Shelf } from "./movie-shelf";
import { RecommendationCard } from "./recommendation-card";

const FOR_YOU = 12;
const CONTEXT = "home";

/**
 * The viewer's recommendations with their reasons. A list is one logged session: it is fetched
 * once and kept (a refetch would be another session), so feedback always names the list shown.
 */
export function ForYou({ userId }: { userId: string }) {
  const key = viewerKeys.recommendations(userId, CONTEXT);
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchRecommendations(userId, { k: FOR_YOU, context: CONTEXT }, signal), staleTime: Infinity });
  return (
    <Shelf id="for-you" title="For you" subtitle="Picked from what you watch, rate and like" busy={list.isPending}>
      {list.isPending ? (
        <CardSkeletons count={6} tall grid={cardGrid} />
      ) : list.isError ? (
        <ErrorState
          title="Could not load your recommendations"
          message={list.error.message}
          action={
            <Button variant="secondary" size="sm" onClick={() => list.refetch()}>
              Try again
            </Button>
          }
        />
      ) : list.data.recommendations.length === 0 ? (
        <EmptyState title="No recommendations right now">
          <Link href="/onboarding" className="text-brand-700 hover:underline">Pick your favorite genres</Link> or rate a few movies, and they will come.
        </EmptyState>
      ) : (
        <ul className={cardGrid}>
          {list.data.recommendations.map((item) => (
            <li key={item.movieId}>
              <RecommendationCard item={item} />
            </li>
          ))}
        </ul>
      )}
    </Shelf>
  );
}
