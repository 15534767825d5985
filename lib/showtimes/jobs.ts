import type { PgBoss } from "pg-boss";
import type { JobDefinition } from "@/lib/jobs/registry";
import { CREATE_BATCH_QUEUE, recoverBatches, type EnqueueBatch } from "./batch-service";
import { getBatchProgressHub } from "./progress-hub";
import { runShowtimeBatch } from "./run-batch";

export function enqueueWith(boss: PgBoss): EnqueueBatch {
  return async (batchId) => {
    await boss.send(CREATE_BATCH_QUEUE, { batchId }, { singletonKey: batchId });
  };
}

export const createShowtimeBatchJob: JobDefinition<{ batchId: string }> = {
  queue: CREATE_BATCH_QUEUE,
  // The batch itself decides success or failure; a retry only helps when the worker died.
  retryLimit: 1,
  // An admin is watching the progress bar: pick the job up within half a second.
  pollingIntervalSeconds: 0.5,
  async run({ batchId }, { handle }) {
    const hub = await getBatchProgressHub(handle);
    return { outcome: await runShowtimeBatch({ handle, hub, now: () => new Date() }, batchId) };
  },
};

/** A worker that died mid-batch stops writing its heartbeat; after 30 s its batch is written off. */
export const STALLED_AFTER_MS = 30_000;

export const recoverShowtimeBatchesJob: JobDefinition = {
  queue: "showtimes.recover-batches",
  cron: "* * * * *",
  async run(_data, { handle, boss, now }) {
    // PGlite has no heartbeats (one process, one connection): only the start-up sweep recovers it.
    if (handle.driver === "pglite") return { skipped: true };
    return recoverBatches(handle, enqueueWith(boss), { now, stalledAfterMs: STALLED_AFTER_MS });
  },
};
