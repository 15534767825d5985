import "server-only";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { defineJob, noPayload, type StartupHook } from "@/lib/jobs/job";
import { logger } from "@/lib/log/logger";
import { CREATE_BATCH_QUEUE, recoverBatches, type EnqueueBatch } from "./batch-service";
import { getBatchProgressHub } from "./progress-hub";
import { runShowtimeBatch } from "./run-batch";
import { warmUpConflictChecks } from "./warm-up";

export function enqueueWith(boss: PgBoss): EnqueueBatch {
  return async (batchId) => {
    await boss.send(CREATE_BATCH_QUEUE, { batchId }, { singletonKey: batchId });
  };
}

export const createShowtimeBatchJob = defineJob({
  queue: CREATE_BATCH_QUEUE,
  payload: z.object({ batchId: z.uuid() }),
  // The batch itself decides success or failure; a retry only helps when the worker died.
  retryLimit: 1,
  // An admin is watching the progress bar: pick the job up within half a second.
  pollingIntervalSeconds: 0.5,
  async run({ batchId }, { handle }) {
    const hub = await getBatchProgressHub(handle);
    return { outcome: await runShowtimeBatch({ handle, hub, now: () => new Date() }, batchId) };
  },
});

/** A worker that died mid-batch stops writing its heartbeat; after 30 s its batch is written off. */
export const STALLED_AFTER_MS = 30_000;

export const recoverShowtimeBatchesJob = defineJob({
  queue: "showtimes.recover-batches",
  payload: noPayload,
  cron: "* * * * *",
  async run(_data, { handle, boss, now }) {
    // PGlite has no heartbeats (one process, one connection): only the start-up sweep recovers it.
    if (handle.driver === "pglite") return { skipped: true };
    return recoverBatches(handle, enqueueWith(boss), { now, stalledAfterMs: STALLED_AFTER_MS });
  },
});

export const showtimeJobs = [createShowtimeBatchJob, recoverShowtimeBatchesJob];

export const showtimeStartupHooks: StartupHook[] = [
  {
    name: "showtimes.recover-interrupted-batches",
    // One process owns an embedded database: a batch still "processing" now died with the last one.
    embeddedOnly: true,
    async run({ handle, boss, now }) {
      const recovered = await recoverBatches(handle, enqueueWith(boss), { now, stalledAfterMs: 0 });
      if (recovered.rolledBack || recovered.requeued) logger.warn(recovered, "recovered showtime batches interrupted by the last shutdown");
    },
  },
  {
    name: "showtimes.warm-up-conflict-checks",
    embeddedOnly: true,
    async run({ db, now }) {
      const warmed = await warmUpConflictChecks(db, { budgetMs: env().MARQUEE_WARM_UP_MS, now });
      if (warmed.runs) logger.info(warmed, "warmed up the embedded database's conflict check");
    },
  },
];
