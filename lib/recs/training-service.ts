import "server-only";
import type { DatabaseHandle, Db } from "@/db/client";
import { activateModelVersion, allFavoriteGenres, catalogGenres, findModelVersion, insertModelVersion, interactionRows, negativeRows, saveTrainedModel, updateModelProgress } from "@/db/queries/recs";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { MODELS_CHANNEL, TRAINING_PROGRESS_CHANNEL } from "./channels";
import type { ModelVersion, RecommenderAlgorithm, TrainingProgress, TrainRequest } from "./contract";
import { hyperparameterSchemas } from "./model";
import { reloadModelStoreIfStarted } from "./model-store-service";
import { trainOnThread } from "./trainer";
import { buildTrainingData, favoriteGenresFromHistory, type TrainingData } from "./training-data";

export const TRAIN_QUEUE = "recs.train";

/** A movie shown this often in a user's answered lists (over the window) and never chosen loses weight: a weak negative. */
const IGNORED_AFTER_SHOWN = 3;
const IGNORED_WINDOW_DAYS = 30;

/** The offline measurement every training records: Precision@10 and friends on 20% held out. */
export const OFFLINE_EVALUATION = { k: 10, testFraction: 0.2 };

export type EnqueueTraining = (job: { version: number; activate: boolean }) => Promise<void>;

/**
 * Everything the app knows, as the models take it (lib/recs/training-data.ts): the interactions,
 * and what users turned down or kept ignoring as negatives (db/queries/recs.ts). A user who picked no
 * genres gets the ones their history weighs most, as serving does (user-genres.ts), so the
 * hybrid's genre embeddings learn from everyone and a genre-only newcomer lands among their fans.
 * With `before`, only what was known before that instant (for replaying the sessions after it).
 */
export async function loadTrainingData(db: Db, now: Date = new Date(), options: { before?: Date } = {}): Promise<TrainingData> {
  const [all, negatives, movies, favorites] = await Promise.all([
    interactionRows(db),
    // Negatives come from feedback on sessions; a replay of sessions must not learn from them.
    options.before ? [] : negativeRows(db, { ignoredAfter: IGNORED_AFTER_SHOWN, since: new Date(now.getTime() - IGNORED_WINDOW_DAYS * 86_400_000) }),
    catalogGenres(db),
    allFavoriteGenres(db),
  ]);
  const before = options.before?.getTime();
  const interactions = before === undefined ? all : all.filter((row) => row.at.getTime() < before);
  const data = buildTrainingData({ interactions: [...interactions, ...negatives], movies, favoriteGenres: favorites });
  const userGenres = data.userGenres.map((genres, u) => (genres.length ? genres : favoriteGenresFromHistory(data.matrix, data.itemGenres, u)));
  return { ...data, userGenres };
}

/** Hyperparameters with defaults filled in; a wrong one is a 400 naming `hyperparameters.<name>`. */
export function hyperparametersFor(algorithm: RecommenderAlgorithm, input: unknown): Record<string, unknown> {
  const parsed = hyperparameterSchemas[algorithm].safeParse(input ?? {});
  if (!parsed.success) throw AppError.fromZod(parsed.error, "hyperparameters");
  return parsed.data as Record<string, unknown>;
}

/** Records a new version, queued, and asks a worker to train it. */
export async function requestTraining(db: Db, enqueue: EnqueueTraining, input: TrainRequest, requestedBy: string | null) {
  const hyperparameters = hyperparametersFor(input.algorithm, input.hyperparameters);
  const version = await insertModelVersion(db, { algorithm: input.algorithm, hyperparameters, seed: input.seed ?? 1, requestedBy });
  await enqueue({ version: version.id, activate: input.activate });
  return { version: version.id, status: version.status, progressUrl: `/api/v1/models/${version.id}/progress` };
}

export interface TrainVersionOptions {
  activate: boolean;
  now: () => Date;
  /** Told of each step besides the database row (the CLI's progress bar). */
  onProgress?: (progress: TrainingProgress) => void;
}

// Progress is written at most this often: enough for a smooth bar, few writes.
const PROGRESS_WRITE_MS = 200;

/**
 * Trains a queued version on a thread of its own, stores the result (and makes it active when
 * asked), and reports progress on the row and TRAINING_PROGRESS_CHANNEL as it goes. A failed
 * training is recorded on the version, with its error; it is not retried.
 */
