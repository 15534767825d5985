import "server-only";
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { rateLimits } from "../schema";

/**
 * Counts one hit for `key` in a fixed window and returns the count so far, atomically, so that
 * every app instance sees the same number.
 */
export async function hitRateLimit(db: Db, key: string, windowMs: number, now: Date): Promise<{ count: number; windowStart: Date }> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  return row!;
}

/** The count in the current window, without adding to it. */
export async function readRateLimit(db: Db, key: string, windowMs: number, now: Date): Promise<{ count: number; windowStart: Date }> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db.select({ count: rateLimits.count, windowStart: rateLimits.windowStart }).from(rateLimits).where(eq(rateLimits.key, key));
  if (!row || row.windowStart.getTime() !== windowStart.getTime()) return { count: 0, windowStart };
  return row;
}

export async function pruneRateLimits(db: Db, before: Date) {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, before));
}

/** Adds `amount` hits for `key` in a fixed window and returns the count so far, atomically. */
export async function addRateLimitHits(db: Db, key: string, amount: number, windowMs: number, now: Date): Promise<{ count: number; windowStart: Date }> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: amount })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + excluded.count else excluded.count end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  return row!;
}
