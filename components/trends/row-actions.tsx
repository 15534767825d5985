"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/admin/field-errors";
import { addView, refreshExternal, trendKeys, type TrendItem } from "./api";

type Feedback = { tone: "pending" | "success" | "error"; text: string } | null;

const toneClass = { pending: "text-stone-600", success: "text-emerald-700", error: "text-red-700" } as const;

/**
 * The seed's admin controls for one movie: add a view, refresh the external score. Each says what
 * it is doing and how it went; the API checks the role again on every call.
 */
export function RowActions({ item }: { item: TrendItem }) {
  const queryClient = useQueryClient();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const done = () => void queryClient.invalidateQueries({ queryKey: trendKeys.all });

  const view = useMutation({
    mutationFn: () => addView(item.movieId),
    onMutate: () => setFeedback({ tone: "pending", text: "Adding a view…" }),
    onSuccess: (r) =>
      setFeedback({ tone: "success", text: `View added: ${r.views.toLocaleString()} view${r.views === 1 ? "" : "s"}, final score ${r.finalScore === null ? "not yet known" : r.finalScore.toFixed(1)}.` }),
    onError: (error) => setFeedback({ tone: "error", text: `Could not add a view: ${errorMessage(error)}` }),
    onSettled: done,
  });
  const refresh = useMutation({
    mutationFn: () => refreshExternal(item.movieId),
    onMutate: () => setFeedback({ tone: "pending", text: "Queuing a refresh of the external score…" }),
    onSuccess: () => setFeedback({ tone: "success", text: "Refresh queued: the external score updates here in a few seconds." }),
    onError: (error) => setFeedback({ tone: "error", text: `Could not refresh: ${errorMessage(error)}` }),
    onSettled: done,
  });

  return (
    <div className="mt-2 space-y-1">
      <div className="flex flex-wrap gap-1.5">
        <Button variant="secondary" size="sm" disabled={view.isPending} onClick={() => view.mutate()} aria-label={`Add view to ${item.title}`}>
          {view.isPending ? "Adding…" : "Add view"}
        </Button>
        <Button variant="secondary" size="sm" disabled={refresh.isPending} onClick={() => refresh.mutate()} aria-label={`Refresh score of ${item.title}`}>
          {refresh.isPending ? "Queuing…" : "Refresh score"}
        </Button>
      </div>
      <p role="status" aria-live="polite" className={`min-h-4 text-xs ${feedback ? toneClass[feedback.tone] : ""}`}>
        {feedback?.text}
      </p>
    </div>
  );
}
