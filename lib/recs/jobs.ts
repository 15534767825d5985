import "server-only";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { defineJob, noPayload, type StartupHook } from "@/lib/jobs/job";
import { logger } from "@/lib/log/logger";
import { nightlyTraining } from "./nightly-service";
import { precomputeActiveUsers } from "./recommendation-service";
import { maintainSessionPartitions } from "./session-service";
import { TRAIN_QUEUE, trainVersion, type EnqueueTraining } from "./training-service";

export function enqueueTrainingWith(boss: PgBoss): EnqueueTraining {
  return async ({ version, activate }) => {
    await boss.send(TRAIN_QUEUE, { version, activate }, { singletonKey: `train-${version}` });
  };
}

/** Trains one queued version (an admin's, the CLI's, or the nightly run's). */
export const trainModelJob = defineJob({
  queue: TRAIN_QUEUE,
  payload: z.object({ version: z.number().int().positive(), activate: z.boolean().default(false) }).strict(),
  // A failed training is recorded on its version; running it again would fail the same way.
  retryLimit: 0,
  // An admin is watching the progress bar.
  pollingIntervalSeconds: 1,
  async run({ version, activate }, { handle }) {
    return trainVersion(handle, version, { activate, now: () => new Date() });
  },
});

/** Every night: a new version of each algorithm on all the data, served if it is not worse. */
export const nightlyTrainingJob = defineJob({
  queue: "recs.train-nightly",
  payload: noPayload,
  retryLimit: 0,
  get cron() {
    return env().RECS_TRAIN_CRON;
  },
  async run(_data, { handle, now }) {
    return nightlyTraining(handle, now);
  },
});

/** Half an hour later: the top 100 of everyone active lately, so their lists come from the cache. */
export const precomputeListsJob = defineJob({
  queue: "recs.precompute",
  payload: noPayload,
  retryLimit: 1,
  get cron() {
    return env().RECS_PRECOMPUTE_CRON;
  },
  async run(_data, { db, handle, now }) {
    return precomputeActiveUsers({ db, handle, now });
  },
});

/** Day partitions for the logged sessions: created a week ahead, dropped after the retention. */
export const maintainSessionsJob = defineJob({
  queue: "recs.maintain-sessions",
  payload: noPayload,
  cron: "5 * * * *",
  async run(_data, { db, now }) {
    return maintainSessionPartitions(db, { now, retentionDays: env().RECS_SESSION_RETENTION_DAYS });
  },
});

export const recsJobs = [trainModelJob, nightlyTrainingJob, precomputeListsJob, maintainSessionsJob];

export const recsStartupHooks: StartupHook[] = [
  {
    name: "recs.session-partitions",
    async run({ db, now }) {
      const result = await maintainSessionPartitions(db, { now, retentionDays: env().RECS_SESSION_RETENTION_DAYS });
      if (result.created.length) logger.info(result, "created recommendation session partitions");
    },
  },
];
