"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import { restoreMovie, withLike, withoutMovie } from "@/lib/viewer/shown-list";
import { sendFeedback, sendFeedbackOnLeave, type ShownList } from "./recs-api";

export type Reaction = "like" | "dislike" | "not_interested";
type Item = ShownList["recommendations"][number];
export type FeedbackMessage = { tone: "info" | "error"; text: string } | null;

const done: Record<Reaction, (title: string) => string> = {
  like: (title) => `You liked ${title}.`,
  dislike: (title) => `You disliked ${title}; it is gone from your recommendations.`,
  not_interested: (title) => `${title} will not be recommended again.`,
};
const failed: Record<Reaction, string> = { like: "Your like of", dislike: "Your dislike of", not_interested: "'Not interested' in" };

/**
 * Likes, dislikes and "not interested" on a shown list, optimistically: the card changes (or
 * leaves) at once, the request goes in the background, and a failure puts the card back where it
 * was with a message. Opening a card records the selection without holding up the navigation.
 */
export function useListFeedback({ userId, queryKey, context }: { userId: string; queryKey: QueryKey; context: string }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<FeedbackMessage>(null);

  // Only ever touch the list the feedback was about (a refetched list is another session).
  const update = (sessionId: string, change: (list: ShownList) => ShownList) =>
    queryClient.setQueryData<ShownList>(queryKey, (list) => (list && list.sessionId === sessionId ? change(list) : list));

  const react = useMutation({
    mutationFn: ({ sessionId, item, kind }: { sessionId: string; item: Item; kind: Reaction }) =>
      sendFeedback({ sessionId, userId, context, ...(kind === "not_interested" ? { notInterested: [item.movieId] } : { liked: [{ movieId: item.movieId, liked: kind === "like" }] }) }),
    onMutate: async ({ sessionId, item, kind }) => {
      await queryClient.cancelQueries({ queryKey });
      update(sessionId, (list) => (kind === "like" ? { ...list, liked: withLike(list.liked, item.movieId, true) } : { ...list, recommendations: withoutMovie(list.recommendations, item.movieId) }));
      setMessage({ tone: "info", text: done[kind](item.title) });
    },
    onError: (error, { sessionId, item, kind }) => {
      update(sessionId, (list) => (kind === "like" ? { ...list, liked: withLike(list.liked, item.movieId, false) } : { ...list, recommendations: restoreMovie(list.recommendations, item, list.movieIds) }));
      setMessage({ tone: "error", text: `${failed[kind]} ${item.title} was not saved${kind === "like" ? "" : ", so it is back in your list"}. ${error.message}` });
    },
  });

  function open(list: ShownList, item: Item) {
    sendFeedbackOnLeave({ sessionId: list.sessionId, userId, context, selectedMovieId: item.movieId, impressions: list.recommendations.map((r) => r.movieId) });
  }

  return { react: (list: ShownList, item: Item, kind: Reaction) => react.mutate({ sessionId: list.sessionId, item, kind }), open, message };
}
