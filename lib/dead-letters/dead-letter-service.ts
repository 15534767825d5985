import { z } from "zod";
import type { PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { findDeadLetter, markEventsUnprocessed, resolveDeadLetter } from "@/db/queries/events";
import { deadLetterStatuses } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { paginationSchema } from "@/lib/http/pagination";
import { PROCESS_EVENTS_QUEUE } from "@/lib/events/process-events";
import { enqueueExternalFetch, FETCH_EXTERNAL_QUEUE } from "@/lib/trends/jobs";

export const deadLetterListQuery = z.object({ status: z.enum(deadLetterStatuses).optional(), ...paginationSchema }).strict();
export const deadLetterParams = z.object({ id: z.coerce.number().int().positive("Not a dead letter id") });

/**
 * How to retry each kind of dead letter: put its work back where it came from. A queue that
 * dead-letters work registers its retry here.
 */
export const retryByQueue: Record<string, (db: Db, boss: PgBoss, payload: Record<string, unknown>) => Promise<void>> = {
  [PROCESS_EVENTS_QUEUE]: async (db, boss, payload) => {
    await markEventsUnprocessed(db, [Number(payload.eventId)]);
    await boss.send(PROCESS_EVENTS_QUEUE, {});
  },
  [FETCH_EXTERNAL_QUEUE]: async (_db, boss, payload) => {
    await enqueueExternalFetch(boss, [String(payload.movieId)]);
  },
};

export async function retryDeadLetter(db: Db, boss: PgBoss, id: number, now: Date) {
  const letter = await findDeadLetter(db, id);
  if (!letter) throw new AppError("not_found:dead_letter", `No dead letter ${id}`, { fields: { id: "Not found" } });
  const retry = retryByQueue[letter.queue];
  if (!retry) throw new AppError("conflict:dead_letter", `Dead letters from '${letter.queue}' cannot be retried`, { fields: { id: "Not retryable" } });
  const resolved = await resolveDeadLetter(db, id, "retried", now);
  if (!resolved) throw new AppError("conflict:dead_letter", `Dead letter ${id} was already ${letter.status}`, { fields: { id: `Already ${letter.status}` } });
  await retry(db, boss, letter.payload);
  return { id, status: "retried" as const };
}

export async function discardDeadLetter(db: Db, id: number, now: Date) {
  const letter = await findDeadLetter(db, id);
  if (!letter) throw new AppError("not_found:dead_letter", `No dead letter ${id}`, { fields: { id: "Not found" } });
  const resolved = await resolveDeadLetter(db, id, "discarded", now);
  if (!resolved) throw new AppError("conflict:dead_letter", `Dead letter ${id} was already ${letter.status}`, { fields: { id: `Already ${letter.status}` } });
  return { id, status: "discarded" as const };
}
