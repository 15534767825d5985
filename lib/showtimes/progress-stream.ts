import "server-only";
import type { Db } from "@/db/client";
import { batchProgressAfter, lastBatchEvent } from "@/db/queries/showtimes";
import { AppError } from "@/lib/errors/app-error";
import { isTerminalStatus, type BatchProgress } from "./contract";
import { sseFrame, type StoredProgress } from "./progress";
import type { BatchProgressHub } from "./progress-hub";

export const HEARTBEAT_MS = 15_000;
// A missed notification (a dropped LISTEN connection) must not stall a stream: re-read now and then.
const RESYNC_MS = 5_000;

/** Event ids are a batch's sequence numbers, stored as Postgres integers. */
const MAX_EVENT_ID = 2 ** 31 - 1;

/**
 * Where a client resumes: the id of the last event it received (the Last-Event-ID header, or
 * `?lastEventId=` for clients that cannot set headers), 0 for none. Anything but a whole number in
 * the range of event ids is refused, naming where it came from.
 */
export function lastEventIdOf(request: Request): { afterSeq: number; field: string } {
  const header = request.headers.get("last-event-id");
  const query = new URL(request.url).searchParams.get("lastEventId");
  const [field, raw] = header !== null ? ["Last-Event-ID", header] : query !== null ? ["query.lastEventId", query] : [null, ""];
  if (field === null || raw.trim() === "") return { afterSeq: 0, field: "Last-Event-ID" };
  const n = /^\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(n <= MAX_EVENT_ID)) throw new AppError("bad_request:last_event_id", `${field} must be the id of an event of this stream: a whole number from 0 to ${MAX_EVENT_ID}`, { fields: { [field]: "Not an event id" } });
  return { afterSeq: n, field };
}

/**
 * Checks a resume point against what the batch has sent: an id past its last event is refused
 * (the stream would wait forever for events that will never come). Returns "finished" when the
 * client already has the terminal event: nothing more will come, and a 204 tells EventSource to
 * stop reconnecting.
 */
export async function checkResumePoint(db: Db, batchId: string, { afterSeq, field }: { afterSeq: number; field: string }): Promise<"stream" | "finished"> {
  if (afterSeq === 0) return "stream";
  const last = await lastBatchEvent(db, batchId);
  if (!last || afterSeq > last.seq) {
    throw new AppError("bad_request:last_event_id", `${field} ${afterSeq} is past the last event of this batch (${last?.seq ?? 0})`, { fields: { [field]: "No such event" } });
  }
  return afterSeq === last.seq && isTerminalStatus((last.data as unknown as BatchProgress).status) ? "finished" : "stream";
}

/**
 * The progress stream of one batch, as Server-Sent Events. Live reports are taken from the hub from the start, the stored
 * history is read, and everything is sent in sequence order exactly once.
 */
export function batchProgressStream(params: { db: Db; hub: BatchProgressHub; batchId: string; afterSeq: number; signal: AbortSignal }): ReadableStream<Uint8Array> {
  const { db, hub, batchId, signal } = params;
  const encoder = new TextEncoder();
  let lastSent = params.afterSeq;
  let closed = false;
  const cleanups: (() => void)[] = [];

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        for (const c of cleanups) c();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      const pending = new Map<number, StoredProgress>();
      const flush = () => {
        while (!closed && pending.has(lastSent + 1)) {
          const event = pending.get(lastSent + 1)!;
          pending.delete(lastSent + 1);
          lastSent = event.seq;
          controller.enqueue(encoder.encode(sseFrame(event)));
          if (isTerminalStatus(event.data.status)) close();
        }
      };
      const accept = (event: StoredProgress) => {
        if (event.seq > lastSent) pending.set(event.seq, event);
        flush();
      };
      const resync = async () => {
        const stored = await batchProgressAfter(db, batchId, lastSent);
        for (const e of stored) accept({ seq: e.seq, data: e.data as unknown as BatchProgress });
      };

      cleanups.push(hub.subscribe(batchId, accept));
      signal.addEventListener("abort", close);
      cleanups.push(() => signal.removeEventListener("abort", close));
      if (signal.aborted) return close();
      controller.enqueue(encoder.encode(`retry: 2000\n: connected to batch ${batchId}\n\n`));
      const heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(`: heartbeat ${new Date().toISOString()}\n\n`)), HEARTBEAT_MS);
      let resyncing = false;
      const resyncTimer = setInterval(() => {
        if (closed || resyncing) return;
        resyncing = true;
        void resync().finally(() => (resyncing = false));
      }, RESYNC_MS);
      cleanups.push(() => clearInterval(heartbeat), () => clearInterval(resyncTimer));
      await resync();
    },
    cancel() {
      closed = true;
      for (const c of cleanups) c();
    },
  });
}
