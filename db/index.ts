import "server-only";
import { databaseOptionsFromEnv, requestTimeoutsFromEnv } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";
import { openDatabase, type DatabaseHandle, type Db } from "./client";
import { claimDataDir } from "./data-dir-lock";
import { migrateDatabase } from "./migrate";

export type { Db, DatabaseHandle } from "./client";

// Next.js may load this module once per route bundle; the handle must still be one per process.
const globalForDb = globalThis as unknown as { marqueeDatabase?: Promise<DatabaseHandle> };

/** The process's database, opened and migrated on first use. */
export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.marqueeDatabase ??= (async () => {
    const options = databaseOptionsFromEnv();
    if (!options.url) {
      const release = claimDataDir(options.dataDir!, "web app");
      process.once("exit", release);
    }
    const handle = await openDatabase({ ...options, ...requestTimeoutsFromEnv() });
    await migrateDatabase(handle);
    logger.info({ driver: handle.driver, location: handle.location }, "database ready");
    return handle;
  })().catch((error) => {
    globalForDb.marqueeDatabase = undefined;
    throw error;
  });
  return globalForDb.marqueeDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Makes this process use an already opened database (tests, CLI commands that opened their own). */
export function setProcessDatabase(handle: DatabaseHandle): void {
  globalForDb.marqueeDatabase = Promise.resolve(handle);
}

/** Closes the process's database (its pool, or the embedded database's files) if it was opened. */
export async function closeDatabase(): Promise<void> {
  const opening = globalForDb.marqueeDatabase;
  globalForDb.marqueeDatabase = undefined;
  const handle = await opening?.catch(() => undefined);
  await handle?.close();
}
