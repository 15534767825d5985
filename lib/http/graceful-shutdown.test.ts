import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { findBatch } from "@/db/queries/showtimes";
import { insertMovie } from "@/db/queries/movies";
import { insertTheater } from "@/db/queries/theaters";
import { submitShowtimeBatch } from "@/lib/showtimes/batch-service";
import { rectangularSeatMap } from "@/lib/theaters/seat-map";
import { createTestDatabase } from "@/test/database";
import { sessionFor, type Caller } from "@/test/http";

/**
 * SIGTERM to a real web process: it stops accepting, ends its event streams (the client resumes
 * with Last-Event-ID), stops the job queue and its worker thread, closes the database, and exits
 * within a bounded time. Nothing is simulated but Next.js's own two steps (see the fixture).
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const onServer = process.env.MARQUEE_TEST_DB === "postgres";

/** A database with an admin and a batch that waits (so its event stream stays open), and how a child process reaches it. */
async function prepare(): Promise<{ env: Record<string, string>; admin: Caller; batchId: string; reopen: () => Promise<DatabaseHandle> }> {
  let handle: DatabaseHandle;
  let env: Record<string, string>;
  let reopen: () => Promise<DatabaseHandle>;
  if (onServer) {
    const t = await createTestDatabase({ serveRoutes: false });
    cleanups.push(() => t.destroy());
    handle = t;
    env = { DATABASE_URL: t.url!, MARQUEE_WORKERS: "thread" };
    reopen = async () => t;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-shutdown-"));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, "pglite");
    handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    env = { PGLITE_DIR: dataDir };
    reopen = async () => {
      const again = await openDatabase({ dataDir });
      cleanups.push(() => again.close());
      return again;
    };
  }
  const admin = await sessionFor(handle.db, "admin");
  await insertMovie(handle.db, "m1", { title: "Long Night", runtimeMinutes: 120 });
  await insertTheater(handle.db, "x", { name: "Hall X", city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 10, seatMap: rectangularSeatMap(5, 5) });
  const { batchId } = await submitShowtimeBatch(handle.db, async () => {}, {
    input: { movieId: "m1", theaterIds: ["x"], durationInMinutes: 120, startTimes: [new Date(Date.UTC(2031, 5, 1, 18)).toISOString()] },
    idempotencyKey: null,
    requestedBy: admin.userId,
    now: new Date(),
  });
  if (!onServer) await handle.close();
  return { env, admin, batchId, reopen };
}

interface WebProcess {
  child: ChildProcess;
  origin: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

async function startWebProcess(env: Record<string, string>, shutdownTimeoutMs: number): Promise<WebProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/fixtures/shutdown-web-server.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, LOG_LEVEL: "info", MARQUEE_SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs), MARQUEE_WARM_UP_MS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
  cleanups.push(async () => void child.kill("SIGKILL"));
  const started = Date.now();
  while (!/listening (\d+)/.test(output)) {
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`the web process did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, origin: `http://127.0.0.1:${/listening (\d+)/.exec(output)![1]}`, output: () => output, exited };
}

/** Reads an event stream until it ends; resolves with its text and when it ended. */
async function follow(response: Response, onFirstEvent: () => void) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text, endedAt: Date.now() };
    text += decoder.decode(value, { stream: true });
    if (text.includes("\n\nid: ") || text.startsWith("id: ")) onFirstEvent();
  }
}

describe(`SIGTERM to the web process (${onServer ? "postgres, workers on a thread" : "pglite"})`, () => {
  it("ends event streams so clients resume, stops accepting, stops the job queue, closes the database, and exits", { timeout: 120_000 }, async () => {
    const { env, admin, batchId, reopen } = await prepare();
    const web = await startWebProcess(env, 20_000);
    const eventsUrl = `${web.origin}/api/v1/showtime-creation/batches/${batchId}/events`;

    const response = await fetch(eventsUrl, { headers: admin.headers });
    expect(response.status).toBe(200);
    let receivedFirst!: () => void;
    const firstEvent = new Promise<void>((resolve) => (receivedFirst = resolve));
    const stream = follow(response, () => receivedFirst());
    await firstEvent;

    const signalledAt = Date.now();
    web.child.kill("SIGTERM");
    const { text, endedAt } = await stream;
    // The stream ended at once, after the waiting event, without a terminal one: the client resumes.
    expect(endedAt - signalledAt).toBeLessThan(5_000);
    expect(text).toMatch(/id: 1\nevent: waiting/);
    expect(text).not.toMatch(/event: (succeeded|failed|error)/);

    // No new connections.
    await expect(fetch(eventsUrl, { headers: admin.headers })).rejects.toThrow();

    const exit = await web.exited;
    expect(exit.code).toBe(143);
    expect(exit.at - signalledAt).toBeLessThan(20_000);
    expect(web.output()).toContain("shutting down: no new connections, ending event streams");
    expect(web.output()).toContain("shut down: job queue stopped, database closed");
    expect(web.output()).not.toContain("shutdown took too long");
    if (onServer) expect(web.output()).toContain("job workers running on a worker thread");

    // The database was left in order: the batch still waits, to be resumed by the next process.
    const after = await reopen();
    expect((await findBatch(after.db, batchId))?.status).toBe("waiting");
  });

  it("exits when its time is up even if a request never finishes", { timeout: 120_000 }, async () => {
    const { env } = await prepare();
    const web = await startWebProcess(env, 2_000);
    const hanging = fetch(`${web.origin}/hang`).catch(() => "cut off");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalledAt = Date.now();
    web.child.kill("SIGTERM");
    const exit = await web.exited;
    expect(exit.code).toBe(1);
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(1_900);
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    expect(web.output()).toContain("shutdown took too long: exiting now");
    expect(await hanging).toBe("cut off");
  });
});
