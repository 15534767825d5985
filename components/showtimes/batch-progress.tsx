"use client";

import { useId } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { progressView, type ProgressSnapshot } from "@/lib/showtimes/progress-view";
import type { StreamState } from "./use-batch-progress";

const barTone = { waiting: "bg-stone-400", processing: "bg-brand-600", succeeded: "bg-emerald-600", failed: "bg-amber-500", error: "bg-red-600" } as const;

/**
 * The batch's progress bar with its phases: waiting → validating → creating showtimes (n of N) →
 * creating tickets (n of N) → done. The bar is a real progressbar for assistive tech and its
 * sentence is announced as it changes.
 */
export function BatchProgressPanel({ progress, streamState }: { progress: ProgressSnapshot; streamState?: StreamState }) {
  const labelId = useId();
  const view = progressView(progress);
  return (
    <div className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p id={labelId} className="text-sm font-medium text-stone-800">
          Batch progress
        </p>
        {streamState && streamState !== "closed" && <StreamHint state={streamState} />}
      </div>
      <ProgressBar labelledBy={labelId} percent={view.percent} text={view.label} tone={barTone[progress.status]} />
      <p role="status" aria-live="polite" className="text-sm text-stone-800" data-testid="batch-progress-label">
        {view.label}
      </p>
      <ol className="flex flex-wrap gap-x-1 gap-y-2 text-xs" aria-label="Phases">
        {view.steps.map((step, i) => (
          <li key={step.phase} className="flex items-center gap-1" aria-current={step.state === "current" ? "step" : undefined}>
            {i > 0 && (
              <span aria-hidden className="text-stone-400">
                →
              </span>
            )}
            <span
              className={`rounded-full px-2 py-0.5 font-medium ${
                step.state === "done"
                  ? "bg-emerald-100 text-emerald-800"
                  : step.state === "current"
                    ? "bg-brand-100 text-brand-700 ring-1 ring-brand-500"
                    : step.state === "stopped"
                      ? "bg-red-100 text-red-800"
                      : "bg-stone-100 text-stone-600"
              }`}
            >
              {step.state === "done" && <span aria-hidden>✓ </span>}
              {step.state === "stopped" && <span aria-hidden>✕ </span>}
              {step.label}
              <span className="sr-only"> ({step.state})</span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function StreamHint({ state }: { state: StreamState }) {
  const text = { connecting: "Connecting…", open: "Live", reconnecting: "Reconnecting…", unavailable: "Live updates unavailable; checking every 2 s", closed: "" }[state];
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-stone-500">
      <span aria-hidden className={`h-2 w-2 rounded-full ${state === "open" ? "animate-pulse bg-emerald-500" : "bg-stone-400"}`} />
      {text}
    </span>
  );
}
