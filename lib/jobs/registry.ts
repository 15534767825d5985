import type { PgBoss } from "pg-boss";
import type { DatabaseHandle, Db } from "@/db/client";
import { pruneRateLimits } from "@/db/queries/rate-limits";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/registry";
import { createShowtimeBatchJob, recoverShowtimeBatchesJob } from "@/lib/showtimes/jobs";
import { processEventsJob } from "@/lib/events/jobs";
import { trendJobs } from "@/lib/trends/jobs";

export interface JobDeps {
  db: Db;
  handle: DatabaseHandle;
  boss: PgBoss;
  now: Date;
}

/** A kind of background job: its queue, how it retries, and what it does. */
export interface JobDefinition<T extends object = object> {
  queue: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How often an idle worker looks for work; a person waiting on the job wants it small. */
  pollingIntervalSeconds?: number;
  /** A cron expression (UTC) when the job also runs on a schedule. */
  cron?: string;
  /**
   * True when a job only says "there is work" (the work itself waits in our tables), so its queue
   * holds nothing worth keeping. Earlier versions made such queues "stately" (one job waiting
   * while one runs); pg-boss 12 then skips a stately queue's jobs while its snapshot of active
   * jobs, taken once a minute and cached for another, still shows one, so new work could wait a
   * minute or two. Such a queue found stately is recreated as a standard one, losing only wake-ups.
   */
  wakeUp?: boolean;
  run(data: T, deps: JobDeps): Promise<unknown>;
}

export const pruneRateLimitsJob: JobDefinition = {
  queue: "maintenance.prune-rate-limits",
  cron: "17 * * * *",
  async run(_data, { db, now }) {
    await pruneRateLimits(db, new Date(now.getTime() - 24 * 60 * 60_000));
  },
};

/** Every job the app knows. Later features add theirs here. */
export const jobDefinitions: JobDefinition[] = [pruneRateLimitsJob, createShowtimeBatchJob as JobDefinition, recoverShowtimeBatchesJob, processEventsJob, ...trendJobs];

export async function createQueues(boss: PgBoss, definitions: JobDefinition[] = jobDefinitions) {
  for (const job of definitions) {
    if (job.wakeUp && (await boss.getQueue(job.queue))?.policy === "stately") await boss.deleteQueue(job.queue);
    await boss.createQueue(job.queue, { policy: "standard", retryLimit: job.retryLimit ?? 3, retryDelay: job.retryDelaySeconds ?? 5, retryBackoff: true });
    if (job.cron) await boss.schedule(job.queue, job.cron, {}, { tz: "UTC" });
  }
}

export type JobOutcome = "completed" | "failed";
/** Told of every finished job; a worker thread passes one that reports to the web process. */
export type JobOutcomeObserver = (queue: string, outcome: JobOutcome, seconds: number) => void;

/** Counts a finished job in this process's metrics (what `/api/metrics` shows). */
export const recordJobOutcome: JobOutcomeObserver = (queue, outcome, seconds) => {
  metrics().jobsProcessed.inc({ queue, outcome });
  metrics().jobDuration.observe({ queue }, seconds);
};

/** Starts a worker for each job, reporting its outcome and duration. */
export async function startWorkers(boss: PgBoss, handle: DatabaseHandle, definitions: JobDefinition[] = jobDefinitions, onJobFinished: JobOutcomeObserver = recordJobOutcome) {
  for (const job of definitions) {
    await boss.work<object>(job.queue, { pollingIntervalSeconds: job.pollingIntervalSeconds ?? 2 }, async ([item]) => {
      if (!item) return;
      const started = performance.now();
      let outcome: JobOutcome = "failed";
      try {
        const result = await job.run(item.data ?? {}, { db: handle.db, handle, boss, now: new Date() });
        outcome = "completed";
        return result;
      } catch (error) {
        logger.warn({ err: error, queue: job.queue, jobId: item.id }, "job failed");
        throw error;
      } finally {
        onJobFinished(job.queue, outcome, (performance.now() - started) / 1000);
      }
    });
  }
}
