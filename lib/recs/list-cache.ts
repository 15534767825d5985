import type { CachedRecommendation } from "@/db/schema";
import { recommenderAlgorithms } from "./contract";

/**
 * This instance's copy of recently served lists, so that a cached GET /recommend neither reads nor
 * parses the stored list again. It answers only for the model version served now, and forgets a
 * user's lists when their events are applied or they turn a movie down (the database tells every
 * instance: LISTS_STALE_CHANNEL). A list computed from data read before such news is not kept: each
 * computation takes a ticket before reading, and a user invalidated since that ticket refuses it.
 * Entries also age out after `ttlMs`, in case a notification is lost while a connection is down.
 */
export class ListCache {
  private readonly entries = new Map<string, { modelVersion: number; items: CachedRecommendation[]; storedAt: number }>();
  private readonly staleSince = new Map<string, number>();
  private generation = 0;
  /** Tickets below this are refused for every user (set when staleSince is cleared to bound it). */
  private floor = 0;

  constructor(private readonly options: { maxEntries: number; ttlMs: number; now: () => number }) {}

  /** Take before reading what a list is computed from; hand back to `set`. */
  ticket(): number {
    return this.generation;
  }

  get(userId: string, algorithm: string, modelVersion: number): CachedRecommendation[] | null {
    const key = keyOf(userId, algorithm);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.modelVersion !== modelVersion || this.options.now() - entry.storedAt > this.options.ttlMs) {
      this.entries.delete(key);
      return null;
    }
    // Most recently used last: the first key is the one to evict.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.items;
  }

  /** Whether what was read under `ticket` is still current for this user (no news since). */
  isCurrent(userId: string, ticket: number): boolean {
    return ticket >= this.floor && (this.staleSince.get(userId) ?? -1) <= ticket;
  }

  set(userId: string, algorithm: string, modelVersion: number, items: CachedRecommendation[], ticket: number): boolean {
    if (!this.isCurrent(userId, ticket)) return false;
    const key = keyOf(userId, algorithm);
    this.entries.delete(key);
    this.entries.set(key, { modelVersion, items, storedAt: this.options.now() });
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return true;
  }

  /** These users' lists (every algorithm) are stale; "all" for everyone's. */
  invalidate(userIds: readonly string[] | "all"): void {
    this.generation++;
    if (userIds === "all") {
      this.entries.clear();
      this.staleSince.clear();
      this.floor = this.generation;
      return;
    }
    for (const user of userIds) {
      this.staleSince.set(user, this.generation);
      for (const algorithm of recommenderAlgorithms) this.entries.delete(keyOf(user, algorithm));
    }
    if (this.staleSince.size > this.options.maxEntries * 4) {
      this.staleSince.clear();
      this.floor = this.generation;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const keyOf = (userId: string, algorithm: string) => `${algorithm}\u0000${userId}`;

/** What db/queries/events.ts announces on USERS_CHANGED_CHANNEL: a JSON array of user ids, or "*" for everyone. */
export function parseStaleListsPayload(payload: string): string[] | "all" {
  if (payload === "*") return "all";
  try {
    const parsed: unknown = JSON.parse(payload);
    return Array.isArray(parsed) && parsed.every((id) => typeof id === "string") ? parsed : "all";
  } catch {
    return "all";
  }
}
