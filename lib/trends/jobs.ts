import "server-only";
import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import { registeredMovieIds } from "@/db/queries/trends";
import { env, type Env } from "@/lib/config/env";
import { z } from "zod";
import { idSchema } from "@/lib/ids/ids";
import { defineJob, noPayload } from "@/lib/jobs/job";
import { checkExternalScore, FETCH_EXTERNAL_QUEUE, recordExternalFetchFailure } from "./external-score";
import { createTmdbClient, type TmdbClient } from "./tmdb-client";

export { FETCH_EXTERNAL_QUEUE } from "./external-score";
/** Where pg-boss moves a fetch that failed every retry; its worker files a dead letter. */
export const FETCH_EXTERNAL_FAILED_QUEUE = "trends.fetch-external.failed";
export const REFRESH_EXTERNAL_QUEUE = "trends.refresh-external";

const fetchExternalPayload = z.object({
  movieId: idSchema,
  /** Unique per send, so the failure handler can find this very job and its error. */
  requestId: z.uuid(),
});
export type FetchExternalData = z.infer<typeof fetchExternalPayload>;

/** The TMDB client the environment asks for, or null without a key (the own-ratings fallback). */
export function tmdbClientFromEnv(e: Env = env()): TmdbClient | null {
  return e.TMDB_API_KEY ? createTmdbClient({ baseUrl: e.TMDB_BASE_URL, apiKey: e.TMDB_API_KEY }) : null;
}

/**
 * Fetches one movie's external score. TMDB being unavailable makes the job fail, so pg-boss
 * retries it with exponential backoff; after the last retry it lands in FETCH_EXTERNAL_FAILED_QUEUE.
 */
export function createFetchExternalJob(options: { tmdb: () => TmdbClient | null; retryLimit?: number; retryDelaySeconds?: number }) {
  return defineJob({
    queue: FETCH_EXTERNAL_QUEUE,
    payload: fetchExternalPayload,
    // 30 s, 1 min, 2 min, 4 min (with jitter): a TMDB outage of a few minutes costs no dead letter.
    retryLimit: options.retryLimit ?? 4,
    retryDelaySeconds: options.retryDelaySeconds ?? 30,
    // An admin who just registered a movie is watching the dashboard for its score.
    pollingIntervalSeconds: 1,
    async run(data, { db, now }) {
      const result = await checkExternalScore(db, data.movieId, { tmdb: options.tmdb(), now });
      if (result.outcome === "retry") throw new Error(result.message);
      return result;
    },
  });
}

export const fetchExternalScoreJob = createFetchExternalJob({ tmdb: () => tmdbClientFromEnv() });

export const fetchExternalFailedJob = defineJob({
  queue: FETCH_EXTERNAL_FAILED_QUEUE,
  payload: fetchExternalPayload,
  pollingIntervalSeconds: 2,
  async run(data, { db, boss, now }) {
    const [original] = await boss.findJobs<FetchExternalData>(FETCH_EXTERNAL_QUEUE, { data: { requestId: data.requestId } });
    const output = original?.output as { message?: unknown } | undefined;
    const error = typeof output?.message === "string" ? output.message : "TMDB was unavailable";
    await recordExternalFetchFailure(db, data.movieId, { error, attempts: (original?.retryCount ?? 0) + 1, now });
    return { deadLettered: data.movieId };
  },
});

/** Every day, every registered movie's external score is fetched again, so none goes stale. */
export const refreshExternalScoresJob = defineJob({
  queue: REFRESH_EXTERNAL_QUEUE,
  payload: noPayload,
  cron: "15 4 * * *",
  async run(_data, { db, boss }) {
    return { queued: await enqueueExternalFetch(boss, await registeredMovieIds(db)) };
  },
});

const INSERT_CHUNK = 500;

/** Queues an external score fetch for each movie. */
export async function enqueueExternalFetch(boss: PgBoss, movieIds: string[]): Promise<number> {
  for (let i = 0; i < movieIds.length; i += INSERT_CHUNK) {
    const jobs = movieIds.slice(i, i + INSERT_CHUNK).map((movieId) => ({ data: { movieId, requestId: randomUUID() } satisfies FetchExternalData, deadLetter: FETCH_EXTERNAL_FAILED_QUEUE }));
    await boss.insert(FETCH_EXTERNAL_QUEUE, jobs);
  }
  return movieIds.length;
}

export const trendJobs = [fetchExternalScoreJob, fetchExternalFailedJob, refreshExternalScoresJob];
