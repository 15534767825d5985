"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { EmptyState, ErrorState, Notice, SkeletonRows } from "@/components/ui/states";
import type { UpcomingShowtime } from "@/lib/showtimes/contract";
import type { PlanTheater } from "@/lib/showtimes/start-plan";
import { buildTimeline } from "@/lib/showtimes/timeline";
import { addDays, dayLabel, formatInZone, todayIn } from "@/lib/showtimes/zoned-time";
import { Timeline } from "./timeline";

const WINDOW_DAYS = 7;

/** Step 3: the chosen theaters' showtimes that have not ended, a week at a time, so the free slots show. */
export function TimelineStep({
  theaters,
  existing,
  now,
}: {
  theaters: PlanTheater[];
  existing: { isPending: boolean; isError: boolean; error: Error | null; data?: { items: UpcomingShowtime[]; truncated: boolean }; refetch(): unknown; isFetching: boolean };
  now: Date;
}) {
  const zone = theaters[0]?.timeZone ?? "UTC";
  const today = todayIn(zone, now);
  const [from, setFrom] = useState(today);
  const dates = Array.from({ length: WINDOW_DAYS }, (_, i) => addDays(from, i));

  if (existing.isPending) {
    return (
      <div>
        <span className="sr-only" role="status">
          Loading existing showtimes…
        </span>
        <SkeletonRows rows={theaters.length * 3} />
      </div>
    );
  }
  if (existing.isError && !existing.data) {
    return (
      <ErrorState
        title="Could not load the existing showtimes"
        message={existing.error?.message ?? "Try again."}
        action={
          <Button variant="secondary" size="sm" onClick={() => void existing.refetch()} disabled={existing.isFetching}>
            Try again
          </Button>
        }
      />
    );
  }
  const items = existing.data?.items ?? [];
  const rows = buildTimeline({ theaters, dates, existing: items });
  const last = items.reduce<UpcomingShowtime | null>((a, b) => (!a || b.startTime > a.startTime ? b : a), null);
  const lastZone = last ? (theaters.find((t) => t.id === last.theaterId)?.timeZone ?? zone) : zone;

  return (
    <div className="space-y-4">
      {items.length === 0 ? (
        <EmptyState title="No upcoming showtimes in these theaters">Every slot is free. Go on to enter the start times.</EmptyState>
      ) : (
        <p className="text-sm text-stone-700">
          <strong className="tabular-nums">{items.length.toLocaleString("en-US")}</strong> showtime{items.length === 1 ? "" : "s"} that have not ended
          {last && (
            <>
              , the last starting {formatInZone(last.startTime, lastZone)} ({last.theaterName})
            </>
          )}
          .
        </p>
      )}
      {existing.data?.truncated && <Notice tone="warning">Only the first {items.length.toLocaleString("en-US")} showtimes are shown. The server checks all of them when you submit.</Notice>}

      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="timeline-from" className="block text-sm font-medium text-stone-800">
            Week from
          </label>
          <Input id="timeline-from" type="date" min={today} value={from} onChange={(e) => e.target.value && setFrom(e.target.value < today ? today : e.target.value)} className="mt-1 w-auto" />
        </div>
        <Button variant="secondary" onClick={() => setFrom(from <= today ? today : addDays(from, -WINDOW_DAYS) < today ? today : addDays(from, -WINDOW_DAYS))} disabled={from <= today}>
          ← Previous week
        </Button>
        <Button variant="secondary" onClick={() => setFrom(addDays(from, WINDOW_DAYS))}>
          Next week →
        </Button>
        <p className="w-full text-xs text-stone-500 sm:ml-2 sm:w-auto" aria-live="polite">
          {dayLabel(dates[0]!)} – {dayLabel(dates.at(-1)!)}
        </p>
      </div>
      <Timeline rows={rows} now={now} caption="Existing showtimes" />
    </div>
  );
}
