import "server-only";
import { createHash } from "node:crypto";
import type { DatabaseHandle, Db } from "@/db/client";
import { findMovie } from "@/db/queries/movies";
import {
  batchExists, findBatch, findBatchByIdempotencyKey, findShowtimesBusyDuring, findStalledBatches, findWaitingBatchesCreatedBefore, insertBatch, insertBatchEvents,
  insertShowtimes, insertTicketsForBatch, lastBatchEventSeq, updateBatch,
} from "@/db/queries/showtimes";
import { findTheaterCapacities } from "@/db/queries/theaters";
import type { BatchRequest } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { assertBatchSize, groupStartTimes, planBatch, startTimesPerTheater } from "./batch-request";
import { createBatchSchema, type BatchProgress, type CreateBatchInput } from "./contract";
import { finishWithError, ProgressPublisher } from "./run-batch";

export const CREATE_BATCH_QUEUE = "showtimes.create-batch";

/** Puts a batch's job on the queue; the singleton key keeps a batch from being queued twice. */
export type EnqueueBatch = (batchId: string) => Promise<void>;

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Validates a request against the catalog, stores it as a waiting batch with its first event and
 * queues it. With an Idempotency-Key, the same key and body return the first batch again.
 */
export async function submitShowtimeBatch(
  db: Db,
  enqueue: EnqueueBatch,
  params: { input: CreateBatchInput; idempotencyKey: string | null; requestedBy: string; now: Date },
): Promise<{ batchId: string; created: boolean }> {
  const { input, idempotencyKey, now } = params;
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new AppError("bad_request:idempotency_key", "Idempotency-Key must be 1–128 characters: letters, digits, . _ : -", { fields: { "header.Idempotency-Key": "Invalid" } });
  }
  assertBatchSize(input);
  const requestHash = hashRequest(input);
  if (idempotencyKey) {
    const existing = await findBatchByIdempotencyKey(db, idempotencyKey);
    if (existing) return sameKey(existing, requestHash);
  }
  const { request, slots, totalTickets } = await prepareBatch(db, input, now);
  const batch = await insertBatch(
    db,
    { movieId: input.movieId, request, idempotencyKey, requestHash, requestedBy: params.requestedBy, totalShowtimes: slots.length, totalTickets },
    (batchId): Record<string, unknown> =>
      ({ transactionId: batchId, status: "waiting", phase: "waiting", totalShowtimes: slots.length, totalTickets, createdShowtimes: 0, createdTickets: 0, at: now.toISOString() }) satisfies BatchProgress,
  );
  if (!batch) {
    // Two requests with one key at the same moment: the other one stored it first.
    const existing = await findBatchByIdempotencyKey(db, idempotencyKey!);
    return sameKey(existing!, requestHash);
  }
  await enqueue(batch.id);
  return { batchId: batch.id, created: true };
}

/** The checks against the catalog and the request's own times; the stored request, its slots and its ticket count. */
async function prepareBatch(db: Db, input: CreateBatchInput, now: Date) {
  const movie = await findMovie(db, input.movieId);
  if (!movie) throw new AppError("not_found:movie", `No movie with id '${input.movieId}'`, { fields: { movieId: "Not found" } });
  const found = await findTheaterCapacities(db, input.theaterIds);
  const byId = new Map(found.map((t) => [t.id, t]));
  const missing = input.theaterIds.map((id, i) => [id, i] as const).filter(([id]) => !byId.has(id));
  if (missing.length) {
    throw new AppError("not_found:theater", `No theater with id ${missing.map(([id]) => `'${id}'`).join(", ")}`, {
      fields: Object.fromEntries(missing.map(([id, i]) => [`theaterIds.${i}`, `Unknown theater '${id}'`])),
    });
  }

  const slots = planBatch(input, new Map(found.map((t) => [t.id, t.turnoverMinutes])), now);
  const perTheater = startTimesPerTheater(input);
  const request: BatchRequest = {
    movieId: input.movieId,
    theaterIds: input.theaterIds,
    durationInMinutes: input.durationInMinutes,
    startTimeGroups: groupStartTimes(perTheater),
  };
  const totalTickets = Object.entries(perTheater).reduce((n, [id, times]) => n + times.length * byId.get(id)!.seatCount, 0);
  return { request, slots, totalTickets };
}

/**
 * A batch validated and written at once in the caller's transaction, without the queue or
 * progress stream: for showtimes written together with other data (the demo programme). The same
 * checks as a submitted batch, and an overlap with existing showtimes is a conflict:showtime.
 */
