import "server-only";
import type { PgBoss } from "pg-boss";
import type { DatabaseHandle } from "@/db/client";
import { authJobs } from "@/lib/auth/jobs";
import { zodFieldErrors } from "@/lib/errors/app-error";
import { eventJobs } from "@/lib/events/jobs";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/registry";
import { recsJobs, recsStartupHooks } from "@/lib/recs/jobs";
import { showtimeJobs, showtimeStartupHooks } from "@/lib/showtimes/jobs";
import { trendJobs } from "@/lib/trends/jobs";
import type { JobDefinition, JobDeps, StartupHook } from "./job";

/** Every job the app knows, from each domain's lib/<domain>/jobs.ts. */
export const jobDefinitions: JobDefinition[] = [...authJobs, ...showtimeJobs, ...eventJobs, ...trendJobs, ...recsJobs];

/** What a process does before its workers start, from each domain's jobs.ts. */
export const startupHooks: StartupHook[] = [...showtimeStartupHooks, ...recsStartupHooks];

export async function createQueues(boss: PgBoss, definitions: JobDefinition[] = jobDefinitions) {
  for (const job of definitions) {
    if (job.wakeUp && (await boss.getQueue(job.queue))?.policy === "stately") await boss.deleteQueue(job.queue);
    await boss.createQueue(job.queue, { policy: "standard", retryLimit: job.retryLimit ?? 3, retryDelay: job.retryDelaySeconds ?? 5, retryBackoff: true });
    if (job.cron) await boss.schedule(job.queue, job.cron, {}, { tz: "UTC" });
  }
}

/** Runs the hooks that apply to this database, one after the other. */
export async function runStartupHooks(deps: JobDeps, hooks: StartupHook[] = startupHooks) {
  for (const hook of hooks) {
    if (hook.embeddedOnly && deps.handle.driver !== "pglite") continue;
    await hook.run(deps);
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

/** The job's payload, checked against its schema; a wrong one fails the job, saying which field. */
export function payloadOf(job: JobDefinition, data: unknown): unknown {
  const parsed = job.payload.safeParse(data ?? {});
  if (parsed.success) return parsed.data;
  const fields = Object.entries(zodFieldErrors(parsed.error)).map(([field, problem]) => `${field}: ${problem}`);
  throw new Error(`A ${job.queue} job was sent a payload it cannot take (${fields.join("; ")})`);
}

/** Starts a worker for each job, reporting its outcome and duration. */
export async function startWorkers(boss: PgBoss, handle: DatabaseHandle, definitions: JobDefinition[] = jobDefinitions, onJobFinished: JobOutcomeObserver = recordJobOutcome) {
  for (const job of definitions) {
    await boss.work<object>(job.queue, { pollingIntervalSeconds: job.pollingIntervalSeconds ?? 2 }, async ([item]) => {
      if (!item) return;
      const started = performance.now();
      let outcome: JobOutcome = "failed";
      try {
        const result = await job.run(payloadOf(job, item.data), { db: handle.db, handle, boss, now: new Date() });
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
