import postgres from "postgres";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { openDatabase } from "@/db/client";
import { findUserFeatures } from "@/db/queries/events";
import { insertMovie } from "@/db/queries/movies";
import type { Actor } from "@/lib/auth/actor";
import { ingestEvents } from "@/lib/events/ingest";
import { describeJobWorkers } from "@/lib/health/health";
import { PROCESS_EVENTS_QUEUE } from "@/lib/events/process-events";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { withDatabase } from "@/test/global-setup";
import { startBoss } from "./boss";
import { createQueues, type JobOutcome } from "./registry";
import { startJobWorkerThread } from "./worker-thread-host";

// The web process's job workers on a thread of their own (MARQUEE_WORKERS=thread, the default on
// a server). The thread opens its own connections: a server.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const service: Actor = { kind: "token", tokenId: "t1", userId: "service", scopes: ["events:write"] };

async function waitFor<T>(what: string, read: () => Promise<T | null | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`waited 15 s for ${what}`);
}

it("applies events on its own thread and reports each job to the web process", async () => {
  // The web process's side: it creates the queues and sends the wake-ups.
  const boss = await startBoss(t, { schedule: false });
  await createQueues(boss);
  await insertMovie(t.db, "heat", { title: "Heat", genres: ["Crime"], runtimeMinutes: 170 });
  const finished: [string, JobOutcome][] = [];
  const thread = startJobWorkerThread({ databaseUrl: t.url!, onJobFinished: (queue, outcome) => finished.push([queue, outcome]) });
  try {
    expect(describeJobWorkers({ where: "thread", state: thread.state() })).toMatchObject({ status: "degraded", detail: "worker thread starting" });
    await thread.ready();
    expect(describeJobWorkers({ where: "thread", state: thread.state() })).toMatchObject({ status: "ok", detail: "on a worker thread" });
    await ingestEvents(t.db, service, [{ type: "watch", userId: "ana", movieId: "heat", metadata: { watchDuration: 600, progressPercent: 100 } }], {
      now: new Date(),
      fieldOf: (_, field) => field,
    });
    await boss.send(PROCESS_EVENTS_QUEUE, {});

    const stored = await waitFor("ana's features", () => findUserFeatures(t.db, "ana"));
    expect(stored.features).toMatchObject({ interactionCounts: { watch: 1 }, genreAffinity: { Crime: expect.any(Number) } });
    await waitFor("the job's report", async () => finished.length > 0);
    expect(finished).toContainEqual([PROCESS_EVENTS_QUEUE, "completed"]);
  } finally {
    await thread.stop();
    await boss.stop({ graceful: false, timeout: 1_000 });
  }
});

it("restarts a thread that could not start until the database is there", async () => {
  // A database that does not exist yet under the name the thread is given.
  const server = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  const suffix = Math.random().toString(36).slice(2, 8);
  const [staging, late] = [`marquee_test_staging_${suffix}`, `marquee_test_late_${suffix}`];
  await server.unsafe(`create database "${staging}" template "${inject("postgresTemplate")}"`);
  const setup = await openDatabase({ url: withDatabase(process.env.TEST_DATABASE_URL!, staging) });
  const boss = await startBoss(setup, { schedule: false });
  await createQueues(boss);
  await boss.stop({ graceful: false, timeout: 1_000 });
  await setup.close();

  const thread = startJobWorkerThread({ databaseUrl: withDatabase(process.env.TEST_DATABASE_URL!, late), onJobFinished: () => {}, firstRestartDelayMs: 50 });
  try {
    let ready = false;
    void thread.ready().then(() => (ready = true));
    // Starting a thread takes its time on a busy machine: wait for its first failed start.
    await waitFor("the thread's first exit", async () => thread.state().restarts > 0);
    expect(ready).toBe(false);
    // What /api/v1/health says meanwhile.
    expect(describeJobWorkers({ where: "thread", state: thread.state() })).toMatchObject({ status: "down", detail: expect.stringMatching(/^worker thread not running, restarting; restarted \d+ times?, last exit code 1$/) });

    await server.unsafe(`alter database "${staging}" rename to "${late}"`);
    await thread.ready();
    expect(describeJobWorkers({ where: "thread", state: thread.state() })).toMatchObject({ status: "ok", detail: expect.stringMatching(/^on a worker thread; restarted/) });
  } finally {
    await thread.stop();
    await server.unsafe(`drop database if exists "${staging}" with (force)`);
    await server.unsafe(`drop database if exists "${late}" with (force)`);
    await server.end();
  }
});
