import "server-only";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { inNextBundle, threadFromSource } from "./source-thread";
import { logger } from "@/lib/log/logger";
import type { JobOutcome, JobOutcomeObserver } from "./registry";

/** What the web process hands the thread when it starts it. */
export interface WorkerThreadData {
  /** The web process's database (a Postgres server: PGlite cannot be shared between threads). */
  databaseUrl: string;
  /** How long running jobs get to finish when the thread is stopped. */
  stopTimeoutMs: number;
}
/** What the thread tells the web process. */
export type ThreadMessage = { type: "ready" } | { type: "job"; queue: string; outcome: JobOutcome; seconds: number };
/** What the web process tells the thread. */
export type HostMessage = { type: "stop" };

export interface WorkerThreadState {
  phase: "starting" | "running" | "restarting" | "stopped";
  /** Times the thread ended on its own and was started again. */
  restarts: number;
  lastExitCode: number | null;
}

export interface JobWorkerThread {
  /** Resolves once the thread's workers are polling their queues (after a restart too). */
  ready(): Promise<void>;
  state(): WorkerThreadState;
  /** Lets running jobs finish, then ends the thread for good. */
  stop(): Promise<void>;
}

export interface WorkerThreadOptions {
  databaseUrl: string;
  /** Told of every job the thread finishes (the web process's metrics, by default). */
  onJobFinished: JobOutcomeObserver;
  stopTimeoutMs?: number;
  /** The wait before restarting a thread that died; it doubles after each failed start. */
  firstRestartDelayMs?: number;
}

const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Runs the app's job workers (./worker-thread.ts) on a worker thread of the web process.
 *
 * Why: on the thread that answers requests, a request that arrived during a job's CPU work or
 * garbage collection waited for it. On its own thread the worker has its own event loop and heap,
 * and the web process stays one process to run. `npm run bench:events --workers inline` compares
 * the two (docs/performance.md).
 *
 * A thread that dies is restarted, waiting longer after each failed start.
 */
export function startJobWorkerThread(options: WorkerThreadOptions): JobWorkerThread {
  const data: WorkerThreadData = { databaseUrl: options.databaseUrl, stopTimeoutMs: options.stopTimeoutMs ?? 30_000 };
  let stopping = false;
  let current: Worker;
  let currentExited: Promise<void>;
  let markReady: () => void;
  let readyNow = new Promise<void>((resolve) => (markReady = resolve));
  const state: WorkerThreadState = { phase: "starting", restarts: 0, lastExitCode: null };

  const launch = (failedStarts: number) => {
    let started = false;
    const worker = spawnJobWorkerThread(data);
    current = worker;
    currentExited = new Promise((resolve) => worker.once("exit", () => resolve()));
    worker.on("message", (message: ThreadMessage) => {
      if (message.type === "ready") {
        started = true;
        state.phase = "running";
        markReady();
      } else if (message.type === "job") {
        options.onJobFinished(message.queue, message.outcome, message.seconds);
      }
    });
    worker.on("error", (error) => logger.error({ err: error }, "job worker thread failed"));
    worker.on("exit", (code) => {
      if (stopping) return;
      readyNow = new Promise<void>((resolve) => (markReady = resolve));
      Object.assign(state, { phase: "restarting", restarts: state.restarts + 1, lastExitCode: code });
      const failures = started ? 0 : failedStarts + 1;
      const delay = Math.min(MAX_RESTART_DELAY_MS, (options.firstRestartDelayMs ?? 1_000) * 2 ** Math.max(0, failures - 1));
      logger.error({ exitCode: code, restartInMs: delay }, "job worker thread ended; restarting it");
      setTimeout(() => {
        if (stopping) return;
        state.phase = "starting";
        launch(failures);
      }, delay);
    });
  };
  launch(0);

  return {
    ready: () => readyNow,
    state: () => ({ ...state }),
    async stop() {
      if (stopping) return;
      stopping = true;
      state.phase = "stopped";
      // Between a thread's end and its restart this posts to nobody, and it has exited already.
      current.postMessage({ type: "stop" } satisfies HostMessage);
      const timeout = setTimeout(() => void current.terminate(), data.stopTimeoutMs + 5_000);
      await currentExited;
      clearTimeout(timeout);
    },
  };
}

function spawnJobWorkerThread(data: WorkerThreadData): Worker {
  const name = "marquee-jobs";
  if (!inNextBundle()) return threadFromSource(path.join(path.dirname(fileURLToPath(import.meta.url)), "worker-thread.ts"), { name, workerData: data });
  return new Worker(new URL("./worker-thread.ts", import.meta.url), { name, workerData: data });
}
