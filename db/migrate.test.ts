import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "./client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "./migrate";
import { insertEvents } from "./queries/events";
import { events, users } from "./schema";
import { withDatabase } from "@/test/global-setup";

/**
 * Migration 0009 (idempotency keys per user) on a database that already holds events: it is
 * migrated up to the migration before, given events, then migrated to the end.
 */
let handle: DatabaseHandle;
let dispose: () => Promise<void>;
const before = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-migrations-"));

beforeAll(async () => {
  // The migrations up to (not including) the one under test.
  fs.cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
  const journalPath = path.join(before, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === "0009_events_request_id_per_user"));
  fs.writeFileSync(journalPath, JSON.stringify(journal));

  if (process.env.MARQUEE_TEST_DB === "postgres") {
    const server = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `marquee_test_migrate_${randomBytes(6).toString("hex")}`;
    await server.unsafe(`create database "${name}"`);
    handle = await openDatabase({ url: withDatabase(process.env.TEST_DATABASE_URL!, name), maxConnections: 2 });
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: before });
    dispose = async () => {
      await handle.close();
      await server.unsafe(`drop database if exists "${name}" with (force)`);
      await server.end();
    };
  } else {
    handle = await openDatabase({ dataDir: "memory://" });
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: before });
    dispose = () => handle.close();
  }
});
afterAll(async () => {
  await dispose();
  fs.rmSync(before, { recursive: true, force: true });
});

const event = (requestId: string, userId: string) => ({ requestId, type: "search" as const, userId, movieId: null, clientTimestamp: null, metadata: { query: userId } });

describe("migration 0009: idempotency keys per user", () => {
  it("keeps every stored event, and from then on the same key for another user is another event", async () => {
    await handle.db.insert(users).values(["ann", "bob"].map((id) => ({ id, displayName: id, role: "viewer" as const })));
    await handle.db.insert(events).values([event("k-1", "ann"), event("k-2", "ann"), event("k-3", "bob")]);
    // Before: a key is unique across all users.
    await expect(handle.db.insert(events).values(event("k-1", "bob"))).rejects.toThrow();

    await migrateDatabase(handle);

    const rows = await handle.db.select({ requestId: events.requestId, userId: events.userId }).from(events).orderBy(asc(events.id));
    expect(rows).toEqual([
      { requestId: "k-1", userId: "ann" },
      { requestId: "k-2", userId: "ann" },
      { requestId: "k-3", userId: "bob" },
    ]);
    expect((await insertEvents(handle.db, [event("k-1", "bob")]))[0]!.accepted).toBe(true);
    expect((await insertEvents(handle.db, [event("k-1", "ann")]))[0]!.accepted).toBe(false);
    expect(await handle.db.select({ userId: events.userId }).from(events).where(eq(events.requestId, "k-1")).orderBy(asc(events.id))).toEqual([{ userId: "ann" }, { userId: "bob" }]);
  });
});
