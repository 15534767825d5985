import type { DatabaseHandle } from "@/db/client";
import { batchEventsAfter } from "@/db/queries/showtimes";
import { logger } from "@/lib/log/logger";
import { BATCH_EVENTS_CHANNEL, type BatchEventData, type StoredBatchEvent } from "./batch-events";

type Listener = (event: StoredBatchEvent) => void;

/**
 * Delivers batch events to the SSE streams of this process. Events reach it two ways: a NOTIFY on
 * BATCH_EVENTS_CHANNEL from any instance (then it reads the new events from the table), or
 * directly from a worker in this process (PGlite, where nothing can be read while the batch's
 * transaction holds the only connection).
 */
export class BatchEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly delivered = new Map<string, number>();
  private readonly fetching = new Map<string, Promise<void>>();

  constructor(private readonly handle: DatabaseHandle) {}

  async start(): Promise<void> {
    await this.handle.listen(BATCH_EVENTS_CHANNEL, (payload) => {
      try {
        const { batchId } = JSON.parse(payload) as { batchId: string };
        if (this.listeners.has(batchId)) void this.catchUp(batchId);
      } catch (error) {
        logger.warn({ err: error, payload }, "ignored a malformed batch notification");
      }
    });
  }

  subscribe(batchId: string, listener: Listener): () => void {
    let set = this.listeners.get(batchId);
    if (!set) this.listeners.set(batchId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(batchId);
        this.delivered.delete(batchId);
      }
    };
  }

  /** Hands an event to this process's listeners; they drop what they already have. */
  emit(batchId: string, seq: number, data: BatchEventData): void {
    this.delivered.set(batchId, Math.max(this.delivered.get(batchId) ?? 0, seq));
    for (const listener of this.listeners.get(batchId) ?? []) listener({ seq, data });
  }

  /** Reads what was stored since the last delivered event and delivers it (one read at a time). */
  catchUp(batchId: string): Promise<void> {
    const running = this.fetching.get(batchId);
    if (running) return running;
    const work = (async () => {
      try {
        const events = await batchEventsAfter(this.handle.db, batchId, this.delivered.get(batchId) ?? 0);
        for (const e of events) this.emit(batchId, e.seq, e.data as unknown as BatchEventData);
      } catch (error) {
        logger.warn({ err: error, batchId }, "could not read batch events");
      } finally {
        this.fetching.delete(batchId);
      }
    })();
    this.fetching.set(batchId, work);
    return work;
  }
}

const globalForHub = globalThis as unknown as { marqueeBatchHub?: Promise<BatchEventHub> };

export function getBatchEventHub(handle: DatabaseHandle): Promise<BatchEventHub> {
  globalForHub.marqueeBatchHub ??= (async () => {
    const hub = new BatchEventHub(handle);
    await hub.start();
    return hub;
  })().catch((error) => {
    globalForHub.marqueeBatchHub = undefined;
    throw error;
  });
  return globalForHub.marqueeBatchHub;
}
