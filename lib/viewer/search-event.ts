/**
 * A search on the movie list becomes a search event once its results are on screen. The form
 * leaves a marker when it is submitted; the results page sends the event only when the marker
 * matches what it shows, so reloading or paging through results does not count as searching again.
 */
export interface PendingSearch {
  query: string;
  genre: string;
  requestId: string;
}

export interface SearchMetadata {
  query: string;
  resultsCount: number;
  filters?: { genre: string };
}

const MAX_QUERY = 500;

/** The marker for a submitted search, or null when there is nothing to count (no words typed). */
export function pendingSearch(query: string, genre: string, requestId: string): PendingSearch | null {
  const q = query.trim().slice(0, MAX_QUERY);
  return q ? { query: q, genre: genre.trim(), requestId } : null;
}

export function parsePendingSearch(stored: string | null): PendingSearch | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Partial<PendingSearch>;
    if (typeof value.query !== "string" || typeof value.genre !== "string" || typeof value.requestId !== "string") return null;
    return { query: value.query, genre: value.genre, requestId: value.requestId };
  } catch {
    return null;
  }
}

/** The event's metadata when the page shows the results of the pending search, else null. */
export function searchEventFor(pending: PendingSearch | null, shown: { query: string | undefined; genre: string | undefined; resultsCount: number }): SearchMetadata | null {
  if (!pending) return null;
  const query = (shown.query ?? "").trim().slice(0, MAX_QUERY);
  const genre = (shown.genre ?? "").trim();
  if (!query || query !== pending.query || genre !== pending.genre) return null;
  return { query, resultsCount: shown.resultsCount, ...(genre ? { filters: { genre } } : {}) };
}
