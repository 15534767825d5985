import { databaseOptionsFromEnv } from "@/lib/config/env";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { claimDataDir } from "@/db/data-dir-lock";
import { setProcessDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";

/** Opens and migrates the database named by the environment, for the length of one command. */
export async function withCliDatabase<T>(purpose: string, body: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const options = databaseOptionsFromEnv();
  const release = options.url ? () => {} : claimDataDir(options.dataDir!, purpose);
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
    setProcessDatabase(handle);
    return await body(handle);
  } finally {
    await handle.close();
    release();
  }
}
