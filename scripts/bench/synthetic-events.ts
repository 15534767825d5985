import { KNOWN_GENRES } from "@/lib/catalog/contract";
import type { BenchRequest } from "./load";

const TYPES = ["watch", "watch", "watch", "rating", "rating", "favorite", "search"] as const;
const WORDS = ["heat", "night", "love", "war", "space", "city", "dream", "story", "king", "ghost"];

/** An event request that carries one event, with the requestId it was sent under. */
export type SingleEventRequest = BenchRequest & { requestId: string };

/**
 * Audience events for the event API: from `users` viewers (`bench-user-<n>`) over `movies` movies
 * (`bench-<n>`, which the bench must have inserted), in a fixed mix of watches, ratings, favorites
 * and searches. Each has a unique requestId, `<prefix>-<n>`: use a new prefix per run and phase.
 */
export class SyntheticEvents {
  private n = 0;

  constructor(
    private readonly prefix: string,
    private readonly users: number,
    private readonly movies: number,
  ) {}

  /** The next event's type and body, as a single-event route takes it. */
  next(): { type: (typeof TYPES)[number]; body: Record<string, unknown> } {
    const i = this.n++;
    const type = TYPES[i % TYPES.length]!;
    const userId = `bench-user-${(i * 7919) % this.users}`;
    const movieId = `bench-${(i * 104_729) % this.movies}`;
    const requestId = `${this.prefix}-${i}`;
    const clientTimestamp = new Date().toISOString();
    switch (type) {
      case "watch":
        return { type, body: { requestId, userId, movieId, clientTimestamp, metadata: { watchDuration: 60 + (i % 7200), progressPercent: i % 101, device: "bench", sessionId: `s-${i % 977}` } } };
      case "rating":
        return { type, body: { requestId, userId, movieId, clientTimestamp, metadata: { rating: ((i % 10) + 1) / 2 } } };
      case "favorite":
        return { type, body: { requestId, userId, movieId, clientTimestamp, metadata: { action: i % 3 === 0 ? "remove" : "add" } } };
      case "search":
        return { type, body: { requestId, userId, clientTimestamp, metadata: { query: `${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]}`, resultsCount: i % 40, filters: { genre: KNOWN_GENRES[i % KNOWN_GENRES.length]! } } } };
    }
  }

  /** The next event as a POST to its route, /api/v1/events/<type>. */
  single(): SingleEventRequest {
    const e = this.next();
    return { path: `/api/v1/events/${e.type}`, body: Buffer.from(JSON.stringify(e.body)), events: 1, requestId: String(e.body.requestId) };
  }

  /** The next `size` events as one POST /api/v1/events/batch. */
  batch(size: number): BenchRequest {
    const events = Array.from({ length: size }, () => {
      const e = this.next();
      return { type: e.type, ...e.body };
    });
    return { path: "/api/v1/events/batch", body: Buffer.from(JSON.stringify({ events })), events: size };
  }
}
