/** The wizard's timeline: existing and planned showtimes laid out per theater and local day. */
import type { PlanCheck, PlanTheater, StartPlan, TimelineShowtime } from "./start-plan";
import { MINUTES_PER_DAY } from "./times-of-day";
import { datesBetween, toWallTime, type WallTime } from "./zoned-time";

export type BlockTone = "existing" | "new" | "conflict" | "problem";

export interface TimelineBlock {
  id: string;
  kind: "existing" | "new";
  tone: BlockTone;
  title: string;
  /** Minutes after the day's midnight on the theater's clock, clipped to [0, 1440]. */
  startMinute: number;
  endMinute: number;
  /** End of the turnover after the show (the screen is free again). */
  freeMinute: number;
  continuesFromPreviousDay: boolean;
  continuesToNextDay: boolean;
  startLabel: string;
  endLabel: string;
}

export interface TimelineDay {
  date: string;
  blocks: TimelineBlock[];
}

export interface TimelineRow {
  theater: PlanTheater;
  days: TimelineDay[];
}

function wallMinutes(w: WallTime): number {
  return Number(w.time.slice(0, 2)) * 60 + Number(w.time.slice(3, 5));
}

interface Interval {
  id: string;
  kind: "existing" | "new";
  tone: BlockTone;
  title: string;
  startsAt: Date;
  endsAt: Date;
  availableAt: Date;
}

/** Cuts one interval into its pieces on each local day it touches (a late show runs past midnight). */
function piecesOf(interval: Interval, zone: string, wanted: Set<string>): { date: string; block: TimelineBlock }[] {
  const start = toWallTime(interval.startsAt, zone);
  const end = toWallTime(interval.endsAt, zone);
  const free = toWallTime(interval.availableAt, zone);
  const pieces: { date: string; block: TimelineBlock }[] = [];
  const lastDate = free.date > end.date ? free.date : end.date;
  for (const date of datesBetween(start.date, lastDate, 3)) {
    if (!wanted.has(date)) continue;
    const clip = (w: WallTime) => (w.date < date ? 0 : w.date > date ? MINUTES_PER_DAY : wallMinutes(w));
    const startMinute = clip(start);
    const endMinute = clip(end);
    const freeMinute = clip(free);
    if (freeMinute <= startMinute) continue;
    pieces.push({
      date,
      block: {
        id: interval.id,
        kind: interval.kind,
        tone: interval.tone,
        title: interval.title,
        startMinute,
        endMinute,
        freeMinute,
        continuesFromPreviousDay: start.date < date,
        continuesToNextDay: free.date > date,
        startLabel: start.time,
        endLabel: end.time,
      },
    });
  }
  return pieces;
}

/**
 * Existing showtimes (and, once times are entered, the new ones) per theater and local day, placed
 * on a 24-hour axis of the theater's own clock so the free stretches show.
 */
export function buildTimeline(params: {
  theaters: readonly PlanTheater[];
  dates: readonly string[];
  existing: readonly TimelineShowtime[];
  plan?: StartPlan;
  check?: PlanCheck;
  newTitle?: string;
}): TimelineRow[] {
  const wanted = new Set(params.dates);
  return params.theaters.map((theater) => {
    const intervals: Interval[] = params.existing
      .filter((s) => s.theaterId === theater.id)
      .map((s) => ({ id: s.id, kind: "existing", tone: "existing", title: s.movieTitle, startsAt: new Date(s.startTime), endsAt: new Date(s.endTime), availableAt: new Date(s.availableAt) }));
    const mine = params.plan?.theaters.find((p) => p.theater.id === theater.id);
    for (const start of mine?.starts ?? []) {
      if (!start.startsAt || !start.endsAt || !start.availableAt) continue;
      const c = params.check?.byKey.get(start.key);
      const clash = Boolean(c && (c.hitsExisting.length || c.overlapsRequested.length || c.serverConflicts.length));
      intervals.push({ id: start.key, kind: "new", tone: start.problem ? "problem" : clash ? "conflict" : "new", title: params.newTitle ?? "New showtime", startsAt: start.startsAt, endsAt: start.endsAt, availableAt: start.availableAt });
    }
    const byDate = new Map<string, TimelineBlock[]>(params.dates.map((d) => [d, []]));
    for (const interval of intervals) {
      for (const { date, block } of piecesOf(interval, theater.timeZone, wanted)) byDate.get(date)!.push(block);
    }
    return {
      theater,
      days: params.dates.map((date) => ({ date, blocks: byDate.get(date)!.sort((a, b) => a.startMinute - b.startMinute || (a.kind === b.kind ? 0 : a.kind === "existing" ? -1 : 1)) })),
    };
  });
}
