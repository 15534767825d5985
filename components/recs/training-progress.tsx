"use client";

import { useId } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { TrainingProgress } from "@/lib/recs/contract";
import type { ProgressStream } from "./use-training-progress";

const barTone = { queued: "bg-stone-400", training: "bg-brand-600", ready: "bg-emerald-600", failed: "bg-red-600" } as const;

/** A training's bar and sentence, announced as it changes; the same shape as a showtime batch's. */
export function TrainingProgressPanel({ version, state }: { version: number; state: { progress: TrainingProgress | null; stream: ProgressStream } | null }) {
  const labelId = useId();
  const progress = state?.progress;
  const percent = Math.round((progress?.progress ?? 0) * 100);
  const sentence = !progress
    ? "Waiting for the first report…"
    : progress.status === "queued"
      ? "Queued: waiting for a worker"
      : progress.status === "ready"
        ? "Ready" + (progress.label && progress.label !== "done" ? `: ${progress.label}` : "")
        : progress.status === "failed"
          ? `Failed: ${progress.error ?? "see the version's error"}`
          : `${progress.label ?? "Training"} (${percent}%)`;
  return (
    <div className="space-y-3 rounded-lg border border-stone-200 bg-white p-4" data-testid="training-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p id={labelId} className="text-sm font-medium text-stone-800">
          {progress ? `${progress.algorithm.toUpperCase()} · version ${version}` : `Version ${version}`}
        </p>
        {state && state.stream !== "closed" && (
          <span className="inline-flex items-center gap-1.5 text-xs text-stone-600">
            <span aria-hidden className={`h-2 w-2 rounded-full ${state.stream === "open" ? "animate-pulse bg-emerald-500" : "bg-stone-400"}`} />
            {state.stream === "open" ? "Live" : state.stream === "connecting" ? "Connecting…" : "Reconnecting…"}
          </span>
        )}
      </div>
      <ProgressBar labelledBy={labelId} percent={progress?.status === "failed" ? 100 : percent} text={sentence} tone={barTone[progress?.status ?? "queued"]} />
      <p role="status" aria-live="polite" className="text-sm text-stone-800" data-testid="training-progress-label">
        {sentence}
      </p>
    </div>
  );
}
