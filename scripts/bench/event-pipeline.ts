import type { Db } from "@/db/client";
import { completedJobTimesSince, countEventsAndDeadLetters, findProcessedRequestIds } from "@/db/queries/bench";
import { PROCESS_EVENTS_QUEUE } from "@/lib/events/process-events";
import { fmt } from "../cli/progress";
import { sleep, type Answer } from "./load";

// The event pipeline seen from outside, for benches that send events: what the API accepted, and
// when the app's event worker had processed it.

/** Events the API accepted and those it answered as duplicates (already stored under that requestId). */
export interface ReceiptTally {
  accepted: number;
  duplicates: number;
}

/** Adds an event route's 202 answer (single or batch) to a tally; `onAccepted` hears each single event accepted. */
export function tallyReceipts(tally: ReceiptTally, answer: Answer, onAccepted?: (requestId: string) => void): void {
  if (answer.status !== 202) return;
  const body = JSON.parse(answer.body) as { status?: string; requestId?: string; accepted?: number; duplicates?: number };
  if (typeof body.accepted === "number") {
    tally.accepted += body.accepted;
    tally.duplicates += body.duplicates ?? 0;
  } else if (body.status === "accepted") {
    tally.accepted++;
    onAccepted?.(body.requestId!);
  } else tally.duplicates++;
}

/**
 * Waits until the event worker has processed every stored event (throws after `limitSeconds`);
 * how many were waiting and how long it took. Prints the rate when there was a backlog.
 */
export async function waitForEventsProcessed(db: Db, label: string, limitSeconds = 600): Promise<{ pending: number; seconds: number }> {
  const started = performance.now();
  const first = await countEventsAndDeadLetters(db);
  let last = first;
  while (last.pending > 0) {
    if (performance.now() - started > limitSeconds * 1000) throw new Error(`${label}: ${fmt(last.pending)} events still unprocessed after ${limitSeconds} s`);
    await sleep(250);
    last = await countEventsAndDeadLetters(db);
  }
  const seconds = (performance.now() - started) / 1000;
  if (first.pending > 0) console.log(`  ${label}: the worker caught up with ${fmt(first.pending)} events in ${seconds.toFixed(1)} s (${fmt(Math.round(first.pending / Math.max(seconds, 0.001)))} events/s)`);
  return { pending: first.pending, seconds };
}

/**
 * The event worker's jobs (pg-boss keeps them) since a time: how many, the longest, and the longest
 * stretch with none running. When features lag, this tells a slow job from a worker that sat idle.
 */
export async function eventWorkerJobsSince(db: Db, since: Date): Promise<{ jobs: number; longestMs: number; longestGapMs: number }> {
  const jobs = await completedJobTimesSince(db, { queue: PROCESS_EVENTS_QUEUE, since });
  let longestMs = 0;
  let longestGapMs = 0;
  jobs.forEach((job, i) => {
    longestMs = Math.max(longestMs, job.completedMs - job.startedMs);
    if (i > 0) longestGapMs = Math.max(longestGapMs, job.startedMs - jobs[i - 1]!.completedMs);
  });
  return { jobs: jobs.length, longestMs, longestGapMs };
}

/**
 * Watches accepted events until each is processed (its features committed), polling every 50 ms
 * once started: `delays` holds, per event, the ms from acceptance to being seen processed.
 */
export class FreshnessProbe {
  private readonly pending = new Map<string, number>();
  readonly delays: number[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;

  constructor(private readonly db: Db) {}

  /** Starts the clock of an event the API just accepted. */
  accepted(requestId: string) {
    this.pending.set(requestId, performance.now());
  }

  start() {
    this.timer = setInterval(() => void this.poll(), 50);
  }

  private async poll() {
    if (this.busy || !this.pending.size) return;
    this.busy = true;
    try {
      const processed = await findProcessedRequestIds(this.db, { requestIds: [...this.pending.keys()].slice(0, 5_000) });
      const now = performance.now();
      for (const requestId of processed) {
        const at = this.pending.get(requestId);
        if (at === undefined) continue;
        this.delays.push(now - at);
        this.pending.delete(requestId);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Waits (at most `limitMs`) for every accepted event to be seen processed, then stops; how many never were. */
  async finish(limitMs = 60_000): Promise<{ unseen: number }> {
    const started = performance.now();
    while (this.pending.size && performance.now() - started < limitMs) await sleep(50);
    if (this.timer) clearInterval(this.timer);
    return { unseen: this.pending.size };
  }
}
