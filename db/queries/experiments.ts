import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type AnyColumn } from "drizzle-orm";
import type { ExperimentStatus, ExperimentVariant } from "@/lib/experiments/contract";
import { statsShardOf, type VariantAggregate } from "@/lib/experiments/aggregates";
import type { ClusteredSums } from "@/lib/experiments/statistics";
import type { PerUserSums } from "@/lib/experiments/verdict";
import type { Db } from "../client";
import { experimentDailyStats, experimentMinuteScores, experimentUserStats, experiments } from "../schema";
import type { NewSession } from "./recs";

export type ExperimentRow = typeof experiments.$inferSelect;

export async function insertExperiment(
  db: Db,
  row: { name: string; description: string; mode: "ab" | "aa"; context: string | null; variants: ExperimentVariant[]; status: ExperimentStatus; startedAt: Date | null; endsAt: Date | null; createdBy: string | null },
) {
  const [inserted] = await db.insert(experiments).values(row).returning();
  return inserted!;
}

export async function findExperiment(db: Db, id: string) {
  const [row] = await db.select().from(experiments).where(eq(experiments.id, id));
  return row ?? null;
}

export async function updateExperiment(db: Db, id: string, patch: Partial<Pick<ExperimentRow, "name" | "description" | "status" | "startedAt" | "stoppedAt" | "endsAt">>, now: Date) {
  const [row] = await db
    .update(experiments)
    .set({ ...patch, updatedAt: now })
    .where(eq(experiments.id, id))
    .returning();
  return row ?? null;
}

