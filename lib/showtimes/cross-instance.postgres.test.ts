import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { insertMovie } from "@/db/queries/movies";
import { insertTheater } from "@/db/queries/theaters";
import { createUser } from "@/db/queries/users";
import { rectangularSeatMap } from "@/lib/theaters/seat-map";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { StoredProgress } from "./progress";
import { submitShowtimeBatch } from "./batch-service";
import { BatchProgressHub } from "./progress-hub";
import { runShowtimeBatch } from "./run-batch";

/**
 * Two app instances on one Postgres: the batch runs on one, the browser's stream is served by the
 * other. Progress must cross over through LISTEN/NOTIFY. Runs only on a server (vitest.config.ts):
 * PGlite is one process by design.
 */
let t: TestDatabase;
let other: DatabaseHandle;

beforeAll(async () => {
  t = await createTestDatabase({ serveRoutes: false });
  other = await openDatabase({ url: t.url!, maxConnections: 2 });
  await createUser(t.db, { id: "admin-x", email: "x@example.com", role: "admin", displayName: "X" });
  await insertMovie(t.db, "m", { title: "Crossing", runtimeMinutes: 90 });
  for (const id of ["p", "q", "r"]) await insertTheater(t.db, id, { name: id, city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 10, seatMap: rectangularSeatMap(5, 10) });
});
afterAll(async () => {
  await other.close();
  await t.destroy();
});

describe("progress across app instances", () => {
  it("reaches a stream on another instance live, in order, ending with the terminal event", async () => {
    const hub = new BatchProgressHub(other);
    await hub.start();
    const startTimes = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2031, 2, 1 + i, 18)).toISOString());
    const { batchId } = await submitShowtimeBatch(t.db, async () => {}, { input: { movieId: "m", theaterIds: ["p", "q", "r"], durationInMinutes: 90, startTimes }, idempotencyKey: null, requestedBy: "admin-x", now: new Date() });
    const received: StoredProgress[] = [];
    const done = new Promise<void>((resolve) =>
      hub.subscribe(batchId, (e) => {
        received.push(e);
        if (e.data.status === "succeeded") resolve();
      }),
    );
    await runShowtimeBatch({ handle: t, now: () => new Date() }, batchId);
    await done;
    expect(received.at(-1)!.data).toMatchObject({ status: "succeeded", createdShowtimes: 90, createdTickets: 90 * 50 });
    expect(received.some((e) => e.data.phase === "creating_tickets")).toBe(true);
    const seqs = received.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
