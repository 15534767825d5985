import "server-only";
import { logger } from "@/lib/log/logger";

/**
 * Graceful shutdown of the web process, on SIGTERM (what orchestrators send) or SIGINT:
 *
 * 1. Next.js's own signal handler stops accepting connections and waits for the open ones to end
 *    (`next start`: server.close(), then process.exit(143)).
 * 2. Server-Sent Event streams end at once (they would otherwise keep their connections open for
 *    ever): browsers' EventSource reconnects, to another instance, with Last-Event-ID.
 * 3. When Next.js is done and calls process.exit, the job queue, its worker thread and the database
 *    are stopped first; then the process exits with Next.js's code.
 * 4. Whatever hangs, the process exits when `timeoutMs` is up (orchestrators SIGKILL soon after:
 *    Kubernetes waits 30 s by default).
 */
export interface ShutdownOptions {
  timeoutMs: number;
  /** Stops what this process runs besides HTTP: the job queue, its worker thread, the database. */
  stop(budgetMs: number): Promise<void>;
}

const globalForShutdown = globalThis as unknown as { marqueeShutdown?: { controller: AbortController; installed: boolean } };
const shutdown = (globalForShutdown.marqueeShutdown ??= { controller: new AbortController(), installed: false });

/** Aborted when the process begins to shut down: long-lived responses (SSE) end on it. */
export function shutdownSignal(): AbortSignal {
  return shutdown.controller.signal;
}

/** A request's own signal, also aborted when the process shuts down. */
export function untilShutdown(request: Request): AbortSignal {
  return AbortSignal.any([request.signal, shutdownSignal()]);
}

export function installGracefulShutdown(options: ShutdownOptions): void {
  if (shutdown.installed) return;
  shutdown.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => begin(signal, options));
}

function begin(signal: NodeJS.Signals, options: ShutdownOptions) {
  const started = Date.now();
  const exit = process.exit.bind(process);
  logger.info({ signal, timeoutMs: options.timeoutMs }, "shutting down: no new connections, ending event streams");
  shutdown.controller.abort(new Error(`server shutting down (${signal})`));

  let stopping: Promise<void> | undefined;
  const stopThenExit = (code: number) => {
    stopping ??= options
      .stop(Math.max(1_000, options.timeoutMs - (Date.now() - started) - 500))
      .then(
        () => logger.info({ ms: Date.now() - started }, "shut down: job queue stopped, database closed"),
        (error) => logger.error({ err: error }, "shutdown: could not stop cleanly"),
      );
    void stopping.finally(() => exit(code));
  };
  // Next.js exits once its server has closed; the queue and the database are stopped first.
  process.exit = ((code?: number | string | null) => stopThenExit(Number(code ?? process.exitCode ?? 0))) as typeof process.exit;
  const deadline = setTimeout(() => {
    logger.error({ ms: Date.now() - started }, "shutdown took too long: exiting now");
    exit(1);
  }, options.timeoutMs);
  deadline.unref();
  // Nobody else handles the signal (NEXT_MANUAL_SIG_HANDLE, or not under Next.js): stop now.
  if (process.listenerCount(signal) === 0) stopThenExit(128 + (signal === "SIGINT" ? 2 : 15));
}
