import "server-only";
import { asc, count, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { deadLetters, events } from "../schema";

/**
 * When the oldest audience event not yet processed was stored, or null when none waits. The
 * lowest unprocessed id is the oldest stored one: one step down the partial index of unprocessed
 * events, however long the backlog.
 */
export async function oldestUnprocessedEventAt(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: events.serverTimestamp }).from(events).where(isNull(events.processedAt)).orderBy(asc(events.id)).limit(1);
  return row?.at ?? null;
}

/** Open dead letters per queue (what an admin still has to retry or discard). */
export async function openDeadLettersByQueue(db: Db): Promise<Map<string, number>> {
  const rows = await db.select({ queue: deadLetters.queue, n: count() }).from(deadLetters).where(eq(deadLetters.status, "open")).groupBy(deadLetters.queue);
  return new Map(rows.map((r) => [r.queue, Number(r.n)]));
}
