/**
 * Where a showtime batch stands, as the browser shows it: a bar, a sentence and the steps. The
 * snapshot comes from a Server-Sent Event (the contract's BatchProgress) or a status read.
 */
import { batchPhases, BatchProgress, isTerminalStatus, type BatchPhase, type ShowtimeBatch } from "./contract";

/** What the bar needs, whichever way it arrived. */
export type ProgressSnapshot = Omit<BatchProgress, "at" | "message"> & { message?: string | null };

/** One SSE `data:` payload, checked against the contract: a malformed event is ignored rather than shown. */
export function parseProgressEvent(data: string): BatchProgress | null {
  try {
    const parsed = BatchProgress.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A status read (GET /batches/{id}) as a snapshot. */
export function snapshotOfBatch(batch: ShowtimeBatch): ProgressSnapshot {
  return {
    transactionId: batch.transactionId,
    status: batch.status,
    phase: batch.phase,
    ...batch.progress,
    conflictingShowtimes: batch.conflictingShowtimes,
    message: batch.message,
  };
}

export const PHASE_LABELS: Record<BatchPhase, string> = {
  waiting: "Waiting",
  validating: "Validating",
  creating_showtimes: "Creating showtimes",
  creating_tickets: "Creating tickets",
  done: "Done",
};

export interface ProgressView {
  /** 0–100 for the bar. */
  percent: number;
  /** What is happening now, for the bar's text and the live region. */
  label: string;
  steps: { phase: BatchPhase; label: string; state: "done" | "current" | "upcoming" | "stopped" }[];
}

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Where a batch stands as one number and a sentence. Showtimes are the first half of the bar and
 * tickets the second: tickets are many more rows, but each phase is one step to the admin.
 */
export function progressView(p: ProgressSnapshot): ProgressView {
  const ratio = (n: number, total: number) => (total > 0 ? Math.min(1, n / total) : 1);
  let percent: number;
  let label: string;
  switch (p.phase) {
    case "waiting":
      percent = 0;
      label = "Waiting for a worker";
      break;
    case "validating":
      percent = 5;
      label = "Validating: checking for conflicts";
      break;
    case "creating_showtimes":
      percent = 5 + Math.round(45 * ratio(p.createdShowtimes, p.totalShowtimes));
      label = `Creating showtimes (${fmt(p.createdShowtimes)} of ${fmt(p.totalShowtimes)})`;
      break;
    case "creating_tickets":
      percent = 50 + Math.round(50 * ratio(p.createdTickets, p.totalTickets));
      label = `Creating tickets (${fmt(p.createdTickets)} of ${fmt(p.totalTickets)})`;
      break;
    case "done":
      percent = 100;
      label =
        p.status === "succeeded"
          ? `Done: ${fmt(p.createdShowtimes)} showtimes and ${fmt(p.createdTickets)} tickets created`
          : p.status === "failed"
            ? `Refused: ${fmt(p.conflictingShowtimes?.length ?? 0)} conflicting showtime${p.conflictingShowtimes?.length === 1 ? "" : "s"}; nothing was created`
            : "Stopped with an error; nothing was created";
      break;
  }
  if (p.status === "failed" || p.status === "error") percent = 100;
  const current = batchPhases.indexOf(p.phase);
  // A refused batch stops at validation; one that broke may have stopped anywhere, and rolled back.
  const stoppedAt: BatchPhase | null = p.status === "failed" ? "validating" : p.status === "error" ? "done" : null;
  const steps = batchPhases.map((phase, i) => {
    let state: ProgressView["steps"][number]["state"];
    if (stoppedAt) state = phase === stoppedAt ? "stopped" : i < batchPhases.indexOf(stoppedAt) && phase === "waiting" ? "done" : "upcoming";
    else if (p.status === "succeeded" || i < current) state = "done";
    else state = i === current ? "current" : "upcoming";
    return { phase, label: PHASE_LABELS[phase], state };
  });
  return { percent, label, steps };
}

function progressRank(p: ProgressSnapshot): number {
  if (isTerminalStatus(p.status)) return Number.MAX_SAFE_INTEGER;
  return batchPhases.indexOf(p.phase) * 1e12 + p.createdShowtimes + p.createdTickets;
}

/**
 * Of two reports on one batch (a live event and a status read), the one further along: the stream
 * and the fallback poll may answer in either order, and the bar must never move backwards.
 */
export function furtherProgress(a: ProgressSnapshot | null, b: ProgressSnapshot | null): ProgressSnapshot | null {
  if (!a || !b) return a ?? b;
  return progressRank(b) >= progressRank(a) ? b : a;
}
