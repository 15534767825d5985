import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray, sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { setProcessDatabase } from "@/db";
import { events } from "@/db/schema";
import { bossStarted, getBoss } from "@/lib/jobs/runtime";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, tokenFor, type Caller } from "@/test/http";
import * as searchRoute from "@/pages/api/v1/events/search";
import { PROCESS_EVENTS_QUEUE } from "./process-events";

// Small bounds, so a stall shows within the test (read when the first event is stored).
process.env.MARQUEE_EVENT_QUEUE_WAIT_MS = "400";
process.env.MARQUEE_EVENT_QUEUE_MAX_EVENTS = "3";

/**
 * When the database stalls, event requests are refused with a 503 and Retry-After after a bounded
 * wait, instead of piling up in memory; what was refused is not stored, what was already on its
 * way is stored once the database answers.
 */
let t: TestDatabase;
let service: Caller;

beforeAll(async () => {
  t = await createTestDatabase();
  service = await tokenFor(t.db, ["events:write"]);
  // No worker may take events off the table while these tests count them.
  await (await getBoss()).offWork(PROCESS_EVENTS_QUEUE);
});
afterAll(async () => {
  await (await bossStarted())?.stop({ graceful: false, timeout: 1_000 });
  await t.destroy();
});

const search = (requestId: string) =>
  call(searchRoute.POST, { method: "POST", path: "/api/v1/events/search", body: { requestId, userId: "u-1", metadata: { query: "heat" } }, as: service });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const storedRequestIds = async (ids: string[]) => (await t.db.select({ id: events.requestId }).from(events).where(inArray(events.requestId, ids))).map((r) => r.id).sort();

/** Holds the events table (and, on PGlite, the whole database) until `release()`. */
async function stallDatabase() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const lockTaken = new Promise<void>((resolve) => (taken = resolve));
  const done = t.db.transaction(async (tx) => {
    await tx.execute(sql`lock table events in access exclusive mode`);
    taken();
    await held;
  });
  await lockTaken;
  return async () => {
    release();
    await done;
  };
}

describe("event backpressure", () => {
  it("refuses events with a 503 and Retry-After while the database stalls, stores none of them, and stores those already sent once it answers", async () => {
    expect((await search("warm-up")).status).toBe(202); // the token is known from here on

    const release = await stallDatabase();
    // Two inserts on their way (the inserter's limit), then three events waiting (the queue's limit).
    const sent = [search("sent-1"), search("sent-2")];
    await sleep(50);
    const waiting = [search("waits-1"), search("waits-2"), search("waits-3")];
    await sleep(50);
    // The queue is full: refused at once, while the database still stalls.
    const full = await search("queue-full");
    expect(full.status).toBe(503);
    expect(full.headers.get("retry-after")).toBe("1");
    expect(full.body.error).toMatchObject({ code: "unavailable:event_queue", retryAfterSeconds: 1 });
    expect(full.body.error.message).toMatch(/none of these was stored/);

    // Those that waited are refused after the bounded wait, still during the stall.
    for (const refused of await Promise.all(waiting)) {
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(refused.body.error.message).toMatch(/waited 400 ms for the database; none of them was stored/);
    }

    await release();
    expect((await Promise.all(sent)).map((r) => r.status)).toEqual([202, 202]);
    expect(await storedRequestIds(["sent-1", "sent-2", "waits-1", "waits-2", "waits-3", "queue-full"])).toEqual(["sent-1", "sent-2"]);

    // The database answers again: so does the API.
    expect((await search("waits-1")).status).toBe(202);
  });
});

describe.runIf(process.env.MARQUEE_TEST_DB === "postgres")("PostgreSQL's timeouts", () => {
  it("cancel a statement that waits past statement_timeout, and the request gets a 503 with Retry-After", async () => {
    const timed = await openDatabase({ url: t.url!, maxConnections: 2, statementTimeoutMs: 300 });
    setProcessDatabase(timed);
    try {
      const release = await stallDatabase();
      const started = Date.now();
      const answer = await search("too-slow");
      const waited = Date.now() - started;
      await release();
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("5");
      expect(answer.body.error).toMatchObject({ code: "unavailable:database", retryAfterSeconds: 5 });
      expect(waited).toBeLessThan(5_000); // bounded by the timeout, not by the stall
      expect(await storedRequestIds(["too-slow"])).toEqual([]);
    } finally {
      setProcessDatabase(t);
      await timed.close();
    }
  });

  it("end a transaction left idle past idle_in_transaction_session_timeout, releasing its locks", async () => {
    const timed = await openDatabase({ url: t.url!, maxConnections: 1, idleInTransactionTimeoutMs: 300 });
    try {
      const forgotten = timed.db.transaction(async (tx) => {
        await tx.execute(sql`lock table events in access exclusive mode`);
        await sleep(1_000);
        await tx.execute(sql`select 1`);
      });
      await expect(forgotten).rejects.toThrow();
      // The lock went with the session: events are stored again.
      expect((await search("after-idle")).status).toBe(202);
    } finally {
      await timed.close();
    }
  });
});