export async function trainVersion(handle: DatabaseHandle, id: number, options: TrainVersionOptions) {
  const db = handle.db;
  const version = await findModelVersion(db, id);
  if (!version) throw new AppError("not_found:model_version", `No model version ${id}`);
  if (version.status === "ready" || version.status === "failed") return { version: id, status: version.status, skipped: true };
  const algorithm = version.algorithm as RecommenderAlgorithm;
  const started = performance.now();

  let lastWrite = 0;
  const report = async (patch: Parameters<typeof updateModelProgress>[2], force = false) => {
    const now = performance.now();
    if (!force && now - lastWrite < PROGRESS_WRITE_MS) return;
    lastWrite = now;
    const row = await updateModelProgress(db, id, patch);
    if (row) await publishTrainingProgress(handle, progressOf(row, options.now()), options.onProgress);
  };

  try {
    await report({ status: "training", progress: 0, progressLabel: "reading the interactions", startedAt: options.now(), error: null }, true);
    const data = await loadTrainingData(db, options.now());
    let pending: Promise<void> = Promise.resolve();
    const outcome = await trainOnThread({ algorithm, params: version.hyperparameters, seed: version.seed, data, evaluate: OFFLINE_EVALUATION }, (fraction, label) => {
      pending = pending.then(() => report({ progress: Math.min(0.99, fraction), progressLabel: label })).catch((error) => logger.warn({ err: error }, "could not record training progress"));
    });
    await pending;
    const metrics = outcome.metrics ? { k: OFFLINE_EVALUATION.k, heldOutFraction: OFFLINE_EVALUATION.testFraction, ...outcome.metrics } : null;
    const saved = await saveTrainedModel(db, id, {
      meta: outcome.meta,
      artifact: Buffer.from(outcome.bytes.buffer, outcome.bytes.byteOffset, outcome.bytes.byteLength),
      counts: outcome.counts,
      metrics,
      trainingMs: Math.round(performance.now() - started),
      finishedAt: options.now(),
    });
    if (options.activate) await activateAndAnnounce(handle, id, options.now());
    const final = await findModelVersion(db, id);
    await publishTrainingProgress(handle, progressOf(final ?? saved!, options.now()), options.onProgress);
    return { version: id, status: "ready" as const, metrics };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ err: error, version: id, algorithm }, "training failed");
    await report({ status: "failed", progressLabel: "failed", error: message.slice(0, 2000), finishedAt: options.now() }, true);
    return { version: id, status: "failed" as const, error: message };
  }
}

/** Makes a ready version active and tells every instance to load it. */
export async function activateAndAnnounce(handle: DatabaseHandle, id: number, now: Date) {
  const result = await activateModelVersion(handle.db, id, now);
  if (!result) throw new AppError("not_found:model_version", `No model version ${id}`, { fields: { version: "Not found" } });
  if (!result.activated) {
    throw new AppError("conflict:model_version", `Model version ${id} is ${result.status}; only a ready version can be served`, { fields: { version: `Not ready (${result.status})` } });
  }
  await handle.notify(MODELS_CHANNEL, JSON.stringify({ algorithm: result.algorithm, version: id }));
  // Other instances load it when the notification reaches them; this one does before answering.
  await reloadModelStoreIfStarted();
  return result;
}

export function progressOf(row: Pick<ModelVersion, "status" | "progress" | "progressLabel" | "error"> & { id: number; algorithm: string }, at: Date): TrainingProgress {
  return { version: row.id, algorithm: row.algorithm as RecommenderAlgorithm, status: row.status, progress: row.progress, label: row.progressLabel, error: row.error, at: at.toISOString() };
}

async function publishTrainingProgress(handle: DatabaseHandle, progress: TrainingProgress, listener?: (progress: TrainingProgress) => void) {
  listener?.(progress);
  await handle.notify(TRAINING_PROGRESS_CHANNEL, JSON.stringify({ version: progress.version }));
}

/**
 * Trains versions of the given algorithms here and now, one after the other (the CLI and a first
 * start do; the app queues them instead), and makes each active when asked.
 */
export async function trainNow(handle: DatabaseHandle, algorithms: readonly RecommenderAlgorithm[], options: { activate: boolean; hyperparameters?: unknown; onProgress?: (progress: TrainingProgress) => void }) {
  const results = [];
  for (const algorithm of algorithms) {
    const version = await insertModelVersion(handle.db, { algorithm, hyperparameters: hyperparametersFor(algorithm, options.hyperparameters), seed: 1, requestedBy: null });
    results.push(await trainVersion(handle, version.id, { activate: options.activate, now: () => new Date(), onProgress: options.onProgress }));
  }
  return results;
}
