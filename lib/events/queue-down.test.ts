import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { countUnprocessedEvents } from "@/db/queries/events";
import { bossStarted, getBoss } from "@/lib/jobs/runtime";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, tokenFor, type Caller } from "@/test/http";
import * as searchRoute from "@/pages/api/v1/events/search";

/** Storing an event does not depend on the job queue: the worker catches up from the table. */
let t: TestDatabase;
let service: Caller;

beforeAll(async () => {
  t = await createTestDatabase();
  service = await tokenFor(t.db, ["events:write"]);
  // A job queue that cannot start: its schema is there but of a version pg-boss cannot migrate from.
  await t.db.execute(sql`create schema pgboss`);
  await t.db.execute(sql`create table pgboss.version (version int, maintained_on timestamptz, cron_on timestamptz)`);
  await t.db.execute(sql`insert into pgboss.version (version) values (1)`);
});
afterAll(async () => {
  await (await bossStarted()?.catch(() => undefined))?.stop({ graceful: false, timeout: 1_000 });
  await t.destroy();
});

const search = (requestId: string) =>
  call(searchRoute.POST, { method: "POST", path: "/api/v1/events/search", body: { requestId, userId: "u-1", metadata: { query: "heat" } }, as: service });

describe("events while the job queue is down", () => {
  it("are stored and acknowledged, and processed once the queue runs", async () => {
    await expect(getBoss()).rejects.toThrow(/Cannot migrate pg-boss schema/);
    const stored = await search("while-down");
    expect(stored.status).toBe(202);
    expect(stored.body).toMatchObject({ requestId: "while-down", status: "accepted" });
    expect(await countUnprocessedEvents(t.db)).toBe(1);
    // The request tried to start the queue again, in the background; let that attempt fail first.
    await bossStarted()?.catch(() => undefined);

    // The queue comes back: the next trigger has the worker work off the table, older events included.
    await t.db.execute(sql`drop schema pgboss cascade`);
    await getBoss();
    expect((await search("after")).status).toBe(202);
    const deadline = Date.now() + 30_000;
    while ((await countUnprocessedEvents(t.db)) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await countUnprocessedEvents(t.db)).toBe(0);
  });
});
