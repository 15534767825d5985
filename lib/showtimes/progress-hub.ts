import "server-only";
import type { DatabaseHandle } from "@/db/client";
import { batchProgressAfter } from "@/db/queries/showtimes";
import { logger } from "@/lib/log/logger";
import type { BatchProgress } from "./contract";
import { BATCH_PROGRESS_CHANNEL, type StoredProgress } from "./progress";

type Listener = (event: StoredProgress) => void;

/**
 * Delivers batch progress to the SSE streams of this process. Progress reaches it two ways: a NOTIFY on
 * BATCH_PROGRESS_CHANNEL from any instance (then it reads the new reports from the table), or
 * directly from a worker in this process (PGlite, where nothing can be read while the batch's
 * transaction holds the only connection).
 */
export class BatchProgressHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly delivered = new Map<string, number>();
  private readonly fetching = new Map<string, Promise<void>>();

  constructor(private readonly handle: DatabaseHandle) {}

  async start(): Promise<void> {
    await this.handle.listen(BATCH_PROGRESS_CHANNEL, (payload) => {
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

  /** Hands a progress report to this process's listeners; they drop what they already have. */
  emit(batchId: string, seq: number, data: BatchProgress): void {
    this.delivered.set(batchId, Math.max(this.delivered.get(batchId) ?? 0, seq));
    for (const listener of this.listeners.get(batchId) ?? []) listener({ seq, data });
  }

  /** Reads what was stored since the last delivered report and delivers it (one read at a time). */
  catchUp(batchId: string): Promise<void> {
    const running = this.fetching.get(batchId);
    if (running) return running;
    const work = (async () => {
      try {
        const events = await batchProgressAfter(this.handle.db, batchId, this.delivered.get(batchId) ?? 0);
        for (const e of events) this.emit(batchId, e.seq, e.data as unknown as BatchProgress);
      } catch (error) {
        logger.warn({ err: error, batchId }, "could not read batch progress");
      } finally {
        this.fetching.delete(batchId);
      }
    })();
    this.fetching.set(batchId, work);
    return work;
  }
}

const globalForHub = globalThis as unknown as { marqueeBatchHub?: Promise<BatchProgressHub> };

export function getBatchProgressHub(handle: DatabaseHandle): Promise<BatchProgressHub> {
  globalForHub.marqueeBatchHub ??= (async () => {
    const hub = new BatchProgressHub(handle);
    await hub.start();
    return hub;
  })().catch((error) => {
    globalForHub.marqueeBatchHub = undefined;
    throw error;
  });
  return globalForHub.marqueeBatchHub;
}
