import type { BatchPhase, BatchStatus, ConflictingShowtime } from "@/db/schema";

/** What every SSE event of a batch carries (the `data:` JSON). */
export interface BatchEventData {
  transactionId: string;
  status: BatchStatus;
  phase: BatchPhase;
  totalShowtimes: number;
  totalTickets: number;
  createdShowtimes: number;
  createdTickets: number;
  conflictingShowtimes?: ConflictingShowtime[];
  message?: string;
  at: string;
}

export interface StoredBatchEvent {
  seq: number;
  data: BatchEventData;
}

export const TERMINAL_STATUSES: readonly BatchStatus[] = ["succeeded", "failed", "error"];

export function isTerminal(status: BatchStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The notification channel that tells every app instance a batch has new events. */
export const BATCH_EVENTS_CHANNEL = "showtime_batch_events";

/** One SSE frame: id for Last-Event-ID, the status as the event name, the JSON data. */
export function sseFrame(event: StoredBatchEvent): string {
  return `id: ${event.seq}\nevent: ${event.data.status}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
