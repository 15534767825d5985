import "server-only";
import type { Db } from "@/db/client";
import { insertDeadLetter } from "@/db/queries/events";
import {
  averageRatingOf,
  fillMovieDetails,
  findTrendTarget,
  saveExternalResult,
  setExternalMessage,
  setExternalStatus,
} from "@/db/queries/trends";
import type { OwnRatingsStatus } from "./contract";
import { ownRatingsScore } from "./formulas";
import type { TmdbClient } from "./tmdb-client";

/**
 * One check of a movie's external vote average, and what it does to the movie's trend row:
 * - TMDB has it: store the vote average (final score recomputed with it) and fill in catalog gaps;
 * - TMDB 404: mark the external link missing and say why. The movie is never deleted;
 * - TMDB refuses (another 4xx): mark it an error with TMDB's words, no retry;
 * - TMDB unavailable (5xx, network, timeout): note it and ask for a retry (the job throws);
 * - no TMDB key, or no TMDB id for the movie: use the movie's own average rating on a 10-point
 *   scale, and say which of the two it is. A movie without a TMDB id never reaches TMDB.
 */

export const FETCH_EXTERNAL_QUEUE = "trends.fetch-external";

export type ExternalCheck =
  | { outcome: "ok"; voteAverage: number }
  | { outcome: "missing"; message: string }
  | { outcome: "error"; message: string }
  | { outcome: OwnRatingsStatus; voteAverage: number | null; message: string }
  | { outcome: "retry"; message: string }
  | { outcome: "skipped"; message: string };

/** What a movie registered by TMDB id is called until TMDB has told us its title. */
export function placeholderTitle(tmdbId: number): string {
  return `TMDB movie ${tmdbId}`;
}

export async function checkExternalScore(db: Db, movieId: string, options: { tmdb: TmdbClient | null; now: Date }): Promise<ExternalCheck> {
  const { now } = options;
  const target = await findTrendTarget(db, movieId);
  // Deleted, or never tracked, since the job was queued: nothing to update.
  if (!target) return { outcome: "skipped", message: `No movie with id '${movieId}'` };
  if (!target.tracked) return { outcome: "skipped", message: `Movie '${movieId}' is not tracked for trends` };

  if (!options.tmdb || target.tmdbId === null) {
    const reason: OwnRatingsStatus = options.tmdb ? "no_tmdb_id" : "no_key";
    const { average, count } = await averageRatingOf(db, movieId);
    const { voteAverage, message } = ownRatingsScore(average, count, reason);
    await saveExternalResult(db, movieId, { voteAverage, status: reason, message, checkedAt: now });
    return { outcome: reason, voteAverage, message };
  }

  const lookup = await options.tmdb.getMovie(target.tmdbId);
  switch (lookup.kind) {
    case "found": {
      const { movie } = lookup;
      await db.transaction(async (tx) => {
        const year = movie.releaseDate ? Number(movie.releaseDate.slice(0, 4)) : null;
        await fillMovieDetails(tx, movieId, { ...movie, year }, placeholderTitle(target.tmdbId!), now);
        await saveExternalResult(tx, movieId, { voteAverage: movie.voteAverage, status: "ok", message: null, checkedAt: now });
      });
      return { outcome: "ok", voteAverage: movie.voteAverage };
    }
    case "missing": {
      // The original deleted the movie here; an admin should see why instead, and decide.
      const message = `${lookup.message}. The movie stays in the catalog; check its TMDB id.`;
      await saveExternalResult(db, movieId, { voteAverage: null, status: "missing", message, checkedAt: now });
      return { outcome: "missing", message };
    }
    case "refused": {
      await setExternalStatus(db, movieId, "error", lookup.message, now);
      return { outcome: "error", message: lookup.message };
    }
    case "unavailable": {
      await setExternalMessage(db, movieId, `${lookup.message}; trying again shortly`);
      return { outcome: "retry", message: lookup.message };
    }
  }
}

/**
 * After the last retry: the check goes to the dead letters (an admin can retry it from there) and
 * the movie's row says that TMDB could not be reached, keeping its last known score.
 */
export async function recordExternalFetchFailure(db: Db, movieId: string, failure: { error: string; attempts: number; now: Date }) {
  await db.transaction(async (tx) => {
    await insertDeadLetter(tx, { queue: FETCH_EXTERNAL_QUEUE, payload: { movieId }, error: failure.error, attempts: failure.attempts });
    const target = await findTrendTarget(tx, movieId);
    if (target?.tracked) {
      const message = `TMDB could not be reached after ${failure.attempts} attempt${failure.attempts === 1 ? "" : "s"} (${failure.error}). Refresh again later, or retry it from the dead letters.`;
      await setExternalStatus(tx, movieId, "error", message, failure.now);
    }
  });
}
