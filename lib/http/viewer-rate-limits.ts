import "server-only";
import type { Db } from "@/db/client";
import { addRateLimitHits } from "@/db/queries/rate-limits";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { VIEWER_LIMITS, type ViewerLimit } from "./viewer-limits";

/** Counts `amount` for a session caller, and refuses with 429 and Retry-After past the limit. */
export async function limitViewer(db: Db, actor: Actor, kind: ViewerLimit, amount: number, now: Date): Promise<void> {
  if (actor.kind !== "user" || isAdmin(actor)) return;
  const limit = VIEWER_LIMITS[kind];
  const { count, windowStart } = await addRateLimitHits(db, `viewer:${kind}:${actor.userId}`, amount, limit.windowMs, now);
  if (count <= limit.max) return;
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + limit.windowMs - now.getTime()) / 1000));
  throw new AppError(`rate_limited:${kind === "events" ? "viewer_events" : "viewer_refresh"}`, `A viewer may send at most ${limit.words}; try again in ${retryAfter} s`, {
    headers: { "retry-after": String(retryAfter) },
  });
}
