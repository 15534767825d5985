import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { rateLimits } from "@/db/schema";
import { startBoss } from "./boss";
import { z } from "zod";
import { pruneRateLimitsJob } from "@/lib/auth/jobs";
import { defineJob, noPayload } from "./job";
import { createQueues, startWorkers } from "./registry";

// pg-boss 12 declares Node >= 22; this proves it works on the Node this project supports (20+),
// on PGlite and on a real server alike.
let t: TestDatabase;
let boss: PgBoss;
beforeAll(async () => {
  t = await createTestDatabase();
  boss = await startBoss(t, { schedule: false });
});
afterAll(async () => {
  await boss.stop({ graceful: false, timeout: 1_000 });
  await t.destroy();
});

describe(`pg-boss on Node ${process.versions.node}`, () => {
  it("runs a job sent to a queue and records its result", async () => {
    const seen: unknown[] = [];
    const echo = defineJob({
      queue: "test.echo",
      payload: z.object({ word: z.string() }),
      async run(data) {
        seen.push(data);
        return { echoed: data.word.toUpperCase() };
      },
    });
    await createQueues(boss, [echo]);
    await startWorkers(boss, t, [echo]);
    const id = await boss.send("test.echo", { word: "popcorn" });
    const job = await waitFor(async () => {
      const [found] = await boss.findJobs<{ word: string }>("test.echo", { id: id! });
      return found?.state === "completed" ? found : null;
    });
    expect(seen).toEqual([{ word: "popcorn" }]);
    expect(job.output).toEqual({ echoed: "POPCORN" });
  });

  it("fails a job sent a payload its schema refuses, naming the field, without running it", async () => {
    let ran = false;
    const strict = defineJob({
      queue: "test.strict",
      payload: z.object({ batchId: z.uuid() }),
      retryLimit: 0,
      async run() {
        ran = true;
      },
    });
    await createQueues(boss, [strict]);
    await startWorkers(boss, t, [strict]);
    const id = await boss.send("test.strict", { batchId: 42 });
    const job = await waitFor(async () => {
      const [found] = await boss.findJobs("test.strict", { id: id! });
      return found?.state === "failed" ? found : null;
    });
    expect(ran).toBe(false);
    expect((job.output as { message: string }).message).toMatch(/test\.strict job was sent a payload it cannot take \(batchId: /);
  });

  it("recreates a wake-up queue an earlier version made stately, so a new job need not wait for the running one", async () => {
    await boss.createQueue("test.wake-up", { policy: "stately" });
    await boss.send("test.wake-up", {});
    const wakeUp = defineJob({ queue: "test.wake-up", payload: noPayload, wakeUp: true, async run() {} });
    await createQueues(boss, [wakeUp]);
    expect((await boss.getQueue("test.wake-up"))?.policy).toBe("standard");
    // One job running and another sent: the second is fetched at once, not after pg-boss's next
    // snapshot of active jobs (a minute or two on a stately queue).
    await boss.send("test.wake-up", {});
    expect(await boss.fetch("test.wake-up")).toHaveLength(1);
    await boss.send("test.wake-up", {});
    expect(await boss.fetch("test.wake-up")).toHaveLength(1);
  });

  it("prunes rate-limit windows older than a day", async () => {
    const now = new Date("2026-11-21T12:00:00Z");
    await hitRateLimit(t.db, "old", 60_000, new Date(now.getTime() - 3 * 24 * 3600_000));
    await hitRateLimit(t.db, "fresh", 60_000, now);
    await pruneRateLimitsJob.run({}, { db: t.db, handle: t, boss, now });
    expect((await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key)).toEqual(["fresh"]);
  });
});

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
