/**
 * The showtime wizard's plan, free of React and of the server: a date range and times of day
 * turned into start instants in each theater's own zone, and what the API would refuse spotted
 * before it is asked (DST gaps, times in the past, overlaps). Runs in the browser; tested directly.
 */
import { busyTogether, overlapsWithinRequest, planSlot } from "./conflicts";
import { MAX_SHOWTIMES_PER_BATCH, MAX_START_TIMES_PER_THEATER, type ConflictingShowtime, type UpcomingShowtime } from "./contract";
import { MINUTES_PER_DAY, normalizeTimesOfDay, parseTimeOfDay } from "./times-of-day";
import { datesBetween, dayLabel, fromWallTime, toWallTime, type WallTime } from "./zoned-time";

export const MAX_PLAN_DAYS = 92;

export interface PlanTheater {
  id: string;
  name: string;
  timeZone: string;
  turnoverMinutes: number;
}

/** A showtime that already exists, as POST /showtime-creation/showtimes/find answers it. */
export type TimelineShowtime = Omit<UpcomingShowtime, "theaterName">;

export interface StartTimesForm {
  dateFrom: string;
  dateTo: string;
  /** "shared": every theater uses `sharedTimes`; "perTheater": each uses its own list. */
  mode: "shared" | "perTheater";
  sharedTimes: string[];
  timesByTheater: Record<string, string[]>;
  durationMinutes: number;
}

export type StartProblem = "nonexistent" | "invalid" | "past";

export interface PlannedStart {
  /** Stable across re-plans: theater, local date and local time. */
  key: string;
  theaterId: string;
  date: string;
  time: string;
  /** Null when the wall-clock time does not exist or cannot be read. */
  startsAt: Date | null;
  endsAt: Date | null;
  availableAt: Date | null;
  /** Where the show ends on the theater's clock (another date after midnight). */
  endsAtWall: WallTime | null;
  problem: StartProblem | null;
}

export interface TheaterPlan {
  theater: PlanTheater;
  times: string[];
  starts: PlannedStart[];
}

export interface FormIssue {
  field: "dateFrom" | "dateTo" | "times" | "duration" | `times.${string}`;
  message: string;
}

export interface StartPlan {
  theaters: TheaterPlan[];
  dates: string[];
  issues: FormIssue[];
  total: number;
}

export function startKey(theaterId: string, date: string, time: string): string {
  return `${theaterId}|${date}|${time}`;
}

/**
 * Every start the form stands for: each date of the range × each time of day, per theater, read on
 * that theater's clock. A time skipped by a daylight-saving jump, or already past, is kept in the
 * list with its problem so the form can point at it.
 */
