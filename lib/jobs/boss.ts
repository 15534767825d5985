import "server-only";
import { PgBoss, fromPglite } from "pg-boss";
import { serverUrlOf, type DatabaseHandle } from "@/db/client";
import { logger } from "@/lib/log/logger";

/**
 * pg-boss keeps jobs in our own Postgres (schema `pgboss`): in PGlite through its adapter, or on
 * the server through its own pool. Workers in any number of processes share the queues.
 */
export async function startBoss(handle: DatabaseHandle, options: { schedule?: boolean } = {}): Promise<PgBoss> {
  const boss =
    handle.driver === "pglite"
      ? new PgBoss({ db: fromPglite(handle.pglite!), backend: "pglite", schedule: options.schedule ?? true })
      : new PgBoss({ connectionString: serverUrlOf(handle), max: 4, schedule: options.schedule ?? true });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  try {
    await boss.start();
  } catch (error) {
    // A queue that could not start must not leave its timers and pool behind.
    await boss.stop({ graceful: false, timeout: 1_000 }).catch(() => undefined);
    throw error;
  }
  return boss;
}
