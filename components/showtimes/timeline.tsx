import type { TimelineBlock, TimelineRow } from "@/lib/showtimes/timeline";
import { dayLabel, todayIn } from "@/lib/showtimes/zoned-time";
import { toWallTime } from "@/lib/showtimes/zoned-time";

const HOURS = [0, 3, 6, 9, 12, 15, 18, 21];
const pct = (minute: number) => `${(minute / 1440) * 100}%`;

const blockTone = {
  existing: "bg-stone-300 text-stone-900 border-stone-400",
  new: "bg-emerald-200 text-emerald-950 border-emerald-500",
  conflict: "bg-red-200 text-red-950 border-red-600 ring-2 ring-red-500",
  problem: "bg-red-100 text-red-900 border-red-400",
} as const;

/**
 * Each theater's days on a 24-hour axis of its own clock: existing shows in grey, their turnover
 * hatched, new starts in green, and new starts that collide in red. On a phone the axis keeps
 * its width and the card scrolls sideways, with the day labels pinned.
 */
export function Timeline({ rows, now, caption }: { rows: TimelineRow[]; now: Date; caption?: string }) {
  return (
    <div className="space-y-4">
      <Legend />
      {rows.map((row) => (
        <TheaterTimeline key={row.theater.id} row={row} now={now} caption={caption} />
      ))}
    </div>
  );
}

function TheaterTimeline({ row, now, caption }: { row: TimelineRow; now: Date; caption?: string }) {
  const { theater } = row;
  const today = todayIn(theater.timeZone, now);
  const nowWall = toWallTime(now, theater.timeZone);
  const nowMinute = Number(nowWall.time.slice(0, 2)) * 60 + Number(nowWall.time.slice(3));
  const headingId = `timeline-${theater.id}`;
  const count = row.days.reduce((n, d) => n + d.blocks.filter((b) => b.kind === "existing" && !b.continuesFromPreviousDay).length, 0);
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-stone-200 bg-white">
      <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 border-b border-stone-100 px-3 py-2">
        <h3 id={headingId} className="text-sm font-semibold text-stone-900">
          {theater.name}
        </h3>
        <p className="text-xs text-stone-500">
          Times in {theater.timeZone} · turnover {theater.turnoverMinutes} min · {count} showtime{count === 1 ? "" : "s"} shown
        </p>
      </header>
      <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={`${caption ?? "Timeline"}: ${theater.name} (scrolls sideways)`}>
        <div className="min-w-[46rem] px-3 pb-3">
          <div className="grid grid-cols-[6.5rem_1fr] text-[11px] text-stone-500" aria-hidden>
            <span />
            <div className="relative h-6">
              {HOURS.map((h) => (
                <span key={h} className="absolute top-1.5 -translate-x-1/2 tabular-nums first:translate-x-0" style={{ left: pct(h * 60) }}>
                  {String(h).padStart(2, "0")}:00
                </span>
              ))}
            </div>
          </div>
          <ul className="space-y-1">
            {row.days.map((day) => (
              <li key={day.date} className="grid grid-cols-[6.5rem_1fr] items-center">
                <span className="sticky left-0 z-10 bg-white pr-2 text-xs font-medium text-stone-700">
                  {dayLabel(day.date)}
                  {day.date === today && <span className="ml-1 text-brand-700">today</span>}
                </span>
                <div
                  className="relative h-11 rounded border border-stone-200 bg-stone-50"
                  style={{ backgroundImage: "repeating-linear-gradient(to right, transparent 0, transparent calc(100% / 8 - 1px), rgb(231 229 228) calc(100% / 8 - 1px), rgb(231 229 228) calc(100% / 8))" }}
                >
                  {day.blocks.length === 0 ? (
                    <span className="sr-only">{dayLabel(day.date)}: free all day</span>
                  ) : (
                    <ul aria-label={`${dayLabel(day.date)} in ${theater.name}`}>
                      {day.blocks.map((b) => (
                        <Block key={`${b.kind}-${b.id}`} block={b} turnover={theater.turnoverMinutes} />
                      ))}
                    </ul>
                  )}
                  {day.date === today && (
                    <span aria-hidden className="absolute inset-y-0 z-20 w-0.5 bg-brand-600" style={{ left: pct(nowMinute) }} title={`Now, ${nowWall.time}`} />
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function Block({ block: b, turnover }: { block: TimelineBlock; turnover: number }) {
  const what = b.kind === "existing" ? "Existing" : b.tone === "conflict" ? "New, conflicts" : "New";
  const text = `${what}: ${b.title}, ${b.startLabel}–${b.endLabel}${turnover ? `, then ${turnover} min turnover` : ""}`;
  const showWidth = Math.max(b.endMinute - b.startMinute, 0);
  const turnoverWidth = Math.max(b.freeMinute - Math.max(b.endMinute, b.startMinute), 0);
  return (
    <li className="contents">
      {showWidth > 0 && (
        <span
          title={text}
          className={`absolute overflow-hidden whitespace-nowrap border px-1 text-[11px] leading-tight ${blockTone[b.tone]} ${b.kind === "new" ? "top-[52%] bottom-0.5" : "top-0.5 bottom-[52%]"} ${b.continuesFromPreviousDay ? "rounded-l-none border-l-0" : "rounded-l"} ${turnoverWidth > 0 || b.continuesToNextDay ? "rounded-r-none" : "rounded-r"}`}
          style={{ left: pct(b.startMinute), width: pct(showWidth) }}
        >
          <span aria-hidden className="font-medium tabular-nums">{b.continuesFromPreviousDay ? "…" : b.startLabel}</span>
          <span aria-hidden> {b.title}</span>
          <span className="sr-only">{text}</span>
        </span>
      )}
      {turnoverWidth > 0 && (
        <span
          aria-hidden
          title={`Turnover until the screen is free`}
          className={`absolute rounded-r border border-l-0 ${b.kind === "new" ? "top-[52%] bottom-0.5" : "top-0.5 bottom-[52%]"} ${b.tone === "conflict" ? "border-red-400" : "border-stone-300"}`}
          style={{
            left: pct(Math.max(b.endMinute, b.startMinute)),
            width: pct(turnoverWidth),
            backgroundImage: "repeating-linear-gradient(135deg, rgb(214 211 209) 0 3px, transparent 3px 6px)",
          }}
        />
      )}
    </li>
  );
}

function Legend() {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600" aria-label="Legend">
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="h-3 w-5 rounded border border-stone-400 bg-stone-300" /> Existing showtime (top half)
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="h-3 w-5 rounded border border-stone-300" style={{ backgroundImage: "repeating-linear-gradient(135deg, rgb(214 211 209) 0 3px, transparent 3px 6px)" }} /> Turnover
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="h-3 w-5 rounded border border-emerald-500 bg-emerald-200" /> New showtime (bottom half)
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="h-3 w-5 rounded border border-red-600 bg-red-200" /> New, conflicts
      </li>
    </ul>
  );
}
