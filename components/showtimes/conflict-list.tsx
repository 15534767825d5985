import type { ConflictingShowtime } from "@/lib/showtimes/contract";
import { formatInZone, formatRangeInZone } from "@/lib/showtimes/zoned-time";

/**
 * The showtimes a batch was refused for, each with its theater, movie, start and end on the
 * theater's clock, and the new start times that hit it.
 */
export function ConflictList({
  conflicts,
  zoneOf,
  headingId,
  hint = "Nothing was created. Move or remove the highlighted start times and submit again.",
}: {
  conflicts: ConflictingShowtime[];
  zoneOf(theaterId: string): string | undefined;
  headingId?: string;
  hint?: string;
}) {
  const sorted = [...conflicts].sort((a, b) => a.theaterName.localeCompare(b.theaterName) || a.startTime.localeCompare(b.startTime));
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id={headingId} tabIndex={-1} className="text-base font-semibold text-amber-950 focus:outline-none">
        {conflicts.length} existing showtime{conflicts.length === 1 ? "" : "s"} in the way
      </h3>
      <p className="mt-1 text-sm text-amber-900">{hint}</p>
      <ul className="mt-3 grid gap-2 sm:grid-cols-2" aria-label="Conflicting showtimes">
        {sorted.map((c) => {
          const zone = zoneOf(c.theaterId) ?? "UTC";
          return (
            <li key={c.id} className="rounded-md border border-amber-200 bg-white p-3 text-sm" data-testid="conflict-item">
              <p className="font-medium text-stone-900">{c.theaterName}</p>
              <p className="text-stone-700">
                <span className="sr-only">Existing showtime: </span>
                {c.movieTitle}
              </p>
              <p className="tabular-nums text-stone-700">
                {formatRangeInZone(c.startTime, c.endTime, zone)} <span className="text-xs text-stone-500">({zone})</span>
              </p>
              <p className="mt-1 text-red-800">
                Hit by new start{c.requestedStartTimes.length === 1 ? "" : "s"}:{" "}
                <span className="tabular-nums font-medium">{c.requestedStartTimes.map((t) => formatInZone(t, zone)).join("; ")}</span>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
