"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState } from "@/components/ui/states";
import { fetchRecommendations, viewerKeys } from "./recs-api";
import { CardSkeletons, cardGrid, Shelf, ShelfError } from "./movie-shelf";
import { FeedbackStatus, ReactableCards } from "./reactable-list";
import { useListFeedback } from "./use-list-feedback";

const FOR_YOU = 12;
const CONTEXT = "home";
const SHELF_ID = "for-you";

function sentence(reason: string) {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

/**
 * The viewer's recommendations with their reasons. A list is one logged session: it is fetched
 * once and kept (a refetch would be another session), so feedback always names the list shown.
 */
export function ForYou({ userId }: { userId: string }) {
  const key = viewerKeys.recommendations(userId, CONTEXT);
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchRecommendations(userId, { k: FOR_YOU, context: CONTEXT }, signal), staleTime: Infinity });
  const feedback = useListFeedback({ userId, queryKey: key, context: CONTEXT });

  return (
    <Shelf id={SHELF_ID} title="For you" subtitle="Picked from what you watch, rate and like" busy={list.isPending}>
      <FeedbackStatus feedback={feedback} shelfId={SHELF_ID} />
      {list.isPending ? (
        <CardSkeletons count={6} tall grid={cardGrid} />
      ) : list.isError ? (
        <ShelfError title="Could not load your recommendations" query={list} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title="No recommendations right now">
          <Link href="/onboarding" className="text-brand-700 hover:underline">Pick your favorite genres</Link> or rate a few movies, and they will come.
        </EmptyState>
      ) : (
        <ReactableCards list={list.data} feedback={feedback} shelfId={SHELF_ID} describe={(item) => ({ detail: `${Math.round(item.score * 100)}% match`, note: item.reasons.map(sentence).join(" · ") })} />
      )}
    </Shelf>
  );
}
