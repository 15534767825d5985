import { Random } from "@/lib/random/random";
import { nonZeroCount, rowOf, type InteractionMatrix } from "../interactions";
import { scoreItems, trainModel, type Algorithm, type UserState } from "../model";
import { topK } from "../top-k";
import { favoriteGenresFromHistory, type TrainingData } from "../training-data";
import { catalogCoverage, meanRankingMetrics, type RankingMetrics, type UserRanking } from "./metrics";
import { holdOutPerUser, selectEntries } from "./split";

/**
 * The offline protocol: one seeded split (split.ts), every requested model trained on the same
 * training set, each user's training items excluded from their list, the top K compared with their
 * held-out items (metrics.ts). Users' favorite genres are their own when the data has them, else
 * the top genres of their training history (the seed's genres_top), so the hybrid and genre
 * popularity have something to work with on MovieLens.
 *
 * Each model scores a user as it serves a known user: ALS from the trained user vector, EASE from
 * the training history row, the hybrid from the trained user plus that history.
 *
 * The cold-user segment: MovieLens users all have 20 or more ratings, so cold users are made. A
 * seeded `cold.fraction` of the measured users (those with held-out items and more than
 * `cold.historyLength` training interactions) keep only a random `cold.historyLength` of their
 * training interactions; their held-out items are unchanged. Their favorite genres stay those of
 * their whole training history: they stand for the genres a new user picks when signing up,
 * which say something about their taste beyond their first few interactions. Every model is
 * trained again on that cut training set and measured on those users only.
 */
export interface EvaluationOptions {
  algorithms: readonly Algorithm[];
  seed: number;
  k?: number;
  params?: Partial<Record<Algorithm, unknown>>;
  testFraction?: number;
  cold?: { fraction: number; historyLength: number } | null;
  /** Milliseconds, for training times (injected so tests and benches control it). */
  clock?: () => number;
  onProgress?: (progress: { segment: "all" | "cold"; algorithm: Algorithm; fraction: number; label: string }) => void;
}

export interface EvaluationRow extends RankingMetrics {
  algorithm: Algorithm;
  coverage: number;
  trainingSeconds: number;
}

export interface EvaluationReport {
  k: number;
  seed: number;
  users: number;
  items: number;
  trainInteractions: number;
  testInteractions: number;
  rows: EvaluationRow[];
  cold: { users: number; historyLength: number; rows: EvaluationRow[] } | null;
}

export const DEFAULT_COLD_SEGMENT = { fraction: 0.2, historyLength: 5 };

export function evaluateModels(data: TrainingData, options: EvaluationOptions): EvaluationReport {
  const k = options.k ?? 10;
  const clock = options.clock ?? (() => performance.now());
  const { train, test } = holdOutPerUser(data.matrix, { seed: options.seed, testFraction: options.testFraction });
  const measured: number[] = [];
  for (let u = 0; u < test.rows; u++) if (test.indptr[u + 1]! > test.indptr[u]!) measured.push(u);

  const userGenres = data.userGenres.map((genres, u) => (genres.length > 0 ? genres : favoriteGenresFromHistory(train, data.itemGenres, u)));
  const withGenres = { ...data, userGenres };
  const rows = options.algorithms.map((algorithm) => measure(withGenres, train, test, measured, algorithm, k, options, clock, "all"));

  let cold: EvaluationReport["cold"] = null;
  const segment = options.cold === undefined ? DEFAULT_COLD_SEGMENT : options.cold;
  if (segment) {
    const { train: coldTrain, users } = cutHistories(train, measured, segment.fraction, segment.historyLength, options.seed);
    cold = {
      users: users.length,
      historyLength: segment.historyLength,
      rows: options.algorithms.map((algorithm) => measure(withGenres, coldTrain, test, users, algorithm, k, options, clock, "cold")),
    };
  }

  return {
    k,
    seed: options.seed,
    users: measured.length,
    items: data.itemIds.length,
    trainInteractions: nonZeroCount(train),
    testInteractions: nonZeroCount(test),
    rows,
    cold,
  };
}

function measure(
  data: TrainingData,
  train: InteractionMatrix,
  test: InteractionMatrix,
  users: readonly number[],
  algorithm: Algorithm,
  k: number,
  options: EvaluationOptions,
  clock: () => number,
  segment: "all" | "cold",
): EvaluationRow {
  const started = clock();
  const model = trainModel(algorithm, { ...data, matrix: train }, options.params?.[algorithm], {
    seed: options.seed,
    onProgress: (fraction, label) => options.onProgress?.({ segment, algorithm, fraction, label }),
  });
  const trainingSeconds = (clock() - started) / 1000;

  const scores = new Float32Array(train.cols);
  const exclude = new Uint8Array(train.cols);
  const rankings: UserRanking[] = [];
  const lists: Int32Array[] = [];
  for (const u of users) {
    const history = rowOf(train, u);
    const state: UserState = algorithm === "als" ? { userIndex: u } : { userIndex: u, history };
    // A model with nothing to say for a user leaves every score at -Infinity: an empty list, all misses.
    scoreItems(model, state, scores);
    for (let e = 0; e < history.items.length; e++) exclude[history.items[e]!] = 1;
    const top = topK(scores, k, exclude);
    for (let e = 0; e < history.items.length; e++) exclude[history.items[e]!] = 0;
    lists.push(top.indices);
    rankings.push({ recommended: top.indices, relevant: new Set(test.indices.subarray(test.indptr[u]!, test.indptr[u + 1]!)) });
  }
  return { algorithm, ...meanRankingMetrics(rankings, k), coverage: catalogCoverage(lists, k, train.cols), trainingSeconds };
}

/**
 * The cold segment's training set: a seeded `fraction` of `candidates` (those with more than
 * `historyLength` positive training interactions) keep a random `historyLength` of them; known
 * negatives stay.
 */
export function cutHistories(train: InteractionMatrix, candidates: readonly number[], fraction: number, historyLength: number, seed: number): { train: InteractionMatrix; users: number[] } {
  const random = Random.fromSeed(seed, "cold-users");
  const eligible = candidates.filter((u) => {
    let positives = 0;
    for (let e = train.indptr[u]!; e < train.indptr[u + 1]!; e++) if (train.values[e]! > 0) positives++;
    return positives > historyLength;
  });
  const chosen = random.shuffled(eligible).slice(0, Math.round(eligible.length * fraction)).sort((a, b) => a - b);

  const nnz = nonZeroCount(train);
  const keep = new Uint8Array(nnz).fill(1);
  let kept = nnz;
  const positives: number[] = [];
  for (const u of chosen) {
    positives.length = 0;
    for (let e = train.indptr[u]!; e < train.indptr[u + 1]!; e++) if (train.values[e]! > 0) positives.push(e);
    const drop = random.shuffled(positives).slice(historyLength);
    for (const e of drop) keep[e] = 0;
    kept -= drop.length;
  }
  return { train: selectEntries(train, keep, 1, kept), users: chosen };
}