export async function writeShowtimeBatchNow(
  tx: Db,
  params: { input: CreateBatchInput; requestedBy: string | null; now: Date },
): Promise<{ batchId: string; showtimes: number; tickets: number }> {
  const { now } = params;
  const input = createBatchSchema.parse(params.input);
  assertBatchSize(input);
  const { request, slots, totalTickets } = await prepareBatch(tx, input, now);
  const busy = await findShowtimesBusyDuring(tx, slots);
  if (busy.length) {
    throw new AppError("conflict:showtime", `${busy.length} existing showtime${busy.length === 1 ? "" : "s"} overlap this batch`, { fields: { startTimes: "Overlaps existing showtimes" } });
  }
  const totals = { totalShowtimes: slots.length, totalTickets };
  const batch = await insertBatch(
    tx,
    { movieId: input.movieId, request, idempotencyKey: null, requestHash: hashRequest(input), requestedBy: params.requestedBy, ...totals },
    (batchId): Record<string, unknown> => ({ transactionId: batchId, status: "waiting", phase: "waiting", ...totals, createdShowtimes: 0, createdTickets: 0, at: now.toISOString() }) satisfies BatchProgress,
  );
  const batchId = batch!.id;
  const showtimes = await insertShowtimes(tx, batchId, input.movieId, slots);
  const tickets = await insertTicketsForBatch(tx, batchId, input.theaterIds);
  await updateBatch(tx, batchId, { status: "succeeded", phase: "done", createdShowtimes: showtimes, createdTickets: tickets, startedAt: now, finishedAt: now });
  const done: BatchProgress = { transactionId: batchId, status: "succeeded", phase: "done", ...totals, createdShowtimes: showtimes, createdTickets: tickets, at: now.toISOString() };
  await insertBatchEvents(tx, [{ batchId, seq: 2, data: done as unknown as Record<string, unknown> }]);
  return { batchId, showtimes, tickets };
}

function sameKey(existing: { id: string; requestHash: string }, requestHash: string) {
  if (existing.requestHash !== requestHash) {
    throw new AppError("conflict:idempotency_key", "This Idempotency-Key was already used for a different request", { fields: { "header.Idempotency-Key": "Used for another request" } });
  }
  return { batchId: existing.id, created: false };
}

/** Key order must not matter: the same request sent twice hashes the same. */
export function hashRequest(input: CreateBatchInput): string {
  const perTheater = startTimesPerTheater(input);
  const canonical = {
    movieId: input.movieId,
    durationInMinutes: input.durationInMinutes,
    theaters: [...input.theaterIds].sort().map((id) => [id, perTheater[id]!.map((d) => d.toISOString())]),
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

export async function assertBatchExists(db: Db, id: string): Promise<void> {
  if (!(await batchExists(db, id))) throw new AppError("not_found:batch", `No showtime batch with transactionId '${id}'`, { fields: { transactionId: "Not found" } });
}

export async function getBatchOrThrow(db: Db, id: string) {
  const batch = await findBatch(db, id);
  if (!batch) throw new AppError("not_found:batch", `No showtime batch with transactionId '${id}'`, { fields: { transactionId: "Not found" } });
  return batch;
}

/**
 * Batches whose worker died mid-run (their transaction rolled back with the connection) are marked
 * `error` with an explanation; waiting batches whose job was lost are queued again.
 */
export async function recoverBatches(handle: DatabaseHandle, enqueue: EnqueueBatch, options: { now: Date; stalledAfterMs: number }) {
  const db = handle.db;
  const stalled = await findStalledBatches(db, new Date(options.now.getTime() - options.stalledAfterMs));
  for (const { id } of stalled) {
    const batch = await findBatch(db, id);
    if (!batch || batch.status !== "processing") continue;
    const publisher = new ProgressPublisher({ handle, now: () => options.now }, id, await lastBatchEventSeq(db, id), {
      transactionId: id,
      totalShowtimes: batch.totalShowtimes,
      totalTickets: batch.totalTickets,
    });
    await finishWithError(db, publisher, id, "The server stopped while this batch was running. Nothing was written; submit it again.", options.now);
  }
  const waiting = await findWaitingBatchesCreatedBefore(db, new Date(options.now.getTime() - 60_000));
  for (const { id } of waiting) await enqueue(id);
  return { rolledBack: stalled.length, requeued: waiting.length };
}
