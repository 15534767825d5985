import "server-only";
import type { PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { findDeadLetter, markEventsUnprocessed, resolveDeadLetter } from "@/db/queries/events";
import { AppError } from "@/lib/errors/app-error";
import { PROCESS_EVENTS_QUEUE } from "@/lib/events/process-events";
import { enqueueExternalFetch, FETCH_EXTERNAL_QUEUE } from "@/lib/trends/jobs";

interface RetryPlan {
  /** What puts the work back, written in the same transaction that marks the letter retried. */
  requeue?(tx: Db, payload: Record<string, unknown>): Promise<void>;
  /** Once that has committed: what hands the work to its queue again. */
  resend(boss: PgBoss, payload: Record<string, unknown>): Promise<void>;
}

/**
 * How to retry each kind of dead letter: put its work back where it came from. A queue that
 * dead-letters work registers its retry here.
 */
export const retryByQueue: Record<string, RetryPlan> = {
  [PROCESS_EVENTS_QUEUE]: {
    requeue: (tx, payload) => markEventsUnprocessed(tx, [Number(payload.eventId)]),
    resend: async (boss) => void (await boss.send(PROCESS_EVENTS_QUEUE, {})),
  },
  [FETCH_EXTERNAL_QUEUE]: {
    resend: async (boss, payload) => void (await enqueueExternalFetch(boss, [String(payload.movieId)])),
  },
};

export async function retryDeadLetter(db: Db, boss: PgBoss, id: number, now: Date) {
  const letter = await findDeadLetter(db, id);
  if (!letter) throw new AppError("not_found:dead_letter", `No dead letter ${id}`, { fields: { id: "Not found" } });
  const plan = retryByQueue[letter.queue];
  if (!plan) throw new AppError("conflict:dead_letter", `Dead letters from '${letter.queue}' cannot be retried`, { fields: { id: "Not retryable" } });
  await db.transaction(async (tx) => {
    const resolved = await resolveDeadLetter(tx, id, "retried", now);
    if (!resolved) throw await alreadyResolved(tx, id);
    await plan.requeue?.(tx, letter.payload);
  });
  await plan.resend(boss, letter.payload);
  return { id, status: "retried" as const };
}

export async function discardDeadLetter(db: Db, id: number, now: Date) {
  const letter = await findDeadLetter(db, id);
  if (!letter) throw new AppError("not_found:dead_letter", `No dead letter ${id}`, { fields: { id: "Not found" } });
  const resolved = await resolveDeadLetter(db, id, "discarded", now);
  if (!resolved) throw await alreadyResolved(db, id);
  return { id, status: "discarded" as const };
}

/**
 * The 409 for a letter that was not open when we tried to resolve it. Its status is read again:
 * the one read before may be stale if another admin resolved it in between.
 */
async function alreadyResolved(db: Db, id: number): Promise<AppError> {
  const status = (await findDeadLetter(db, id))?.status ?? "deleted";
  return new AppError("conflict:dead_letter", `Dead letter ${id} was already ${status}`, { fields: { id: `Already ${status}` } });
}
