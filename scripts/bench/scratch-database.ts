import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresClient, type DatabaseOptions } from "@/db/client";

/** A database that exists for one bench run: open it with `openDatabase(scratch.options)`, drop it with `dispose()`. */
export interface ScratchDatabase {
  driver: "postgres" | "pglite";
  /** A postgres:// URL, or a PGlite data folder: what a child process or the app is given. */
  location: string;
  /** What `openDatabase` takes to open it (add `maxConnections` as needed). */
  options: DatabaseOptions;
  /** Drops the database (or deletes the PGlite folder). Close every handle on it first, or they are cut off. */
  dispose(): Promise<void>;
}

/**
 * Creates an empty database named `marquee_bench_<label>_<time>` on the Postgres server of
 * `serverUrl` (a user allowed to create databases), and says so on the console.
 */
export async function createScratchPostgres(serverUrl: string, label: string): Promise<ScratchDatabase> {
  const name = `marquee_bench_${label}_${Date.now().toString(36)}`;
  const admin = postgresClient(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  console.log(`Postgres ${url.host}, scratch database ${name}`);
  return {
    driver: "postgres",
    location: url.toString(),
    options: { url: url.toString() },
    async dispose() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
      console.log(`Dropped ${name}`);
    },
  };
}

/** A PGlite database in a new temporary folder, deleted by `dispose()`. */
export function createScratchPglite(): ScratchDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-bench-"));
  const dataDir = path.join(dir, "pglite");
  console.log(`PGlite in ${dir}`);
  return { driver: "pglite", location: dataDir, options: { dataDir }, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A scratch database on the server in `serverUrl` (usually DATABASE_URL) when there is one, else a temporary PGlite. */
export function createScratchDatabase(serverUrl: string | undefined, label: string): Promise<ScratchDatabase> {
  return serverUrl ? createScratchPostgres(serverUrl, label) : Promise.resolve(createScratchPglite());
}

/** `openDatabase` options for a scratch database's `location`, as passed to a child process. */
export function scratchDatabaseOptions(location: string): DatabaseOptions {
  return /^postgres(ql)?:\/\//.test(location) ? { url: location } : { dataDir: location };
}
