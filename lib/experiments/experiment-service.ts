import "server-only";
import type { Db } from "@/db/client";
import { bucketedMinuteScores, findExperiment, insertExperiment, listExperiments, minuteScoreRange, perUserSums, runningExperiments, sessionsPerExperiment, updateExperiment, variantTotals, type ExperimentRow } from "@/db/queries/experiments";
import { findModelVersion } from "@/db/queries/recs";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { page } from "@/lib/http/pagination";
import { DEFAULT_CUTOFF_K, emptyAggregate, type VariantAggregate } from "./aggregates";
import { assignVariant } from "./assignment";
import type { CreateExperimentInput, Experiment, ExperimentPage, ExperimentResults, ExperimentStatus, ExperimentVariant } from "./contract";
import type { VariantFigures } from "./prometheus";
import { bucketMinutesFor, scoreSeries } from "./series";
import { experimentVerdict, type PerUserSums } from "./verdict";

export function experimentView(row: ExperimentRow): Experiment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    mode: row.mode,
    status: row.status,
    context: row.context,
    variants: row.variants,
    startedAt: row.startedAt?.toISOString() ?? null,
    stoppedAt: row.stoppedAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A pinned version must exist, be trained, and be of the variant's algorithm: a 422 naming it otherwise. */
async function checkPinnedVersions(db: Db, variants: ExperimentVariant[]) {
  const fields: FieldErrors = {};
  for (const [i, variant] of variants.entries()) {
    if (variant.version === null) continue;
    const version = await findModelVersion(db, variant.version);
    if (!version) fields[`variants.${i}.version`] = `No model version ${variant.version}`;
    else if (version.algorithm !== variant.algorithm) fields[`variants.${i}.version`] = `Version ${variant.version} is ${version.algorithm}, not ${variant.algorithm}`;
    else if (version.status !== "ready") fields[`variants.${i}.version`] = `Version ${variant.version} is ${version.status}, not ready`;
  }
  if (Object.keys(fields).length) throw new AppError("unprocessable:experiment", "A variant names a model version that cannot be served", { fields });
}

/**
 * A split in percent becomes the variants' weights; a start time makes it running from then on (one
 * in the past starts it now); a stop time must still be ahead.
 */
export async function createExperiment(db: Db, input: CreateExperimentInput, createdBy: string | null, now: Date): Promise<Experiment> {
  await checkPinnedVersions(db, input.variants);
  const startsAt = input.startsAt ? new Date(Math.max(Date.parse(input.startsAt), now.getTime())) : input.start ? now : null;
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (endsAt && endsAt <= (startsAt ?? now)) throw new AppError("unprocessable:experiment", "The stop time has already passed", { fields: { endsAt: startsAt ? "Must come after the start" : "Must be in the future" } });
  const { split } = input;
  const row = await insertExperiment(db, {
    name: input.name,
    description: input.description,
    mode: input.mode,
    context: input.context,
    variants: split ? input.variants.map((variant, i) => ({ ...variant, weight: split[i]! })) : input.variants,
    status: startsAt ? "running" : "draft",
    startedAt: startsAt,
    endsAt,
    createdBy,
  });
  forgetRunningExperiments();
  return experimentView(row);
}

export async function getExperiment(db: Db, id: string): Promise<ExperimentRow> {
  const row = await findExperiment(db, id);
  if (!row) throw new AppError("not_found:experiment", `No experiment '${id}'`, { fields: { id: "Not found" } });
  return row;
}

export async function listExperimentPage(db: Db, query: { status?: ExperimentStatus; limit: number; offset: number }): Promise<ExperimentPage> {
  const { items, total } = await listExperiments(db, query);
  const sessions = await sessionsPerExperiment(db, items.map((row) => row.id));
  return page(
    items.map((row) => ({ ...experimentView(row), sessions: sessions.get(row.id) ?? 0 })),
    total,
    query.limit,
    query.offset,
  );
}

/** Draft → running → stopped; a stopped experiment is not started again (its figures would mix two periods). */
export async function changeExperiment(db: Db, id: string, patch: { status?: "running" | "stopped"; name?: string; description?: string; endsAt?: string | null }, now: Date): Promise<Experiment> {
  const current = await getExperiment(db, id);
  const change: Parameters<typeof updateExperiment>[2] = {};
  if (patch.name !== undefined) change.name = patch.name;
  if (patch.description !== undefined) change.description = patch.description;
  if (patch.endsAt !== undefined) change.endsAt = patch.endsAt === null ? null : new Date(patch.endsAt);
  if (patch.status && patch.status !== current.status) {
    if (current.status === "stopped") throw new AppError("conflict:experiment", "A stopped experiment stays stopped; create a new one", { fields: { status: "Stopped" } });
    change.status = patch.status;
    if (patch.status === "running") change.startedAt = now;
    else change.stoppedAt = now;
  } else if (patch.status === "running" && current.startedAt && current.startedAt > now) {
    // Starting one that is scheduled for later brings its start forward to now.
    change.startedAt = now;
  }
  const row = await updateExperiment(db, id, change, now);
  forgetRunningExperiments();
  return experimentView(row!);
}

// ---- serving: which experiment and variant a list belongs to ----

/** How long an instance trusts its list of running experiments before reading it again. */
const RUNNING_TTL_MS = 5_000;
const globalForExperiments = globalThis as unknown as { marqueeRunningExperiments?: { at: number; rows: Promise<ExperimentRow[]> } };

function forgetRunningExperiments() {
  globalForExperiments.marqueeRunningExperiments = undefined;
}

