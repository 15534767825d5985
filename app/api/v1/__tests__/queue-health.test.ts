import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as healthRoute from "@/app/api/v1/health/route";
import * as readyRoute from "@/app/api/v1/health/ready/route";
import * as metricsRoute from "@/app/api/metrics/route";
import { insertDeadLetter, insertEvents } from "@/db/queries/events";
import { events } from "@/db/schema";
import { processPendingEvents, PROCESS_EVENTS_QUEUE } from "@/lib/events/process-events";
import { Health } from "@/lib/health/contract";
import { bossStarted, getBoss } from "@/lib/jobs/runtime";
import { CREATE_BATCH_QUEUE } from "@/lib/showtimes/batch-service";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, type Caller } from "@/test/http";

/** What an operator asks first: is any queue backed up, is event processing behind, what failed. */
let t: TestDatabase;
let admin: Caller;

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await sessionFor(t.db, "admin");
  const boss = await getBoss();
  // These tests set the queues' state themselves: no worker may take their jobs or events.
  await boss.offWork(CREATE_BATCH_QUEUE);
  await boss.offWork(PROCESS_EVENTS_QUEUE);
});
afterAll(async () => {
  await (await bossStarted())?.stop({ graceful: false, timeout: 1_000 });
  await t.destroy();
});

const MINUTE = 60_000;

async function storeSearch(userId: string, storedAt: Date) {
  const [stored] = await insertEvents(t.db, [{ requestId: `search-${userId}`, type: "search", userId, movieId: null, clientTimestamp: null, metadata: { query: "heat" } }]);
  await t.db.update(events).set({ serverTimestamp: storedAt }).where(eq(events.requestId, stored!.requestId));
}

describe("queue health", () => {
  // First in the file: pg-boss counts a queue it never counted at its first read, and after that
  // as its monitor does, about once a minute.
  it("reports each queue's waiting, active and failed jobs, and its open dead letters", async () => {
    const boss = await getBoss();
    for (let i = 0; i < 3; i++) await boss.send(CREATE_BATCH_QUEUE, { transactionId: `tx-${i}` }, { retryLimit: 0 });
    const started = await boss.fetch(CREATE_BATCH_QUEUE, { batchSize: 2 });
    expect(started).toHaveLength(2);
    await boss.fail(CREATE_BATCH_QUEUE, started[0]!.id, { message: "theater gone" });
    await insertDeadLetter(t.db, { queue: PROCESS_EVENTS_QUEUE, payload: { eventId: 1 }, error: "poison", attempts: 3 });

    const health = await call(healthRoute.GET, {});
    expect(health.status).toBe(200);
    expect(Health.safeParse(health.body).error?.issues ?? []).toEqual([]);
    const queueOf = (name: string) => health.body.queues.find((q: { queue: string }) => q.queue === name);
    expect(queueOf(CREATE_BATCH_QUEUE)).toMatchObject({ waiting: 1, active: 1, failed: 1, deadLetters: 0 });
    expect(queueOf(CREATE_BATCH_QUEUE).countedAt).not.toBeNull();
    expect(queueOf(PROCESS_EVENTS_QUEUE)).toMatchObject({ deadLetters: 1 });

    const scraped = await call(metricsRoute.GET, { as: admin });
    expect(scraped.status).toBe(200);
    expect(scraped.body).toContain(`marquee_queue_jobs{queue="${CREATE_BATCH_QUEUE}",state="waiting"} 1`);
    expect(scraped.body).toContain(`marquee_queue_jobs{queue="${CREATE_BATCH_QUEUE}",state="failed"} 1`);
    expect(scraped.body).toContain(`marquee_queue_jobs{queue="${PROCESS_EVENTS_QUEUE}",state="dead_letter"} 1`);
  });

  it("turns degraded, saying why, when the oldest unprocessed event is older than the limit, while readiness stays about the database", async () => {
    const now = Date.now();
    await storeSearch("late-1", new Date(now - 10 * MINUTE));
    await storeSearch("late-2", new Date(now - 2 * MINUTE));

    const health = await call(healthRoute.GET, {});
    expect(health.status).toBe(200);
    expect(health.body.status).toBe("degraded");
    expect(health.body.components.eventBacklog.status).toBe("degraded");
    expect(health.body.components.eventBacklog.detail).toMatch(/event processing is behind: the oldest unprocessed audience event is 6\d\d(\.\d)? s old, over the 300 s limit/);
    expect(health.body.eventBacklog.limitSeconds).toBe(300);
    expect(health.body.eventBacklog.ageSeconds).toBeGreaterThanOrEqual(600);
    expect(Date.parse(health.body.eventBacklog.oldestUnprocessedAt)).toBe(now - 10 * MINUTE);

    const ready = await call(readyRoute.GET, {});
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ready");

    const scraped = await call(metricsRoute.GET, { as: admin });
    expect(Number(/^marquee_event_backlog_seconds (\S+)$/m.exec(scraped.body)?.[1])).toBeGreaterThanOrEqual(600);

    // The worker catches up: the backlog is gone, and so is the degradation.
    await processPendingEvents(t.db, { now: () => new Date(), halfLifeHours: 24 });
    const after = await call(healthRoute.GET, {});
    expect(after.body.components.eventBacklog).toMatchObject({ status: "ok", detail: "no audience event waiting to be processed" });
    expect(after.body.eventBacklog).toMatchObject({ oldestUnprocessedAt: null, ageSeconds: 0 });
    expect(after.body.status).toBe("ok");
  });
});
