import { ApiClientError, apiFetch, queryString } from "@/lib/client/api-client";
import type { CityList, TheaterSummary } from "@/lib/catalog/contract";
import type { ListPage } from "@/lib/http/pagination";
import type { BatchRequestBody } from "@/lib/showtimes/batch-request-body";
import type { ShowtimeBatch, ShowtimeBatchAccepted, ShowtimeBatchSummary, UpcomingShowtimes, WizardMovie } from "@/lib/showtimes/contract";

/** The showtime-creation API as the wizard and the batch pages use it; the shapes are the contract's. */

const base = "/api/v1/showtime-creation";

export const showtimeKeys = {
  all: ["showtime-creation"] as const,
  movies: (q: string, offset: number) => ["showtime-creation", "movies", q, offset] as const,
  theaters: (filters: Record<string, string | number | undefined>) => ["showtime-creation", "theaters", filters] as const,
  cities: ["cities"] as const,
  existing: (theaterIds: readonly string[]) => ["showtime-creation", "existing", [...theaterIds].sort().join(",")] as const,
  batches: (status: string, offset: number) => ["showtime-creation", "batches", status, offset] as const,
  batch: (id: string) => ["showtime-creation", "batch", id] as const,
};

export function fetchMovies(q: string, offset: number, limit: number, signal?: AbortSignal) {
  return apiFetch<ListPage<WizardMovie>>(`${base}/movies${queryString({ q, limit, offset })}`, { signal });
}

export function fetchTheaters(filters: { q?: string; city?: string; minSeats?: number; maxSeats?: number; offset: number; limit: number }, signal?: AbortSignal) {
  return apiFetch<ListPage<TheaterSummary>>(`${base}/theaters${queryString(filters)}`, { signal });
}

export function fetchCities(signal?: AbortSignal) {
  return apiFetch<CityList>("/api/v1/cities", { signal });
}

/** Showtimes in the theaters that have not ended yet; `truncated` when there were more than `limit`. */
export function fetchExistingShowtimes(theaterIds: string[], signal?: AbortSignal) {
  return apiFetch<UpcomingShowtimes>(`${base}/showtimes/find`, { method: "POST", body: { theaterIds, limit: 5_000 }, signal });
}

export function fetchBatches(status: string, offset: number, limit: number, signal?: AbortSignal) {
  return apiFetch<ListPage<ShowtimeBatchSummary>>(`${base}/batches${queryString({ status, offset, limit })}`, { signal });
}

export function fetchBatch(id: string, signal?: AbortSignal) {
  return apiFetch<ShowtimeBatch>(`${base}/batches/${encodeURIComponent(id)}`, { signal });
}

export function batchEventsUrl(id: string) {
  return `${base}/batches/${encodeURIComponent(id)}/events`;
}

/**
 * POST the batch with an Idempotency-Key: apiFetch takes no headers, so this is its twin for the
 * one request that needs one. A retry with the same key and body returns the same batch.
 */
export async function submitBatch(body: BatchRequestBody, idempotencyKey: string): Promise<ShowtimeBatchAccepted> {
  let response: Response;
  try {
    response = await fetch(`${base}/showtimes`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiClientError(0, "network", "Could not reach the server. Check your connection and submit again: it is safe, the batch will not be created twice.");
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
    throw new ApiClientError(response.status, error?.code ?? "unknown", error?.message ?? `Request failed (${response.status})`, error?.fields);
  }
  return json as ShowtimeBatchAccepted;
}
