import "server-only";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import fs from "node:fs";
import path from "node:path";
import { postgresClient, rowsOf, serverUrlOf, type DatabaseHandle } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db/migrations");
// Any constant will do; it only has to be the same for every instance that migrates.
const MIGRATION_LOCK = 72_010_443;

/** Applies the committed drizzle-kit migrations. Safe to run from several instances at once. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  // A connection of its own, without the app's statement timeout: a migration may build an index
  // on a large table, and an instance may wait minutes for another's migration. Its session-level
  // advisory lock makes other instances wait their turn.
  const client = postgresClient(serverUrlOf(handle), { max: 1, onnotice: () => {}, connection: { application_name: "marquee-migrate" } });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end({ timeout: 5 });
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
