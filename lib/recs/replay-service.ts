import "server-only";
import type { Db } from "@/db/client";
import { sessionsWithFeedbackSince } from "@/db/queries/feedback";
import { replaySessions, type LoggedSession, type ReplayReport } from "./evaluation/replay";
import type { Algorithm } from "./model";
import { NOT_PERSONAL_CONTEXTS } from "./contract";
import { loadTrainingData } from "./training-service";

/**
 * `evaluate --sessions`: the sessions logged since `since` that got feedback, replayed against
 * models trained on what the app knew before `since` (lib/recs/evaluation/replay.ts). Only a
 * user's own lists are replayed: what a viewer opened from a movie's similar movies, or from the
 * popular ones in their genres, answers another question than the one a personal model is asked.
 */
export async function replayLoggedSessions(db: Db, options: { since: Date; algorithms: readonly Algorithm[]; k: number; seed: number }): Promise<ReplayReport> {
  const [rows, data] = await Promise.all([sessionsWithFeedbackSince(db, options.since, { excludeContexts: NOT_PERSONAL_CONTEXTS }), loadTrainingData(db, options.since, { before: options.since })]);
  const sessions: LoggedSession[] = rows.map((row) => ({
    userId: row.userId,
    shown: row.shownMovieIds,
    positives: new Set([...(row.selectedMovieId ? [row.selectedMovieId] : []), ...Object.entries(row.reactions).flatMap(([movieId, reaction]) => (reaction === "like" ? [movieId] : []))]),
  }));
  return replaySessions(data, sessions, options);
}
