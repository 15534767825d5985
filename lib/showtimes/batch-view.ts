import "server-only";
import type { findBatch } from "@/db/queries/showtimes";
import { startTimesOfRequest } from "./batch-request";

type Batch = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

/** What GET /batches/{transactionId} answers: status, progress, counts, and conflicts or error. */
export function batchStatusView(batch: Batch, theaters: { id: string; name: string; city: string; timeZone: string }[]) {
  return {
    transactionId: batch.id,
    status: batch.status,
    phase: batch.phase,
    movie: { id: batch.movieId, title: batch.movieTitle },
    theaterIds: batch.request.theaterIds,
    theaters,
    durationInMinutes: batch.request.durationInMinutes,
    startTimesByTheater: startTimesOfRequest(batch.request),
    progress: {
      totalShowtimes: batch.totalShowtimes,
      totalTickets: batch.totalTickets,
      createdShowtimes: batch.createdShowtimes,
      createdTickets: batch.createdTickets,
    },
    conflictingShowtimes: batch.conflicts ?? [],
    message: batch.errorMessage,
    requestedBy: batch.requestedBy ? { id: batch.requestedBy, name: batch.requestedByName, email: batch.requestedByEmail } : null,
    createdAt: batch.createdAt,
    startedAt: batch.startedAt,
    finishedAt: batch.finishedAt,
  };
}