export function planStartTimes(theaters: readonly PlanTheater[], form: StartTimesForm, now: Date): StartPlan {
  const issues: FormIssue[] = [];
  const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
  if (!isDate(form.dateFrom)) issues.push({ field: "dateFrom", message: "Choose the first day" });
  if (!isDate(form.dateTo)) issues.push({ field: "dateTo", message: "Choose the last day" });
  let dates: string[] = [];
  if (isDate(form.dateFrom) && isDate(form.dateTo)) {
    if (form.dateTo < form.dateFrom) issues.push({ field: "dateTo", message: "The last day is before the first day" });
    else {
      dates = datesBetween(form.dateFrom, form.dateTo, MAX_PLAN_DAYS + 1);
      if (dates.length > MAX_PLAN_DAYS) {
        issues.push({ field: "dateTo", message: `At most ${MAX_PLAN_DAYS} days in one batch` });
        dates = dates.slice(0, MAX_PLAN_DAYS);
      }
    }
  }
  if (!Number.isInteger(form.durationMinutes) || form.durationMinutes <= 0) issues.push({ field: "duration", message: "The show needs a length in whole minutes" });
  else if (form.durationMinutes > MINUTES_PER_DAY) issues.push({ field: "duration", message: "A show can last at most 24 hours" });
  const duration = Number.isInteger(form.durationMinutes) && form.durationMinutes > 0 ? form.durationMinutes : 0;

  const plans: TheaterPlan[] = theaters.map((theater) => {
    const raw = form.mode === "shared" ? form.sharedTimes : (form.timesByTheater[theater.id] ?? []);
    const times = normalizeTimesOfDay(raw);
    const field = form.mode === "shared" ? "times" : (`times.${theater.id}` as const);
    if (raw.some((t) => t.trim() !== "" && parseTimeOfDay(t) === null)) issues.push({ field, message: "Use a time like 19:30" });
    if (times.length === 0 && !issues.some((i) => i.field === field)) {
      issues.push({ field, message: form.mode === "shared" ? "Add at least one time of day" : `Add at least one time for ${theater.name}` });
    }
    const starts = dates.flatMap((date) => times.map((time) => planOne(theater, date, time, duration, now)));
    if (starts.length > MAX_START_TIMES_PER_THEATER) issues.push({ field, message: `At most ${MAX_START_TIMES_PER_THEATER.toLocaleString("en-US")} showtimes per theater in one batch; ${theater.name} would get ${starts.length.toLocaleString("en-US")}` });
    return { theater, times, starts };
  });
  const total = plans.reduce((n, p) => n + p.starts.length, 0);
  if (total > MAX_SHOWTIMES_PER_BATCH) issues.push({ field: "dateTo", message: `At most ${MAX_SHOWTIMES_PER_BATCH.toLocaleString("en-US")} showtimes in one batch; this would be ${total.toLocaleString("en-US")}. Split it.` });
  return { theaters: plans, dates, issues: dedupeIssues(issues), total };
}

function dedupeIssues(issues: FormIssue[]): FormIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.field) ? false : (seen.add(i.field), true)));
}

function planOne(theater: PlanTheater, date: string, time: string, durationMinutes: number, now: Date): PlannedStart {
  const key = startKey(theater.id, date, time);
  const zoned = fromWallTime({ date, time }, theater.timeZone);
  if (!zoned.ok) return { key, theaterId: theater.id, date, time, startsAt: null, endsAt: null, availableAt: null, endsAtWall: null, problem: zoned.reason };
  const slot = planSlot(theater.id, zoned.instant, durationMinutes, theater.turnoverMinutes);
  return {
    key,
    theaterId: theater.id,
    date,
    time,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    availableAt: slot.availableAt,
    endsAtWall: toWallTime(slot.endsAt, theater.timeZone),
    problem: slot.startsAt.getTime() <= now.getTime() ? "past" : null,
  };
}

export function describeProblem(problem: StartProblem, start: Pick<PlannedStart, "date" | "time">, zone: string): string {
  switch (problem) {
    case "nonexistent":
      return `${start.time} on ${dayLabel(start.date)} does not exist in ${zone}: the clocks jump forward over it (daylight saving). Pick another time.`;
    case "past":
      return `${dayLabel(start.date)}, ${start.time} has already passed.`;
    case "invalid":
      return `${start.date} ${start.time} is not a valid date and time.`;
  }
}

export interface StartCheck {
  /** Existing showtimes whose busy interval (show plus turnover) meets this start's. */
  hitsExisting: TimelineShowtime[];
  /** Keys of other new starts in the same theater it overlaps. */
  overlapsRequested: string[];
  /** Showtimes the server named when it refused the last batch, hit by this start. */
  serverConflicts: ConflictingShowtime[];
}

export interface PlanCheck {
  byKey: Map<string, StartCheck>;
  problems: number;
  overlaps: number;
  conflictsWithExisting: number;
  /** Nothing the API would refuse at once: no DST gaps, no past times, no overlaps among the new starts. */
  submittable: boolean;
}

const emptyCheck = (): StartCheck => ({ hitsExisting: [], overlapsRequested: [], serverConflicts: [] });

