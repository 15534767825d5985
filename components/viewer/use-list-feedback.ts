"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import { restoreMovie, withLike, withoutMovie } from "@/lib/viewer/shown-list";
import { sendFeedback, sendFeedbackOnLeave, viewerListKeys, type ShownItem, type ShownList } from "./recs-api";

/** `clear` takes back the viewer's reaction: an un-like, or the undo of a dislike or "not interested". */
export type Reaction = "like" | "dislike" | "not_interested" | "clear";
/** What the status line says, and the movie an Undo button brings back. */
export type FeedbackMessage = { tone: "info" | "error"; text: string; undo?: { sessionId: string; item: ShownItem } } | null;

/** Where the movie stood before a reaction: what a failure puts back. */
interface Before {
  liked: boolean;
  shown: boolean;
}

const turnsDown = (kind: Reaction) => kind === "dislike" || kind === "not_interested";

function doneMessage(kind: Reaction, title: string, before: Before): string {
  switch (kind) {
    case "like":
      return `You liked ${title}.`;
    case "dislike":
      return `You disliked ${title}; it is gone from your recommendations.`;
    case "not_interested":
      return `${title} will not be recommended again.`;
    case "clear":
      return before.shown ? `You no longer like ${title}.` : `${title} is back in your recommendations.`;
  }
}
const failed: Record<Reaction, string> = { like: "Your like of", dislike: "Your dislike of", not_interested: "'Not interested' in", clear: "Taking back your reaction to" };

/**
 * Likes, dislikes, "not interested" and taking them back on a logged list, optimistically: the
 * card changes (or leaves, or comes back) at once, the request goes in the background, and a
 * failure puts the card back as it was with a message. Opening a card records the selection
 * without holding up the navigation.
 */
export function useListFeedback({ userId, queryKey, context }: { userId: string; queryKey: QueryKey; context: string }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<FeedbackMessage>(null);

  // Only ever touch the list the feedback was about (a refetched list is another session).
  const update = (sessionId: string, change: (list: ShownList) => ShownList) =>
    queryClient.setQueryData<ShownList>(queryKey, (list) => (list && list.sessionId === sessionId ? change(list) : list));

  const react = useMutation({
    mutationFn: ({ sessionId, item, kind }: { sessionId: string; item: ShownItem; kind: Reaction }) =>
      sendFeedback({ sessionId, userId, context, ...(kind === "not_interested" ? { notInterested: [item.movieId] } : { liked: [{ movieId: item.movieId, liked: kind === "clear" ? null : kind === "like" }] }) }),
    onMutate: async ({ sessionId, item, kind }): Promise<Before> => {
      await queryClient.cancelQueries({ queryKey });
      const list = queryClient.getQueryData<ShownList>(queryKey);
      const before = { liked: list?.liked.includes(item.movieId) ?? false, shown: list?.items.some((i) => i.movieId === item.movieId) ?? false };
      update(sessionId, (shown) => ({
        ...shown,
        liked: withLike(shown.liked, item.movieId, kind === "like"),
        items: turnsDown(kind) ? withoutMovie(shown.items, item.movieId) : restoreMovie(shown.items, item, shown.movieIds),
      }));
      // A movie turned down leaves the viewer's other lists on the page too.
      if (turnsDown(kind)) {
        for (const key of viewerListKeys(userId)) queryClient.setQueriesData<ShownList>({ queryKey: key }, (other) => other && { ...other, items: withoutMovie(other.items, item.movieId) });
      }
      setMessage({ tone: "info", text: doneMessage(kind, item.title, before), ...(turnsDown(kind) ? { undo: { sessionId, item } } : {}) });
      return before;
    },
    onSettled: (_receipt, _error, { kind }) => {
      // "Popular in your genres" follows what the viewer turned down or took back, unless it is this list.
      if (kind !== "like" && queryKey[0] !== "genres-top") void queryClient.invalidateQueries({ queryKey: ["genres-top", userId] });
    },
    onError: (error, { sessionId, item, kind }, before) => {
      if (before) {
        update(sessionId, (list) => ({
          ...list,
          liked: withLike(list.liked, item.movieId, before.liked),
          items: before.shown ? restoreMovie(list.items, item, list.movieIds) : withoutMovie(list.items, item.movieId),
        }));
      }
      const where = before && before.shown !== !turnsDown(kind) ? (before.shown ? ", so it is back in your list" : ", so it stays out of your list") : "";
      setMessage({ tone: "error", text: `${failed[kind]} ${item.title} was not saved${where}. ${error.message}` });
    },
  });

  function open(list: ShownList, item: ShownItem) {
    if (!list.sessionId) return;
    sendFeedbackOnLeave({ sessionId: list.sessionId, userId, context, selectedMovieId: item.movieId, impressions: list.items.map((r) => r.movieId) });
  }

  return {
    react: (list: ShownList, item: ShownItem, kind: Reaction) => {
      if (list.sessionId) react.mutate({ sessionId: list.sessionId, item, kind });
    },
    undo: (undo: NonNullable<FeedbackMessage>["undo"] & {}) => react.mutate({ ...undo, kind: "clear" }),
    open,
    message,
  };
}
export type ListFeedback = ReturnType<typeof useListFeedback>;
