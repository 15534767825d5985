import "server-only";
import type { Db } from "@/db/client";
import { batchProgressAfter } from "@/db/queries/showtimes";
import { isTerminalStatus, type BatchProgress } from "./contract";
import { sseFrame, type StoredProgress } from "./progress";
import type { BatchProgressHub } from "./progress-hub";

export const HEARTBEAT_MS = 15_000;
// A missed notification (a dropped LISTEN connection) must not stall a stream: re-read now and then.
const RESYNC_MS = 5_000;

export function lastEventIdOf(request: Request): number {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId") ?? "0";
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
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
