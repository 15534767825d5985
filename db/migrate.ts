import "server-only";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import fs from "node:fs";
import path from "node:path";
import { rowsOf, type DatabaseHandle } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db/migrations");
// Any constant will do; it only has to be the same for every instance that migrates.
const MIGRATION_LOCK = 72_010_443;

/** Applies the committed drizzle-kit migrations. Safe to run from several instances at once. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  // A session-level advisory lock on a reserved connection makes other instances wait their turn.
  const reserved = await handle.sql!.reserve();
  try {
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await reserved`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    reserved.release();
  }
}

/** How many migrations the code ships and how many the database has applied. */
export async function migrationState(handle: DatabaseHandle): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
  try {
    const rows = rowsOf<{ n: number | string }>(await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    return { expected: journal.entries.length, applied: Number(rows[0]?.n ?? 0) };
  } catch {
    return { expected: journal.entries.length, applied: 0 };
  }
}

/** One round trip to the database: is it there and answering? */
export async function pingDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql`select 1`);
}
