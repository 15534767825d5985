import type { BatchProgress } from "./contract";

/** A batch's progress report as stored, with its sequence number: the SSE event id. */
export interface StoredProgress {
  seq: number;
  data: BatchProgress;
}

/** The notification channel that tells every app instance a batch has new progress. */
export const BATCH_PROGRESS_CHANNEL = "showtime_batch_events";

/** One SSE frame: id for Last-Event-ID, the status as the event name, the JSON data. */
export function sseFrame(progress: StoredProgress): string {
  return `id: ${progress.seq}\nevent: ${progress.data.status}\ndata: ${JSON.stringify(progress.data)}\n\n`;
}
