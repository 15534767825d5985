"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { MouseEvent } from "react";
import { EmptyState } from "@/components/ui/states";
import { fetchRecommendations, viewerKeys, type ShownList } from "./recs-api";
import { CardSkeletons, cardGrid, Shelf, ShelfError } from "./movie-shelf";
import { RecommendationCard } from "./recommendation-card";
import { useListFeedback, type Reaction } from "./use-list-feedback";

const FOR_YOU = 12;
const CONTEXT = "home";

/**
 * A card that leaves takes the keyboard focus with it: hand it to the next card (or the one
 * before, or the section's heading) so a keyboard user stays in the list.
 */
function keepFocusInList(event: MouseEvent<HTMLElement>) {
  const item = event.currentTarget.closest("li");
  if (!item || !item.contains(document.activeElement)) return;
  const neighbour = (item.nextElementSibling ?? item.previousElementSibling)?.querySelector<HTMLElement>("a");
  const target = neighbour ?? document.getElementById("for-you-heading");
  // After React has taken the card out.
  setTimeout(() => target?.focus(), 0);
}

/**
 * The viewer's recommendations with their reasons. A list is one logged session: it is fetched
 * once and kept (a refetch would be another session), so feedback always names the list shown.
 */
export function ForYou({ userId }: { userId: string }) {
  const key = viewerKeys.recommendations(userId, CONTEXT);
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchRecommendations(userId, { k: FOR_YOU, context: CONTEXT }, signal), staleTime: Infinity });
  const feedback = useListFeedback({ userId, queryKey: key, context: CONTEXT });

  function react(shown: ShownList, item: ShownList["recommendations"][number], kind: Reaction, event: MouseEvent<HTMLElement>) {
    if (kind !== "like") keepFocusInList(event);
    feedback.react(shown, item, kind);
  }

  return (
    <Shelf id="for-you" title="For you" subtitle="Picked from what you watch, rate and like" busy={list.isPending}>
      <p role="status" className={`mb-2 min-h-5 text-sm ${feedback.message?.tone === "error" ? "text-red-700" : "text-stone-600"}`}>
        {feedback.message?.text}
      </p>
      {list.isPending ? (
        <CardSkeletons count={6} tall grid={cardGrid} />
      ) : list.isError ? (
        <ShelfError title="Could not load your recommendations" query={list} />
      ) : list.data.recommendations.length === 0 ? (
        <EmptyState title="No recommendations right now">
          <Link href="/onboarding" className="text-brand-700 hover:underline">Pick your favorite genres</Link> or rate a few movies, and they will come.
        </EmptyState>
      ) : (
        <ul className={cardGrid}>
          {list.data.recommendations.map((item) => (
            <li key={item.movieId}>
              <RecommendationCard
                item={item}
                liked={list.data.liked.includes(item.movieId)}
                onOpen={() => feedback.open(list.data, item)}
                onReact={(kind, event) => react(list.data, item, kind, event)}
              />
            </li>
          ))}
        </ul>
      )}
    </Shelf>
  );
}
