import "server-only";
import type { DatabaseHandle, Db } from "@/db/client";
import { PG_EXCLUSION_VIOLATION, pgErrorCode } from "@/db/errors";
import { findTheaterCapacities } from "@/db/queries/theaters";
import {
  claimWaitingBatch,
  findBatch,
  findShowtimesBusyDuring,
  insertBatchEvents,
  insertShowtimes,
  insertTicketsForBatch,
  lastBatchEventSeq,
  touchBatchHeartbeat,
  updateBatch,
  type ExistingShowtime,
} from "@/db/queries/showtimes";
import { logger } from "@/lib/log/logger";
import type { BatchPhase, BatchProgress, BatchStatus, ConflictingShowtime } from "./contract";
import { BATCH_PROGRESS_CHANNEL } from "./progress";
import { startTimesOfRequest } from "./batch-request";
import { matchConflicts, planSlot, type Slot } from "./conflicts";
import type { BatchProgressHub } from "./progress-hub";

const SHOWTIME_CHUNK = 2_000;
const TICKETS_PER_CHUNK = 250_000;
const HEARTBEAT_MS = 5_000;

export interface BatchRunDeps {
  handle: DatabaseHandle;
  hub?: BatchProgressHub;
  now(): Date;
  /** Called after each progress event; the crash test uses it to kill the process mid-batch. */
  onEvent?(data: BatchProgress): void;
}

class ConflictFound extends Error {
  constructor(readonly conflicts: ConflictingShowtime[]) {
    super("conflict");
  }
}

/**
 * Runs one batch: check conflicts, write showtimes, write tickets, mark it succeeded — all in ONE
 * transaction with the batch's final status and terminal event, so a crash or a failure leaves
 * either everything or nothing. Progress events go out from outside that transaction as it runs.
 */
export async function runShowtimeBatch(deps: BatchRunDeps, batchId: string): Promise<BatchStatus | "skipped"> {
  const { handle } = deps;
  const db = handle.db;
  const batch = await findBatch(db, batchId);
  if (!batch || batch.status !== "waiting") return "skipped";
  if (!(await claimWaitingBatch(db, batchId, deps.now()))) return "skipped";

  const progress = new ProgressPublisher(deps, batchId, await lastBatchEventSeq(db, batchId), {
    transactionId: batchId,
    totalShowtimes: batch.totalShowtimes,
    totalTickets: batch.totalTickets,
  });
  await progress.publish({ status: "processing", phase: "validating" });

  const heartbeat = handle.driver === "postgres" ? setInterval(() => void touchBatchHeartbeat(db, batchId, deps.now()).catch(() => {}), HEARTBEAT_MS) : undefined;
  try {
    const turnovers = new Map(
      (await findTheaterCapacities(db, batch.request.theaterIds)).map((t) => [t.id, t]),
    );
    const startTimesByTheater = startTimesOfRequest(batch.request);
    const slots: Slot[] = Object.entries(startTimesByTheater).flatMap(([theaterId, times]) =>
      times.map((t) => planSlot(theaterId, new Date(t), batch.request.durationInMinutes, turnovers.get(theaterId)?.turnoverMinutes ?? 0)),
    );
    let counts: { showtimes: number; tickets: number };
    try {
      counts = await db.transaction(async (tx) => {
        const busy = await findShowtimesBusyDuring(tx, slots);
        if (busy.length) throw new ConflictFound(describeConflicts(slots, busy));

        let createdShowtimes = 0;
        await progress.publish({ status: "processing", phase: "creating_showtimes", createdShowtimes });
        for (let i = 0; i < slots.length; i += SHOWTIME_CHUNK) {
          createdShowtimes += await insertShowtimes(tx, batchId, batch.movieId, slots.slice(i, i + SHOWTIME_CHUNK));
          await progress.publish({ status: "processing", phase: "creating_showtimes", createdShowtimes });
        }

        let createdTickets = 0;
        await progress.publish({ status: "processing", phase: "creating_tickets", createdShowtimes, createdTickets });
        for (const group of ticketChunks(startTimesByTheater, turnovers)) {
          createdTickets += await insertTicketsForBatch(tx, batchId, group);
          await progress.publish({ status: "processing", phase: "creating_tickets", createdShowtimes, createdTickets });
        }

        await updateBatch(tx, batchId, { status: "succeeded", phase: "done", createdShowtimes, createdTickets, finishedAt: deps.now() });
        await progress.finishInside(tx, { status: "succeeded", phase: "done", createdShowtimes, createdTickets });
        return { showtimes: createdShowtimes, tickets: createdTickets };
      });
    } catch (error) {
      if (error instanceof ConflictFound) return await finishFailed(deps, progress, batchId, error.conflicts);
      if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) {
        // Another batch committed an overlapping showtime after our check: report what we hit now.
        const busy = await findShowtimesBusyDuring(db, slots);
        return await finishFailed(deps, progress, batchId, describeConflicts(slots, busy));
      }
      throw error;
    }
    await progress.announce();
    logger.info({ batchId, ...counts }, "showtime batch succeeded");
    return "succeeded";
  } catch (error) {
    logger.error({ err: error, batchId }, "showtime batch failed unexpectedly");
    await finishWithError(db, progress, batchId, "The batch failed on our side and nothing was written. It has been logged; try again.", deps.now());
    return "error";
  } finally {
    if (heartbeat) clearInterval(heartbeat);
  }
}

