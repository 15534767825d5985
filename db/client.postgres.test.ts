import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { requestTimeoutsFromEnv } from "@/lib/config/env";
import { openDatabase, rowsOf, type DatabaseHandle } from "./client";

// Prepared statements are a postgres.js matter (PGlite runs in-process, with no round trips to save).
describe("the postgres.js client", () => {
  let t: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    t = await createTestDatabase({ serveRoutes: false });
    // One connection, so the statements this test prepares are the ones it reads back.
    handle = await openDatabase({ url: t.url!, maxConnections: 1 });
  });
  afterAll(async () => {
    await handle.close();
    await t.destroy();
  });

  const preparedStatements = async (db: DatabaseHandle["db"]) =>
    rowsOf<{ statement: string }>(await db.execute(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);

  it("runs drizzle's queries as statements prepared once per connection (one round trip each after the first)", async () => {
    for (let i = 0; i < 3; i++) expect(rowsOf<{ x: number }>(await handle.db.execute(sql`select ${i}::int + 1 as x`))[0]!.x).toBe(i + 1);
    expect((await preparedStatements(handle.db)).filter((s) => s === "select $1::int + 1 as x")).toHaveLength(1);
  });

  it("reaches the same server over its Unix socket when the URL names the socket's folder (libpq's host parameter)", async () => {
    const folder = rowsOf<{ dirs: string }>(await handle.db.execute(sql`select current_setting('unix_socket_directories') as dirs`))[0]!.dirs.split(",")[0]!.trim();
    const database = new URL(t.url!).pathname;
    const local = await openDatabase({ url: `postgres://${new URL(t.url!).username}@${database}?host=${folder}`, maxConnections: 1 });
    try {
      // inet_server_addr() is null on a Unix-socket connection.
      const [row] = rowsOf<{ addr: string | null; db: string }>(await local.db.execute(sql`select inet_server_addr() as addr, current_database() as db`));
      expect(row).toEqual({ addr: null, db: database.slice(1) });
    } finally {
      await local.close();
    }
  });

  it("has Postgres plan each run for its parameters, never a generic plan (which made the event worker several times slower)", async () => {
    expect(rowsOf<{ plan_cache_mode: string }>(await handle.db.execute(sql`show plan_cache_mode`))[0]!.plan_cache_mode).toBe("force_custom_plan");
  });

  it("gives the web process's sessions PostgreSQL's statement and idle-in-transaction timeouts", async () => {
    const web = await openDatabase({ url: t.url!, maxConnections: 1, ...requestTimeoutsFromEnv() });
    try {
      const setting = async (name: string) => rowsOf<{ setting: string }>(await web.db.execute(sql`select current_setting(${name}) as setting`))[0]!.setting;
      expect(await setting("statement_timeout")).toBe("15s");
      expect(await setting("idle_in_transaction_session_timeout")).toBe("1min");
    } finally {
      await web.close();
    }
  });

  it("does so inside transactions and savepoints too", async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select ${"a"}::text || 'b' as y`);
      await tx.transaction(async (nested) => {
        await nested.execute(sql`select ${"c"}::text || 'd' as z`);
      });
      const statements = await preparedStatements(tx);
      expect(statements).toContain("select $1::text || 'b' as y");
      expect(statements).toContain("select $1::text || 'd' as z");
    });
  });
});
