"use client";

import type { MouseEvent } from "react";
import { cardGrid } from "./movie-shelf";
import type { ShownItem, ShownList } from "./recs-api";
import { RecommendationCard } from "./recommendation-card";
import type { ListFeedback } from "./use-list-feedback";

/**
 * A card that leaves takes the keyboard focus with it: hand it to the next card (or the one
 * before, or the section's heading) so a keyboard user stays in the list.
 */
function keepFocusInList(event: MouseEvent<HTMLElement>, shelfId: string) {
  const item = event.currentTarget.closest("li");
  if (!item || !item.contains(document.activeElement)) return;
  const neighbour = (item.nextElementSibling ?? item.previousElementSibling)?.querySelector<HTMLElement>("a");
  const target = neighbour ?? document.getElementById(`${shelfId}-heading`);
  // After React has taken the card out.
  setTimeout(() => target?.focus(), 0);
}

/** What the viewer's last reaction did (or why it failed), with Undo for a movie they turned down. */
export function FeedbackStatus({ feedback, shelfId }: { feedback: ListFeedback; shelfId: string }) {
  const { message } = feedback;
  const undo = message?.undo;
  return (
    <div className="mb-2 flex min-h-5 flex-wrap items-baseline gap-x-3 text-sm">
      <p role="status" className={message?.tone === "error" ? "text-red-700" : "text-stone-600"}>
        {message?.text}
      </p>
      {undo && (
        <button
          type="button"
          className="font-medium text-brand-700 underline-offset-2 hover:underline"
          onClick={() => {
            feedback.undo(undo);
            // The button goes with the message: the keyboard focus goes back to the list.
            setTimeout(() => document.getElementById(`${shelfId}-heading`)?.focus(), 0);
          }}
        >
          Undo
          <span className="sr-only"> (bring back {undo.item.title})</span>
        </button>
      )}
    </div>
  );
}

/** A logged list's movies as cards the viewer can open, like, dislike or hide (one card component for every such list). */
export function ReactableCards<T extends ShownItem>({ list, feedback, shelfId, describe }: { list: ShownList<T>; feedback: ListFeedback; shelfId: string; describe: (item: T) => { detail?: string; note?: string } }) {
  return (
    <ul className={cardGrid}>
      {list.items.map((item) => (
        <li key={item.movieId}>
          <RecommendationCard
            movieId={item.movieId}
            title={item.title}
            {...describe(item)}
            liked={list.liked.includes(item.movieId)}
            onOpen={() => feedback.open(list, item)}
            onReact={(kind, event) => {
              if (kind === "dislike" || kind === "not_interested") keepFocusInList(event, shelfId);
              feedback.react(list, item, kind);
            }}
          />
        </li>
      ))}
    </ul>
  );
}
