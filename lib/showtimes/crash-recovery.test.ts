import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { insertMovie } from "@/db/queries/movies";
import { insertTheater } from "@/db/queries/theaters";
import { batchProgressAfter, findBatch } from "@/db/queries/showtimes";
import { createUser } from "@/db/queries/users";
import { showtimes, tickets } from "@/db/schema";
import { rectangularSeatMap } from "@/lib/theaters/seat-map";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { submitShowtimeBatch } from "./batch-service";
import { recoverBatches } from "./batch-service";
import { runShowtimeBatch } from "./run-batch";

/**
 * kill -9 in the middle of a batch: after restart the batch is rolled back, says so, and no
 * showtime or ticket of it remains. A real child process dies for real; nothing is simulated.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function seed(handle: DatabaseHandle) {
  await createUser(handle.db, { id: "admin-1", email: "a@example.com", role: "admin", displayName: "A" });
  await insertMovie(handle.db, "m1", { title: "Long Night", runtimeMinutes: 120 });
  for (const id of ["x", "y"]) await insertTheater(handle.db, id, { name: `Hall ${id}`, city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 10, seatMap: rectangularSeatMap(10, 20) });
  const startTimes = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2031, 5, 1 + i, 18)).toISOString());
  const { batchId } = await submitShowtimeBatch(handle.db, async () => {}, {
    input: { movieId: "m1", theaterIds: ["x", "y"], durationInMinutes: 120, startTimes },
    idempotencyKey: null,
    requestedBy: "admin-1",
    now: new Date(),
  });
  return batchId;
}

function crashWorker(target: string, batchId: string) {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/fixtures/crashing-batch-worker.ts", target, batchId], { cwd: process.cwd(), encoding: "utf8", timeout: 60_000 });
  return { signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

async function expectRolledBack(handle: DatabaseHandle, batchId: string) {
  const recovered = await recoverBatches(handle, async () => {}, { now: new Date(), stalledAfterMs: 0 });
  expect(recovered.rolledBack).toBe(1);
  const batch = await findBatch(handle.db, batchId);
  expect(batch).toMatchObject({ status: "error", createdShowtimes: 0, createdTickets: 0 });
  expect(batch!.errorMessage).toMatch(/Nothing was written/);
  expect((await handle.db.select({ n: count() }).from(showtimes).where(eq(showtimes.batchId, batchId)))[0]!.n).toBe(0);
  expect((await handle.db.select({ n: count() }).from(tickets))[0]!.n).toBe(0);
  const events = await batchProgressAfter(handle.db, batchId, 0);
  expect(events.at(-1)!.data).toMatchObject({ status: "error" });
  // A late retry of the job changes nothing.
  expect(await runShowtimeBatch({ handle, now: () => new Date() }, batchId)).toBe("skipped");
}

describe("a worker killed mid-batch", () => {
  it(`leaves nothing behind, and recovery marks the batch rolled back (${process.env.MARQUEE_TEST_DB ?? "pglite"})`, async () => {
    if (process.env.MARQUEE_TEST_DB === "postgres") {
      const t: TestDatabase = await createTestDatabase({ serveRoutes: false });
      cleanups.push(() => t.destroy());
      const batchId = await seed(t);
      const child = crashWorker(t.url!, batchId);
      expect(child.stdout).toContain("dying mid-batch");
      expect(child.signal).toBe("SIGKILL");
      await expectRolledBack(t, batchId);
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-crash-"));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      const dataDir = path.join(dir, "pglite");
      const before = await openDatabase({ dataDir });
      await migrateDatabase(before);
      const batchId = await seed(before);
      await before.close();
      const child = crashWorker(dataDir, batchId);
      expect(child.stdout).toContain("dying mid-batch");
      expect(child.signal).toBe("SIGKILL");
      const after = await openDatabase({ dataDir });
      cleanups.push(() => after.close());
      await expectRolledBack(after, batchId);
    }
  });
});
