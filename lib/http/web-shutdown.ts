import "server-only";
import { closeDatabase } from "@/db";
import { env } from "@/lib/config/env";
import { stopJobs } from "@/lib/jobs/runtime";
import { installGracefulShutdown } from "./graceful-shutdown";

/** The web process's shutdown: its job queue and worker thread, then its database. */
export function installWebShutdown(): void {
  installGracefulShutdown({
    timeoutMs: env().MARQUEE_SHUTDOWN_TIMEOUT_MS,
    async stop(budgetMs) {
      await stopJobs(Math.floor(budgetMs * 0.7));
      await closeDatabase();
    },
  });
}
