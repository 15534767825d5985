import "server-only";
import type { Db } from "@/db/client";
import { sessionsWithFeedbackSince } from "@/db/queries/feedback";
import { replaySessions, type LoggedSession, type ReplayReport } from "./evaluation/replay";
import type { Algorithm } from "./model";
import { loadTrainingData } from "./training-service";

/**
 * `evaluate --sessions`: the sessions logged since `since` that got feedback, replayed against
 * models trained on what the app knew before `since` (lib/recs/evaluation/replay.ts).
 */
export async function replayLoggedSessions(db: Db, options: { since: Date; algorithms: readonly Algorithm[]; k: number; seed: number }): Promise<ReplayReport> {
  const [rows, data] = await Promise.all([sessionsWithFeedbackSince(db, options.since), loadTrainingData(db, options.since, { before: options.since })]);
  const sessions: LoggedSession[] = rows.map((row) => ({
    userId: row.userId,
    shown: row.shownMovieIds,
    positives: new Set([...(row.selectedMovieId ? [row.selectedMovieId] : []), ...Object.entries(row.reactions).flatMap(([movieId, reaction]) => (reaction === "like" ? [movieId] : []))]),
  }));
  return replaySessions(data, sessions, options);
}
