import { rowOf } from "../interactions";
import { scoreItems, trainModel, type Algorithm, type TrainedModel, type UserState } from "../model";
import type { TrainingData } from "../training-data";
import { meanRankingMetrics, type RankingMetrics, type UserRanking } from "./metrics";

/**
 * Replaying logged sessions: how a model would have ordered the lists viewers were really shown.
 * Each session's shown movies are re-ranked by the model's score for that user (from a model
 * trained only on what was known before the replayed period), and the movies the viewer opened or
 * liked are the relevant ones. Precision@K, Recall@K, NDCG@K and MAP@K are those of metrics.ts over
 * the re-ranked list; the "logged" row measures the order that was actually shown. A model can only
 * be judged on what was shown (the viewer's reaction to anything else is unknown), so this ranks
 * models by how well they order a list, which the per-user hold-out of evaluate.ts cannot say.
 * Movies the model does not know keep their logged order after the ones it scores.
 */
export interface LoggedSession {
  userId: string;
  /** The list as shown, first place first. */
  shown: readonly string[];
  /** Opened or liked movies of that list. */
  positives: ReadonlySet<string>;
}

export interface ReplayRow extends RankingMetrics {
  algorithm: Algorithm | "logged";
}

export interface ReplayReport {
  k: number;
  /** Sessions with at least one positive among the movies shown: the ones measured. */
  sessions: number;
  trainInteractions: number;
  rows: ReplayRow[];
}

export function replaySessions(data: TrainingData, sessions: readonly LoggedSession[], options: { algorithms: readonly Algorithm[]; k?: number; seed: number; params?: Partial<Record<Algorithm, unknown>> }): ReplayReport {
  const k = options.k ?? 10;
  const measured = sessions.filter((s) => s.shown.some((id) => s.positives.has(id)));
  const relevantOf = (s: LoggedSession) => new Set(s.shown.flatMap((id, position) => (s.positives.has(id) ? [position] : [])));
  const logged: ReplayRow = { algorithm: "logged", ...meanRankingMetrics(measured.map((s) => ({ recommended: s.shown.map((_, p) => p), relevant: relevantOf(s) })), k) };
  const rows = options.algorithms.map((algorithm): ReplayRow => {
    const model = trainModel(algorithm, data, options.params?.[algorithm], { seed: options.seed });
    const rankings: UserRanking[] = measured.map((s) => ({ recommended: reranked(model, data, s), relevant: relevantOf(s) }));
    return { algorithm, ...meanRankingMetrics(rankings, k) };
  });
  return { k, sessions: measured.length, trainInteractions: data.matrix.values.length, rows: [logged, ...rows] };
}

/** Positions of the shown list in the model's order: scored movies best first, then the rest as shown. */
function reranked(model: TrainedModel, data: TrainingData, session: LoggedSession): number[] {
  // The model was trained on `data`: its user indices are the data's rows.
  const user = model.lookup.userIndex.get(session.userId);
  const history = user !== undefined ? rowOf(data.matrix, user) : undefined;
  const state: UserState = model.algorithm === "als" && user !== undefined ? { userIndex: user } : { userIndex: user, history, genres: user !== undefined ? data.userGenres[user] : undefined };
  const scores = new Float32Array(model.itemIds.length);
  scoreItems(model, state, scores);
  const scoreOf = (id: string) => {
    const item = model.lookup.itemIndex.get(id);
    const score = item === undefined ? -Infinity : scores[item]!;
    return Number.isNaN(score) ? -Infinity : score;
  };
  return session.shown
    .map((id, position) => ({ position, score: scoreOf(id) }))
    .sort((a, b) => (b.score === a.score ? a.position - b.position : b.score > a.score ? 1 : -1))
    .map((entry) => entry.position);
}