interface ExistingIndex {
  items: { showtime: TimelineShowtime; startsAt: Date; availableAt: Date }[];
  /** The longest busy interval: nothing that starts earlier than that before a slot can reach it. */
  longest: number;
}

/** The existing showtimes (sorted by start) that could meet [from, to): thousands of starts × thousands of shows stay fast. */
function candidatesFor(index: ExistingIndex, from: Date, to: Date): ExistingIndex["items"] {
  const earliest = from.getTime() - index.longest;
  let lo = 0;
  let hi = index.items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.items[mid]!.startsAt.getTime() <= earliest) lo = mid + 1;
    else hi = mid;
  }
  const result: ExistingIndex["items"] = [];
  for (let i = lo; i < index.items.length && index.items[i]!.startsAt.getTime() < to.getTime(); i++) result.push(index.items[i]!);
  return result;
}

/**
 * Checks the plan against the timeline's existing showtimes and against itself, with the same
 * rule as the server: same theater, [start, end + turnover) intervals overlap; back-to-back is fine.
 */
export function checkPlan(plan: StartPlan, existing: readonly TimelineShowtime[], serverConflicts: readonly ConflictingShowtime[] = []): PlanCheck {
  const byKey = new Map<string, StartCheck>();
  const checkOf = (key: string) => {
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = emptyCheck()));
    return c;
  };

  const existingByTheater = new Map<string, ExistingIndex>();
  for (const s of existing) {
    let index = existingByTheater.get(s.theaterId);
    if (!index) existingByTheater.set(s.theaterId, (index = { items: [], longest: 0 }));
    const item = { showtime: s, startsAt: new Date(s.startTime), availableAt: new Date(s.availableAt) };
    index.items.push(item);
    index.longest = Math.max(index.longest, item.availableAt.getTime() - item.startsAt.getTime());
  }
  for (const index of existingByTheater.values()) index.items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

  let problems = 0;
  for (const { theater, starts } of plan.theaters) {
    const theirs = existingByTheater.get(theater.id) ?? { items: [], longest: 0 };
    const keyByInstant = new Map<number, string>();
    for (const start of starts) {
      if (start.problem) problems++;
      if (!start.startsAt || !start.availableAt) continue;
      keyByInstant.set(start.startsAt.getTime(), start.key);
      const slot = { theaterId: theater.id, startsAt: start.startsAt, availableAt: start.availableAt };
      const hits = candidatesFor(theirs, start.startsAt, start.availableAt).filter((e) => busyTogether(slot, { theaterId: theater.id, startsAt: e.startsAt, availableAt: e.availableAt }));
      if (hits.length) checkOf(start.key).hitsExisting.push(...hits.map((h) => h.showtime));
    }
    const slots = starts.filter((s) => s.startsAt && s.endsAt && s.availableAt).map((s) => ({ theaterId: theater.id, startsAt: s.startsAt!, endsAt: s.endsAt!, availableAt: s.availableAt! }));
    for (const pair of overlapsWithinRequest(slots)) {
      const a = keyByInstant.get(pair.first.getTime());
      const b = keyByInstant.get(pair.second.getTime());
      if (a && b) {
        checkOf(a).overlapsRequested.push(b);
        checkOf(b).overlapsRequested.push(a);
      }
    }
    for (const conflict of serverConflicts) {
      if (conflict.theaterId !== theater.id) continue;
      for (const iso of conflict.requestedStartTimes) {
        const key = keyByInstant.get(Date.parse(iso));
        if (key) checkOf(key).serverConflicts.push(conflict);
      }
    }
  }

  let overlaps = 0;
  let conflictsWithExisting = 0;
  for (const c of byKey.values()) {
    if (c.overlapsRequested.length) overlaps++;
    if (c.hitsExisting.length || c.serverConflicts.length) conflictsWithExisting++;
  }
  return { byKey, problems, overlaps, conflictsWithExisting, submittable: plan.issues.length === 0 && problems === 0 && overlaps === 0 && plan.total > 0 };
}
