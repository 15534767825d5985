import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { insertDeadLetter, resolveDeadLetter } from "@/db/queries/events";
import { AppError } from "@/lib/errors/app-error";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { discardDeadLetter } from "./dead-letter-service";

// Two admins at once needs two connections: a server.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

async function someoneWaitsOnALock() {
  for (let i = 0; i < 100; i++) {
    const [row] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from pg_locks where not granted`));
    if (row!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("nobody waited on the letter's row");
}

it("tells the admin who lost a race what the winner did, not the status it read before", async () => {
  const id = await insertDeadLetter(t.db, { queue: "events.process", payload: { eventId: 1 }, error: "boom", attempts: 3 });
  const now = new Date();
  let discarding!: Promise<unknown>;
  await t.db.transaction(async (tx) => {
    // One admin retries; before that commits, another discards (reads "open", then waits on the row).
    expect(await resolveDeadLetter(tx, id, "retried", now)).not.toBeNull();
    discarding = discardDeadLetter(t.db, id, now).catch((error: unknown) => error);
    await someoneWaitsOnALock();
  });
  const error = await discarding;
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "conflict:dead_letter", fields: { id: "Already retried" } });
});