async function finishFailed(deps: BatchRunDeps, progress: ProgressPublisher, batchId: string, conflicts: ConflictingShowtime[]) {
  await deps.handle.db.transaction(async (tx) => {
    await updateBatch(tx, batchId, { status: "failed", phase: "done", createdShowtimes: 0, createdTickets: 0, conflicts, finishedAt: deps.now() });
    await progress.finishInside(tx, { status: "failed", phase: "done", createdShowtimes: 0, createdTickets: 0, conflictingShowtimes: conflicts });
  });
  await progress.announce();
  return "failed" as const;
}

/** Marks a batch as rolled back (crash, bug) with its terminal event. */
export async function finishWithError(db: Db, progress: ProgressPublisher, batchId: string, message: string, now: Date) {
  await db.transaction(async (tx) => {
    await updateBatch(tx, batchId, { status: "error", phase: "done", createdShowtimes: 0, createdTickets: 0, errorMessage: message, finishedAt: now });
    await progress.finishInside(tx, { status: "error", phase: "done", createdShowtimes: 0, createdTickets: 0, message });
  });
  await progress.announce();
}

export function describeConflicts(slots: Slot[], busy: ExistingShowtime[]): ConflictingShowtime[] {
  return matchConflicts(slots, busy).map(({ showtime, hitBy }) => ({
    id: showtime.id,
    movieId: showtime.movieId,
    movieTitle: showtime.movieTitle,
    theaterId: showtime.theaterId,
    theaterName: showtime.theaterName,
    startTime: showtime.startsAt.toISOString(),
    endTime: showtime.endsAt.toISOString(),
    requestedStartTimes: hitBy.map((d) => d.toISOString()),
  }));
}

/** Groups theaters so each INSERT … SELECT writes about TICKETS_PER_CHUNK tickets. */
function ticketChunks(startTimesByTheater: Record<string, string[]>, theaterInfo: Map<string, { seatCount: number }>): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const [theaterId, times] of Object.entries(startTimesByTheater)) {
    const tickets = times.length * (theaterInfo.get(theaterId)?.seatCount ?? 0);
    if (current.length && size + tickets > TICKETS_PER_CHUNK) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(theaterId);
    size += tickets;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

type Totals = Pick<BatchProgress, "transactionId" | "totalShowtimes" | "totalTickets">;
type EventPatch = { status: BatchStatus; phase: BatchPhase } & Partial<Omit<BatchProgress, "status" | "phase" | "transactionId" | "at">>;

/**
 * Numbers and sends a batch's events. On a server, progress is stored and announced through the
 * pool's other connections while the batch's transaction runs. On PGlite the one connection is
 * busy, so progress goes straight to this process's hub and is stored with the final status.
 */
export class ProgressPublisher {
  private seq: number;
  private last: { createdShowtimes: number; createdTickets: number } = { createdShowtimes: 0, createdTickets: 0 };
  private readonly unsaved: { batchId: string; seq: number; data: Record<string, unknown> }[] = [];

  constructor(private readonly deps: BatchRunDeps, private readonly batchId: string, lastSeq: number, private readonly totals: Totals) {
    this.seq = lastSeq;
  }

  private build(patch: EventPatch): BatchProgress {
    this.last = { createdShowtimes: patch.createdShowtimes ?? this.last.createdShowtimes, createdTickets: patch.createdTickets ?? this.last.createdTickets };
    return { ...this.totals, ...this.last, ...patch, at: this.deps.now().toISOString() };
  }

  async publish(patch: EventPatch): Promise<void> {
    const data = this.build(patch);
    const seq = ++this.seq;
    this.deps.onEvent?.(data);
    if (this.deps.handle.driver === "postgres") {
      await insertBatchEvents(this.deps.handle.db, [{ batchId: this.batchId, seq, data: data as unknown as Record<string, unknown> }]);
      await this.deps.handle.notify(BATCH_PROGRESS_CHANNEL, JSON.stringify({ batchId: this.batchId, seq }));
    } else {
      this.unsaved.push({ batchId: this.batchId, seq, data: data as unknown as Record<string, unknown> });
      this.deps.hub?.emit(this.batchId, seq, data);
    }
  }

  /** Stores the terminal event (and any unsaved progress) in the transaction that sets the final status. */
  async finishInside(tx: Db, patch: EventPatch): Promise<void> {
    const data = this.build(patch);
    const seq = ++this.seq;
    await insertBatchEvents(tx, [...this.unsaved, { batchId: this.batchId, seq, data: data as unknown as Record<string, unknown> }]);
    this.unsaved.length = 0;
    this.deps.onEvent?.(data);
  }

  /** Tells every instance's hub that the batch has new stored events. */
  async announce(): Promise<void> {
    await this.deps.handle.notify(BATCH_PROGRESS_CHANNEL, JSON.stringify({ batchId: this.batchId, seq: this.seq }));
  }
}
