/**
 * "Score per minute by group", the chart of seed 000's dashboard: the mean position score of each
 * variant per time bucket, on one shared time axis, with the action cycles (A/A or A/B periods of
 * the simulation) marked so they can be shaded side by side.
 */

export type CyclePhase = "A/A" | "A/B";

/** One variant's scores in one minute, as a GROUP BY over the session log or its rollup gives them. */
export interface MinuteScoreRow {
  /** Any instant within the minute (a Date, epoch milliseconds or an ISO string). */
  minute: Date | number | string;
  variant: string;
  /** Scored sessions and the sum of their scores. */
  n: number;
  sum: number;
  actionCycle: number | null;
}

export interface ScoreSeriesPoint {
  /** Start of the bucket, ISO 8601 in UTC. */
  minute: string;
  actionCycle: number | null;
  phase: CyclePhase | null;
  /** Per variant: scored sessions in the bucket (0 in a gap). */
  sessions: Record<string, number>;
  /** Per variant: mean score in the bucket, null where it had no scored session (a gap in its line). */
  meanScore: Record<string, number | null>;
}

export interface CyclePeriod {
  actionCycle: number;
  phase: CyclePhase;
  /** Start of its first bucket and end of its last (exclusive), ISO 8601. */
  from: string;
  to: string;
}

export interface ScoreSeries {
  variants: string[];
  bucketMinutes: number;
  points: ScoreSeriesPoint[];
  periods: CyclePeriod[];
}

export interface ScoreSeriesOptions {
  /** Whether a cycle compared a model with itself (A/A) or two models (A/B). */
  phaseOfCycle: (actionCycle: number) => CyclePhase;
  bucketMinutes?: number;
  /** The axis to cover; by default from the first row's bucket to the last one's. */
  from?: Date;
  to?: Date;
  /** Variants in legend order; by default those in the rows, sorted by name. */
  variants?: readonly string[];
}

const MINUTE_MS = 60_000;
/** Far more buckets than a chart can draw: a request this large is a mistake, not a chart. */
const MAX_BUCKETS = 100_000;
const BUCKET_CHOICES = [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440];

/** The smallest usual bucket width (1, 2, 5, 10, 15, 30 minutes, 1, 2, 4, 6, 12, 24 hours) that keeps a range within `maxPoints` buckets. */
export function bucketMinutesFor(from: Date, to: Date, maxPoints: number): number {
  const rangeMinutes = Math.max(0, to.getTime() - from.getTime()) / MINUTE_MS;
  return BUCKET_CHOICES.find((minutes) => Math.floor(rangeMinutes / minutes) + 1 <= maxPoints) ?? BUCKET_CHOICES.at(-1)!;
}

function bucketStart(at: Date | number | string, bucketMs: number): number {
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${String(at)}`);
  return Math.floor(ms / bucketMs) * bucketMs;
}

export function scoreSeries(rows: readonly MinuteScoreRow[], options: ScoreSeriesOptions): ScoreSeries {
  const bucketMinutes = options.bucketMinutes ?? 1;
  if (!Number.isInteger(bucketMinutes) || bucketMinutes < 1) throw new RangeError(`bucketMinutes must be a positive whole number, got ${bucketMinutes}`);
  const bucketMs = bucketMinutes * MINUTE_MS;
  const variants = options.variants ? [...options.variants] : [...new Set(rows.map((row) => row.variant))].sort();

  // Totals per bucket and variant, and the latest cycle seen in each bucket (cycles only advance).
  const totals = new Map<number, Map<string, { n: number; sum: number }>>();
  const cycleOfBucket = new Map<number, number>();
  for (const row of rows) {
    const start = bucketStart(row.minute, bucketMs);
    const byVariant = totals.get(start) ?? new Map<string, { n: number; sum: number }>();
    totals.set(start, byVariant);
    const total = byVariant.get(row.variant) ?? { n: 0, sum: 0 };
    byVariant.set(row.variant, { n: total.n + row.n, sum: total.sum + row.sum });
    if (row.actionCycle !== null) cycleOfBucket.set(start, Math.max(row.actionCycle, cycleOfBucket.get(start) ?? row.actionCycle));
  }

  const starts = [...totals.keys()];
  if (starts.length === 0 && !(options.from && options.to)) return { variants, bucketMinutes, points: [], periods: [] };
  const first = options.from ? bucketStart(options.from, bucketMs) : starts.reduce((min, start) => Math.min(min, start));
  const last = options.to ? bucketStart(options.to, bucketMs) : starts.reduce((max, start) => Math.max(max, start));
  const bucketCount = Math.floor((last - first) / bucketMs) + 1;
  if (bucketCount > MAX_BUCKETS) throw new RangeError(`${bucketCount} buckets of ${bucketMinutes} min; use a wider bucket (bucketMinutesFor)`);

  // A bucket before the range whose cycle should carry into it: the latest one with a cycle.
  let actionCycle: number | null = null;
  for (const [start, cycle] of cycleOfBucket) if (start < first && (actionCycle === null || cycle > actionCycle)) actionCycle = cycle;

  const points: ScoreSeriesPoint[] = [];
  const periods: CyclePeriod[] = [];
  for (let i = 0; i < Math.max(0, bucketCount); i++) {
    const start = first + i * bucketMs;
    // A bucket without traffic stays in the cycle before it: cycles change only as sessions arrive.
    actionCycle = cycleOfBucket.get(start) ?? actionCycle;
    const phase = actionCycle === null ? null : options.phaseOfCycle(actionCycle);
    const byVariant = totals.get(start);
    const sessions: Record<string, number> = {};
    const meanScore: Record<string, number | null> = {};
    for (const variant of variants) {
      const total = byVariant?.get(variant);
      sessions[variant] = total?.n ?? 0;
      meanScore[variant] = total && total.n > 0 ? total.sum / total.n : null;
    }
    const minute = new Date(start).toISOString();
    points.push({ minute, actionCycle, phase, sessions, meanScore });

    const end = new Date(start + bucketMs).toISOString();
    const open = periods.at(-1);
    if (actionCycle === null || phase === null) continue;
    if (open && open.actionCycle === actionCycle) open.to = end;
    else periods.push({ actionCycle, phase, from: minute, to: end });
  }
  return { variants, bucketMinutes, points, periods };
}
