/**
 * The showtime wizard's logic, free of React and of the server: turning a date range and times of
 * day into start instants in each theater's own zone, spotting what the API would refuse before it
 * is asked (DST gaps, times in the past, overlaps), laying showtimes out on a per-day timeline, and
 * reading a batch's progress events. Runs in the browser; tested directly.
 */
import { busyTogether, overlapsWithinRequest, planSlot } from "./conflicts";
import { datesBetween, fromWallTime, toIsoWithOffset, toWallTime, type WallTime } from "./zoned-time";

export const MAX_PLAN_DAYS = 92;
/** The API's limits (lib/showtimes/batch-request.ts), repeated here so the form can say so first. */
export const MAX_STARTS_PER_THEATER = 2_000;
export const MAX_SHOWTIMES_PER_REQUEST = 20_000;
const MINUTES_PER_DAY = 24 * 60;

export interface PlanTheater {
  id: string;
  name: string;
  timeZone: string;
  turnoverMinutes: number;
}

/** A showtime that already exists, as POST /showtime-creation/showtimes/find answers it. */
export interface TimelineShowtime {
  id: string;
  theaterId: string;
  movieId: string;
  movieTitle: string;
  startTime: string;
  endTime: string;
  availableAt: string;
}

/** A showtime the server refused the batch for, as a failed batch reports it. */
export interface ServerConflict {
  id: string;
  movieId: string;
  movieTitle: string;
  theaterId: string;
  theaterName: string;
  startTime: string;
  endTime: string;
  requestedStartTimes: string[];
}

// ---------------------------------------------------------------------------------------------
// Times of day
// ---------------------------------------------------------------------------------------------