export async function listExperiments(db: Db, params: { status?: ExperimentStatus; limit: number; offset: number }) {
  const where = params.status ? eq(experiments.status, params.status) : undefined;
  const [items, [total]] = await Promise.all([
    db.select().from(experiments).where(where).orderBy(desc(experiments.createdAt), asc(experiments.id)).limit(params.limit).offset(params.offset),
    db.select({ n: count() }).from(experiments).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function runningExperiments(db: Db) {
  return db.select().from(experiments).where(eq(experiments.status, "running")).orderBy(asc(experiments.startedAt));
}

/** Running experiments whose end has come are stopped; returns how many. */
export async function stopEndedExperiments(db: Db, now: Date): Promise<number> {
  const stopped = await db
    .update(experiments)
    .set({ status: "stopped", stoppedAt: now, updatedAt: now })
    .where(and(eq(experiments.status, "running"), sql`${experiments.endsAt} <= ${now.toISOString()}::timestamptz`))
    .returning({ id: experiments.id });
  return stopped.length;
}

/**
 * Logs a session of an experiment in one statement: the session itself, the user's assignment
 * (the first time only), the user's totals in the variant (one more session), and the variant's
 * day totals (one more session, its impressions, one more Precision@K observation, which is 0
 * until feedback names a positive, and one more user when the assignment is new).
 */
export async function logExperimentSession(db: Db, session: NewSession & { experimentId: string; variant: string }) {
  const shard = statsShardOf(session.userId);
  const day = session.createdAt.toISOString().slice(0, 10);
  await db.execute(sql`
    with logged as (
      insert into recommendation_sessions (session_id, created_at, user_id, algorithm, model_version_id, context, movie_ids, cached, experiment_id, variant, user_type, action_cycle)
      values (${session.sessionId}::uuid, ${session.createdAt.toISOString()}::timestamptz, ${session.userId}, ${session.algorithm}, ${session.modelVersionId},
              ${session.context}, array(select jsonb_array_elements_text(${JSON.stringify(session.movieIds)}::jsonb)), ${session.cached},
              ${session.experimentId}::uuid, ${session.variant}, ${session.userType ?? null}, ${session.actionCycle ?? null})
      returning 1
    ),
    assigned as (
      insert into experiment_assignments (experiment_id, user_id, variant, first_seen_at)
      values (${session.experimentId}::uuid, ${session.userId}, ${session.variant}, ${session.createdAt.toISOString()}::timestamptz)
      on conflict (experiment_id, user_id) do nothing
      returning 1
    ),
    counted as (
      insert into experiment_user_stats (experiment_id, variant, user_id, sessions)
      select ${session.experimentId}::uuid, ${session.variant}, ${session.userId}, count(*) from logged
      on conflict (experiment_id, variant, user_id) do update set sessions = experiment_user_stats.sessions + excluded.sessions
      returning 1
    )
    insert into experiment_daily_stats (experiment_id, variant, day, shard, users, sessions, impressions, precision_n)
    select ${session.experimentId}::uuid, ${session.variant}, ${day}, ${shard}, (select count(*) from assigned), (select count(*) from logged), ${session.movieIds.length}, (select count(*) from counted)
    on conflict (experiment_id, variant, day, shard) do update
      set users = experiment_daily_stats.users + excluded.users,
          sessions = experiment_daily_stats.sessions + excluded.sessions,
          impressions = experiment_daily_stats.impressions + excluded.impressions,
          precision_n = experiment_daily_stats.precision_n + excluded.precision_n
  `);
}

/** Adds a change of a session's contribution (feedback after the fact) to its variant's day totals. */
export async function addToDailyStats(tx: Db, key: { experimentId: string; variant: string; day: string; shard: number }, delta: VariantAggregate) {
  const values = {
    ...key,
    users: 0,
    sessions: delta.sessions,
    impressions: delta.impressions,
    clicks: delta.clicks,
    likes: delta.likes,
    dislikes: delta.dislikes,
    scoreN: delta.positionScore.n,
    scoreSum: delta.positionScore.sum,
    scoreSumSquares: delta.positionScore.sumSquares,
    precisionN: delta.precisionAtK.n,
    precisionSum: delta.precisionAtK.sum,
    precisionSumSquares: delta.precisionAtK.sumSquares,
    recallN: delta.recallAtK.n,
    recallSum: delta.recallAtK.sum,
    recallSumSquares: delta.recallAtK.sumSquares,
  };
  await tx
    .insert(experimentDailyStats)
    .values(values)
    .onConflictDoUpdate({
      target: [experimentDailyStats.experimentId, experimentDailyStats.variant, experimentDailyStats.day, experimentDailyStats.shard],
      set: addedOnConflict("experiment_daily_stats", [
        "sessions", "impressions", "clicks", "likes", "dislikes", "scoreN", "scoreSum", "scoreSumSquares", "precisionN", "precisionSum", "precisionSumSquares", "recallN", "recallSum", "recallSumSquares",
      ]),
    });
}

/** Adds a change of a session's contribution (feedback after the fact) to its user's totals in the variant. */
export async function addToUserStats(tx: Db, key: { experimentId: string; variant: string; userId: string }, delta: VariantAggregate) {
  const u = experimentUserStats;
  const values = {
    ...key,
    clicks: delta.clicks,
    likes: delta.likes,
    reactions: delta.likes + delta.dislikes,
    scoreN: delta.positionScore.n,
    scoreSum: delta.positionScore.sum,
    precisionSum: delta.precisionAtK.sum,
    recallN: delta.recallAtK.n,
    recallSum: delta.recallAtK.sum,
  };
  await tx
    .insert(u)
    .values(values)
    .onConflictDoUpdate({
      target: [u.experimentId, u.variant, u.userId],
      set: addedOnConflict("experiment_user_stats", ["clicks", "likes", "reactions", "scoreN", "scoreSum", "precisionSum", "recallN", "recallSum"]),
    });
}

/** The SET of an upsert that adds the new row's values to the stored ones, column by column. */
function addedOnConflict(table: string, columns: readonly string[]) {
  return Object.fromEntries(columns.map((column) => [column, sql.raw(`${table}.${toSnake(column)} + excluded.${toSnake(column)}`)]));
}

function toSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Adds to a variant's position scores of one minute (a selection, or a change of one). */
export async function addMinuteScore(tx: Db, row: { experimentId: string; variant: string; minute: Date; actionCycle: number | null; shard: number; n: number; sum: number }) {
  await tx
    .insert(experimentMinuteScores)
    .values({ ...row, actionCycle: row.actionCycle ?? -1 })
    .onConflictDoUpdate({
      target: [experimentMinuteScores.experimentId, experimentMinuteScores.variant, experimentMinuteScores.minute, experimentMinuteScores.actionCycle, experimentMinuteScores.shard],
      set: { n: sql`${experimentMinuteScores.n} + excluded.n`, sum: sql`${experimentMinuteScores.sum} + excluded.sum` },
    });
}

/** Each variant's totals over every day: what the results page computes from. */
export async function variantTotals(db: Db, experimentId: string) {
  const s = experimentDailyStats;
  return db
    .select({
      variant: s.variant,
      users: sql<number>`sum(${s.users})::int`,
      sessions: sql<number>`sum(${s.sessions})::int`,
      impressions: sql<number>`sum(${s.impressions})::float8`,
      clicks: sql<number>`sum(${s.clicks})::int`,
      likes: sql<number>`sum(${s.likes})::int`,
      dislikes: sql<number>`sum(${s.dislikes})::int`,
      scoreN: sql<number>`sum(${s.scoreN})::int`,
      scoreSum: sql<number>`sum(${s.scoreSum})::float8`,
      scoreSumSquares: sql<number>`sum(${s.scoreSumSquares})::float8`,
      precisionN: sql<number>`sum(${s.precisionN})::int`,
      precisionSum: sql<number>`sum(${s.precisionSum})::float8`,
      precisionSumSquares: sql<number>`sum(${s.precisionSumSquares})::float8`,
      recallN: sql<number>`sum(${s.recallN})::int`,
      recallSum: sql<number>`sum(${s.recallSum})::float8`,
      recallSumSquares: sql<number>`sum(${s.recallSumSquares})::float8`,
    })
    .from(s)
    .where(eq(s.experimentId, experimentId))
    .groupBy(s.variant);
}

/**
 * Per variant, each metric's sums over users, y_u / n_u: how many users have a denominator, Σy, Σn,
 * Σy², Σn², Σyn. One pass over the experiment's users (one row each), not its sessions.
 */
export async function perUserSums(db: Db, experimentId: string): Promise<Map<string, PerUserSums>> {
  const u = experimentUserStats;
  const metrics: Record<keyof PerUserSums, readonly [AnyColumn, AnyColumn]> = {
    clicksPerSession: [u.clicks, u.sessions],
    likesPerReaction: [u.likes, u.reactions],
    scorePerSelection: [u.scoreSum, u.scoreN],
    precisionPerSession: [u.precisionSum, u.sessions],
    recallPerSession: [u.recallSum, u.recallN],
  };
  const columns = Object.entries(metrics).flatMap(([name, [y, n]]) => [
    [`${name}.clusters`, sql<number>`(count(*) filter (where ${n} > 0))::float8`],
    [`${name}.sumY`, sql<number>`sum(${y})::float8`],
    [`${name}.sumN`, sql<number>`sum(${n})::float8`],
    [`${name}.sumYY`, sql<number>`sum(${y}::float8 * ${y})`],
    [`${name}.sumNN`, sql<number>`sum(${n}::float8 * ${n})`],
    [`${name}.sumYN`, sql<number>`sum(${y}::float8 * ${n})`],
  ]);
  const rows = await db
    .select({ variant: u.variant, ...Object.fromEntries(columns) })
    .from(u)
    .where(eq(u.experimentId, experimentId))
    .groupBy(u.variant);
  return new Map(
    rows.map((row) => {
      const record = row as Record<string, unknown>;
      const sumsOf = (metric: string): ClusteredSums => ({
        clusters: Number(record[`${metric}.clusters`]),
        sumY: Number(record[`${metric}.sumY`]),
        sumN: Number(record[`${metric}.sumN`]),
        sumYY: Number(record[`${metric}.sumYY`]),
        sumNN: Number(record[`${metric}.sumNN`]),
        sumYN: Number(record[`${metric}.sumYN`]),
      });
      return [row.variant, Object.fromEntries(Object.keys(metrics).map((metric) => [metric, sumsOf(metric)])) as Record<keyof PerUserSums, ClusteredSums>];
    }),
  );
}

/** The first and last minute with a score: what the chart's bucket width is chosen from. */
export async function minuteScoreRange(db: Db, experimentId: string): Promise<{ from: Date; to: Date } | null> {
  const m = experimentMinuteScores;
  const [row] = await db
    .select({ from: sql<string | null>`min(${m.minute})`, to: sql<string | null>`max(${m.minute})` })
    .from(m)
    .where(eq(m.experimentId, experimentId));
  return row?.from && row.to ? { from: new Date(row.from), to: new Date(row.to) } : null;
}

/**
 * The per-minute scores summed into buckets of `bucketMinutes` (aligned to the epoch, as
 * lib/experiments/series.ts aligns them), per variant and action cycle: a few hundred rows for the
 * chart however long the experiment ran, instead of every minute of it.
 */
export async function bucketedMinuteScores(db: Db, experimentId: string, bucketMinutes: number) {
  const m = experimentMinuteScores;
  if (!Number.isInteger(bucketMinutes) || bucketMinutes < 1) throw new RangeError(`bucketMinutes must be a positive whole number, got ${bucketMinutes}`);
  // Written into the statement (a checked whole number): GROUP BY must see the same expression as the select list, and parameters would differ.
  const seconds = sql.raw(String(bucketMinutes * 60));
  const bucket = sql<string>`to_timestamp(floor(extract(epoch from ${m.minute}) / ${seconds}) * ${seconds})`;
  const rows = await db
    .select({ minute: bucket, variant: m.variant, actionCycle: m.actionCycle, n: sql<number>`sum(${m.n})::int`, sum: sql<number>`sum(${m.sum})::float8` })
    .from(m)
    .where(eq(m.experimentId, experimentId))
    .groupBy(bucket, m.variant, m.actionCycle)
    .orderBy(bucket);
  return rows.map((row) => ({ ...row, minute: new Date(row.minute), n: Number(row.n), sum: Number(row.sum) }));
}

/** Sessions logged so far per experiment, from the day totals (a row per variant and day, not the log). */
export async function sessionsPerExperiment(db: Db, experimentIds: string[]): Promise<Map<string, number>> {
  if (experimentIds.length === 0) return new Map();
  const s = experimentDailyStats;
  const rows = await db
    .select({ experimentId: s.experimentId, sessions: sql<number>`sum(${s.sessions})::float8` })
    .from(s)
    .where(inArray(s.experimentId, experimentIds))
    .groupBy(s.experimentId);
  return new Map(rows.map((row) => [row.experimentId, Number(row.sessions)]));
}
