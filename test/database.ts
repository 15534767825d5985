import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { openDatabase, postgresClient, type DatabaseHandle } from "@/db/client";
import { setProcessDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { withDatabase } from "./global-setup";

export interface TestDatabase extends DatabaseHandle {
  /** The connection URL, on a server (child processes in tests connect with it). */
  url?: string;
  destroy(): Promise<void>;
}

/**
 * A real, empty, migrated database for one test file: in-memory PGlite, or a fresh database on
 * the TEST_DATABASE_URL server copied from the run's template. It also becomes the database the
 * route handlers use in this file.
 */
export async function createTestDatabase(options: { serveRoutes?: boolean } = {}): Promise<TestDatabase> {
  const handle = process.env.MARQUEE_TEST_DB === "postgres" ? await createPostgresDatabase() : await createPgliteDatabase();
  if (options.serveRoutes ?? true) setProcessDatabase(handle);
  return handle;
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const handle = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
  return { ...handle, destroy: () => handle.close() };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `marquee_test_${randomBytes(6).toString("hex")}`;
  const admin = postgresClient(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject("postgresTemplate")}"`);
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ url, maxConnections: 5 });
  return {
    ...handle,
    url,
    async destroy() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
