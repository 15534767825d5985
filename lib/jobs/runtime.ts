import "server-only";
import type { PgBoss } from "pg-boss";
import { getDatabase } from "@/db";
import { serverUrlOf } from "@/db/client";
import { env } from "@/lib/config/env";
import type { WorkerPlacement } from "@/lib/health/health";
import { logger } from "@/lib/log/logger";
import { startBoss } from "./boss";
import { createQueues, recordJobOutcome, runStartupHooks, startWorkers } from "./registry";
import { startJobWorkerThread, type JobWorkerThread } from "./worker-thread-host";

const globalForJobs = globalThis as unknown as { marqueeBoss?: Promise<PgBoss>; marqueeWorkers?: { where: "inline" | "off" } | { where: "thread"; thread: JobWorkerThread } };

/**
 * The process's job queue, started on first use, with its workers where MARQUEE_WORKERS says: on a
 * worker thread (the default on a Postgres server), on this thread (always on PGlite), or nowhere
 * (`npm run worker` processes do the work).
 */
export function getBoss(): Promise<PgBoss> {
  globalForJobs.marqueeBoss ??= (async () => {
    const handle = await getDatabase();
    const boss = await startBoss(handle);
    await createQueues(boss);
    await runStartupHooks({ db: handle.db, handle, boss, now: new Date() });
    const workers = handle.driver === "pglite" ? "inline" : env().MARQUEE_WORKERS;
    if (workers === "thread") {
      globalForJobs.marqueeWorkers = { where: "thread", thread: startJobWorkerThread({ databaseUrl: serverUrlOf(handle), onJobFinished: recordJobOutcome, stopTimeoutMs: shutdownBudgetMs() }) };
      logger.info("job workers running on a worker thread of this process");
    } else {
      if (workers === "inline") {
        await startWorkers(boss, handle);
        logger.info("job workers running in this process");
      }
      globalForJobs.marqueeWorkers = { where: workers };
    }
    return boss;
  })().catch((error) => {
    globalForJobs.marqueeBoss = undefined;
    throw error;
  });
  return globalForJobs.marqueeBoss;
}

// Running jobs get half the shutdown's time to finish; the rest is for closing the database.
const shutdownBudgetMs = () => Math.floor(env().MARQUEE_SHUTDOWN_TIMEOUT_MS / 2);

/** Whether the queue has started in this process, without starting it. */
export function bossStarted(): Promise<PgBoss> | undefined {
  return globalForJobs.marqueeBoss;
}

/** Where this process's job workers run, for the health check (undefined until the queue started). */
export function workerPlacement(): WorkerPlacement | undefined {
  const workers = globalForJobs.marqueeWorkers;
  return workers?.where === "thread" ? { where: "thread", state: workers.thread.state() } : workers;
}

/**
 * Stops this process's job queue and its worker thread, letting running jobs finish within
 * `timeoutMs` (a job cut short is retried: pg-boss expires it and another worker takes it).
 */
export async function stopJobs(timeoutMs: number): Promise<void> {
  const starting = globalForJobs.marqueeBoss;
  if (!starting) return;
  const boss = await starting.catch(() => undefined);
  const workers = globalForJobs.marqueeWorkers;
  await Promise.all([
    workers?.where === "thread" ? workers.thread.stop() : undefined,
    boss?.stop({ graceful: true, timeout: timeoutMs }),
  ]);
  globalForJobs.marqueeBoss = undefined;
  globalForJobs.marqueeWorkers = undefined;
}