/** "7:05", "07:05" or "07:05:00" → "07:05"; anything else → null. */
export function parseTimeOfDay(text: string): string | null {
  const m = /^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** The valid times of a list, each once, in clock order. */
export function normalizeTimesOfDay(times: readonly string[]): string[] {
  const valid = new Set<string>();
  for (const t of times) {
    const parsed = parseTimeOfDay(t);
    if (parsed) valid.add(parsed);
  }
  return [...valid].sort();
}

export function addMinutesToTime(time: string, minutes: number): string {
  const parsed = parseTimeOfDay(time);
  if (!parsed) return time;
  const total = (((Number(parsed.slice(0, 2)) * 60 + Number(parsed.slice(3)) + minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Building the start times
// ---------------------------------------------------------------------------------------------

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
    if (starts.length > MAX_STARTS_PER_THEATER) issues.push({ field, message: `At most ${MAX_STARTS_PER_THEATER.toLocaleString("en-US")} showtimes per theater in one batch; ${theater.name} would get ${starts.length.toLocaleString("en-US")}` });
    return { theater, times, starts };
  });
  const total = plans.reduce((n, p) => n + p.starts.length, 0);
  if (total > MAX_SHOWTIMES_PER_REQUEST) issues.push({ field: "dateTo", message: `At most ${MAX_SHOWTIMES_PER_REQUEST.toLocaleString("en-US")} showtimes in one batch; this would be ${total.toLocaleString("en-US")}. Split it.` });
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

// ---------------------------------------------------------------------------------------------
// Conflicts the browser can see
// ---------------------------------------------------------------------------------------------

export interface StartCheck {
  /** Existing showtimes whose busy interval (show plus turnover) meets this start's. */
  hitsExisting: TimelineShowtime[];
  /** Keys of other new starts in the same theater it overlaps. */
  overlapsRequested: string[];
  /** Showtimes the server named when it refused the last batch, hit by this start. */
  serverConflicts: ServerConflict[];
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
export function checkPlan(plan: StartPlan, existing: readonly TimelineShowtime[], serverConflicts: readonly ServerConflict[] = []): PlanCheck {
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

// ---------------------------------------------------------------------------------------------
// The request
// ---------------------------------------------------------------------------------------------

export interface BatchRequestBody {
  movieId: string;
  theaterIds: string[];
  durationInMinutes: number;
  startTimesByTheater: Record<string, string[]>;
}

/**
 * The POST body: each theater's own list of instants written with that theater's offset (shared
 * wall-clock times are different instants in different zones). `keysByTheater` lines the API's
 * field errors ("startTimesByTheater.<id>.<i>") up with the form's starts.
 */
export function toBatchRequest(movieId: string, plan: StartPlan, durationMinutes: number): { ok: true; body: BatchRequestBody; keysByTheater: Record<string, string[]> } | { ok: false; reason: string } {
  if (plan.issues.length) return { ok: false, reason: plan.issues[0]!.message };
  const startTimesByTheater: Record<string, string[]> = {};
  const keysByTheater: Record<string, string[]> = {};
  for (const { theater, starts } of plan.theaters) {
    const bad = starts.find((s) => s.problem || !s.startsAt);
    if (bad) return { ok: false, reason: describeProblem(bad.problem ?? "invalid", bad, theater.timeZone) };
    if (!starts.length) return { ok: false, reason: `No start times for ${theater.name}` };
    startTimesByTheater[theater.id] = starts.map((s) => toIsoWithOffset(s.startsAt!, theater.timeZone));
    keysByTheater[theater.id] = starts.map((s) => s.key);
  }
  if (!plan.theaters.length) return { ok: false, reason: "Choose at least one theater" };
  return { ok: true, body: { movieId, theaterIds: plan.theaters.map((p) => p.theater.id), durationInMinutes: durationMinutes, startTimesByTheater }, keysByTheater };
}

/**
 * The API's field errors placed on the form: per start (by key), per theater, and the rest.
 * "startTimesByTheater.T1.3" is the fourth start sent for theater T1.
 */
export function placeServerFieldErrors(fields: Record<string, string>, keysByTheater: Record<string, string[]>): { byStart: Record<string, string>; byTheater: Record<string, string>; other: string[] } {
  const byStart: Record<string, string> = {};
  const byTheater: Record<string, string> = {};
  const other: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const m = /^startTimesByTheater\.(.+?)(?:\.(\d+))?$/.exec(field);
    const keys = m ? keysByTheater[m[1]!] : undefined;
    if (m && keys) {
      const key = m[2] !== undefined ? keys[Number(m[2])] : undefined;
      if (key) byStart[key] = message;
      else byTheater[m[1]!] = message;
    } else other.push(field === "body" || field === "" ? message : `${field}: ${message}`);
  }
  return { byStart, byTheater, other };
}

// ---------------------------------------------------------------------------------------------
// The timeline
// ---------------------------------------------------------------------------------------------

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

/** Today's date on a zone's clock. */
export function todayIn(zone: string, now: Date): string {
  return toWallTime(now, zone).date;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const weekdayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });

/** "Mon 7 Dec" for a YYYY-MM-DD date, whatever the browser's zone. */
export function dayLabel(date: string): string {
  return weekdayFormat.format(new Date(`${date}T12:00:00Z`)).replace(",", "");
}

/** An instant on a zone's clock: "Mon 7 Dec, 19:30". */
export function formatInZone(iso: string | Date, zone: string): string {
  const w = toWallTime(typeof iso === "string" ? new Date(iso) : iso, zone);
  return `${dayLabel(w.date)}, ${w.time}`;
}

/** "19:30–21:45" with the end's day when it differs ("19:30–00:15 (Tue 8 Dec)"). */
export function formatRangeInZone(startIso: string | Date, endIso: string | Date, zone: string): string {
  const s = toWallTime(typeof startIso === "string" ? new Date(startIso) : startIso, zone);
  const e = toWallTime(typeof endIso === "string" ? new Date(endIso) : endIso, zone);
  return `${dayLabel(s.date)}, ${s.time}–${e.time}${e.date !== s.date ? ` (${dayLabel(e.date)})` : ""}`;
}

// ---------------------------------------------------------------------------------------------
// Batch progress
// ---------------------------------------------------------------------------------------------

export const BATCH_STATUSES = ["waiting", "processing", "succeeded", "failed", "error"] as const;
export const BATCH_PHASES = ["waiting", "validating", "creating_showtimes", "creating_tickets", "done"] as const;
export type BatchStatusName = (typeof BATCH_STATUSES)[number];
export type BatchPhaseName = (typeof BATCH_PHASES)[number];

export interface BatchProgress {
  transactionId: string;
  status: BatchStatusName;
  phase: BatchPhaseName;
  totalShowtimes: number;
  totalTickets: number;
  createdShowtimes: number;
  createdTickets: number;
  conflictingShowtimes?: ServerConflict[];
  message?: string | null;
}

export function isTerminalStatus(status: BatchStatusName): boolean {
  return status === "succeeded" || status === "failed" || status === "error";
}

/** One SSE `data:` payload, checked: a malformed event is ignored rather than shown. */
export function parseBatchEvent(data: string): BatchProgress | null {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const status = BATCH_STATUSES.find((s) => s === r.status);
  const phase = BATCH_PHASES.find((p) => p === r.phase);
  const counts = [num(r.totalShowtimes), num(r.totalTickets), num(r.createdShowtimes), num(r.createdTickets)];
  if (typeof r.transactionId !== "string" || !status || !phase || counts.some((c) => c === null)) return null;
  return {
    transactionId: r.transactionId,
    status,
    phase,
    totalShowtimes: counts[0]!,
    totalTickets: counts[1]!,
    createdShowtimes: counts[2]!,
    createdTickets: counts[3]!,
    conflictingShowtimes: Array.isArray(r.conflictingShowtimes) ? (r.conflictingShowtimes as ServerConflict[]) : undefined,
    message: typeof r.message === "string" ? r.message : undefined,
  };
}

export const PHASE_LABELS: Record<BatchPhaseName, string> = {
  waiting: "Waiting",
  validating: "Validating",
  creating_showtimes: "Creating showtimes",
  creating_tickets: "Creating tickets",
  done: "Done",
};

export interface ProgressView {
  /** 0–100 for the bar. */
  percent: number;
  /** What is happening now, for the bar's text and the live region. */
  label: string;
  steps: { phase: BatchPhaseName; label: string; state: "done" | "current" | "upcoming" | "stopped" }[];
}

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Where a batch stands as one number and a sentence. Showtimes are the first half of the bar and
 * tickets the second: tickets are many more rows, but each phase is one step to the admin.
 */
export function progressView(p: BatchProgress): ProgressView {
  const ratio = (n: number, total: number) => (total > 0 ? Math.min(1, n / total) : 1);
  let percent: number;
  let label: string;
  switch (p.phase) {
    case "waiting":
      percent = 0;
      label = "Waiting for a worker";
      break;
    case "validating":
      percent = 5;
      label = "Validating: checking for conflicts";
      break;
    case "creating_showtimes":
      percent = 5 + Math.round(45 * ratio(p.createdShowtimes, p.totalShowtimes));
      label = `Creating showtimes (${fmt(p.createdShowtimes)} of ${fmt(p.totalShowtimes)})`;
      break;
    case "creating_tickets":
      percent = 50 + Math.round(50 * ratio(p.createdTickets, p.totalTickets));
      label = `Creating tickets (${fmt(p.createdTickets)} of ${fmt(p.totalTickets)})`;
      break;
    case "done":
      percent = 100;
      label =
        p.status === "succeeded"
          ? `Done: ${fmt(p.createdShowtimes)} showtimes and ${fmt(p.createdTickets)} tickets created`
          : p.status === "failed"
            ? `Refused: ${fmt(p.conflictingShowtimes?.length ?? 0)} conflicting showtime${p.conflictingShowtimes?.length === 1 ? "" : "s"}; nothing was created`
            : "Stopped with an error; nothing was created";
      break;
  }
  if (p.status === "failed" || p.status === "error") percent = 100;
  const current = BATCH_PHASES.indexOf(p.phase);
  // A refused batch stops at validation; one that broke may have stopped anywhere, and rolled back.
  const stoppedAt: BatchPhaseName | null = p.status === "failed" ? "validating" : p.status === "error" ? "done" : null;
  const steps = BATCH_PHASES.map((phase, i) => {
    let state: ProgressView["steps"][number]["state"];
    if (stoppedAt) state = phase === stoppedAt ? "stopped" : i < BATCH_PHASES.indexOf(stoppedAt) && phase === "waiting" ? "done" : "upcoming";
    else if (p.status === "succeeded" || i < current) state = "done";
    else state = i === current ? "current" : "upcoming";
    return { phase, label: PHASE_LABELS[phase], state };
  });
  return { percent, label, steps };
}

function progressRank(p: BatchProgress): number {
  if (isTerminalStatus(p.status)) return Number.MAX_SAFE_INTEGER;
  return BATCH_PHASES.indexOf(p.phase) * 1e12 + p.createdShowtimes + p.createdTickets;
}

/**
 * Of two reports on one batch (a live event and a status read), the one further along: the stream
 * and the fallback poll may answer in either order, and the bar must never move backwards.
 */
export function furtherProgress(a: BatchProgress | null, b: BatchProgress | null): BatchProgress | null {
  if (!a || !b) return a ?? b;
  return progressRank(b) >= progressRank(a) ? b : a;
}
