import "server-only";
import { closeDatabase } from "@/db";
import { flushAllWriteBehind } from "@/lib/async/write-behind";
import { env } from "@/lib/config/env";
import { stopJobs } from "@/lib/jobs/runtime";
import { installGracefulShutdown } from "./graceful-shutdown";

/** The web process's shutdown: its job queue and worker thread, the rows written behind, then its database. */
export function installWebShutdown(): void {
  installGracefulShutdown({
    timeoutMs: env().MARQUEE_SHUTDOWN_TIMEOUT_MS,
    async stop(budgetMs) {
      await stopJobs(Math.floor(budgetMs * 0.7));
      await flushAllWriteBehind();
      await closeDatabase();
    },
  });
}