/** The running experiment for lists of this context, if any (the oldest one that applies). */
export async function experimentForContext(db: Db, context: string, now: Date): Promise<ExperimentRow | null> {
  let cached = globalForExperiments.marqueeRunningExperiments;
  if (!cached || Date.now() - cached.at > RUNNING_TTL_MS) {
    cached = globalForExperiments.marqueeRunningExperiments = { at: Date.now(), rows: runningExperiments(db) };
    cached.rows.catch(() => forgetRunningExperiments());
  }
  const rows = await cached.rows;
  return rows.find((e) => (e.context === null || e.context === context) && (!e.startedAt || e.startedAt <= now) && (!e.endsAt || e.endsAt > now)) ?? null;
}

/**
 * A user's variant: sticky, from a hash of the experiment and user ids (assignment.ts). A simulation
 * client that says which group its user is in (seed 000's user_type A or B) gets that group.
 */
export function variantFor(experiment: Pick<ExperimentRow, "id" | "variants">, userId: string, userType: "A" | "B" | null): ExperimentVariant {
  if (userType) {
    const index = userType === "A" ? 0 : 1;
    if (experiment.variants[index]) return experiment.variants[index]!;
  }
  return experiment.variants[assignVariant(experiment.id, userId, experiment.variants.map((v) => v.weight))]!;
}

// ---- results ----

function aggregateOf(row: Awaited<ReturnType<typeof variantTotals>>[number] | undefined): VariantAggregate {
  if (!row) return emptyAggregate();
  return {
    sessions: row.sessions,
    impressions: row.impressions,
    clicks: row.clicks,
    likes: row.likes,
    dislikes: row.dislikes,
    positionScore: { n: row.scoreN, sum: row.scoreSum, sumSquares: row.scoreSumSquares },
    precisionAtK: { n: row.precisionN, sum: row.precisionSum, sumSquares: row.precisionSumSquares },
    recallAtK: { n: row.recallN, sum: row.recallSum, sumSquares: row.recallSumSquares },
  };
}

const noUserSums = { clusters: 0, sumY: 0, sumN: 0, sumYY: 0, sumNN: 0, sumYN: 0 };
/** A variant no user has reached yet. */
const noUsers: PerUserSums = { clicksPerSession: noUserSums, likesPerReaction: noUserSums, scorePerSelection: noUserSums, precisionPerSession: noUserSums, recallPerSession: noUserSums };

/** An action cycle of the simulation is A/A when it is even, as `simulate` alternates them from 0. */
export function phaseOfCycle(cycle: number): "A/A" | "A/B" {
  return cycle % 2 === 0 ? "A/A" : "A/B";
}

/** The experiment's figures, tests and verdict, from its precomputed totals (a few rows, whatever its size). */
export async function experimentResults(db: Db, id: string, now: Date): Promise<ExperimentResults> {
  const experiment = await getExperiment(db, id);
  const [totals, userSums, range] = await Promise.all([variantTotals(db, id), perUserSums(db, id), minuteScoreRange(db, id)]);
  // At most 240 points on the chart: the database sums the minutes into buckets that wide.
  const bucketMinutes = range ? bucketMinutesFor(range.from, new Date(range.to.getTime() + 60_000), 240) : 1;
  const minutes = range ? await bucketedMinuteScores(db, id, bucketMinutes) : [];
  const byVariant = new Map(totals.map((t) => [t.variant, t]));
  const verdict = experimentVerdict({
    mode: experiment.mode,
    variants: experiment.variants.map((v) => ({ name: v.name, weight: v.weight, aggregate: aggregateOf(byVariant.get(v.name)), assignedUsers: byVariant.get(v.name)?.users ?? 0, perUser: userSums.get(v.name) ?? noUsers })),
  });
  const series = scoreSeries(
    minutes.map((m) => ({ minute: m.minute, variant: m.variant, n: m.n, sum: m.sum, actionCycle: m.actionCycle < 0 ? null : m.actionCycle })),
    { phaseOfCycle: experiment.mode === "aa" ? () => "A/A" : phaseOfCycle, variants: experiment.variants.map((v) => v.name), bucketMinutes },
  );
  return {
    experiment: experimentView(experiment),
    k: DEFAULT_CUTOFF_K,
    variants: verdict.variants.map((metrics, i) => {
      const variant = experiment.variants[i]!;
      return { ...metrics, algorithm: variant.algorithm, version: variant.version, weight: variant.weight, users: byVariant.get(variant.name)?.users ?? 0 };
    }),
    comparisons: verdict.comparisons,
    verdict: verdict.verdict,
    sampleRatio: verdict.sampleRatio,
    sampleRatioWarning: verdict.sampleRatioWarning,
    series,
    computedAt: now.toISOString(),
  };
}

/** The running experiments' per-variant figures, for /api/metrics. */
export async function runningExperimentFigures(db: Db): Promise<VariantFigures[]> {
  const running = await runningExperiments(db);
  const figures: VariantFigures[] = [];
  for (const experiment of running) {
    const totals = new Map((await variantTotals(db, experiment.id)).map((t) => [t.variant, t]));
    for (const variant of experiment.variants) {
      const t = totals.get(variant.name);
      figures.push({
        experimentId: experiment.id,
        experimentName: experiment.name,
        variant: variant.name,
        users: t?.users ?? 0,
        sessions: t?.sessions ?? 0,
        clicks: t?.clicks ?? 0,
        likes: t?.likes ?? 0,
        dislikes: t?.dislikes ?? 0,
        scoreN: t?.scoreN ?? 0,
        scoreSum: t?.scoreSum ?? 0,
      });
    }
  }
  return figures;
}
