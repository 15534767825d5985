import { apiFetch, queryString } from "@/lib/client/api-client";
import type { FeedbackReceipt, FeedbackRequest } from "@/lib/feedback/contract";
import type { FavoriteGenres, GenresTop, Recommendations, SimilarMovies } from "@/lib/recs/contract";
import type { TrendPage } from "@/lib/trends/contract";

/** The recommendation, trend and feedback APIs as the viewer's pages call them, with their query keys. */

/** A list as it is on screen: the answer (its `recommendations` shrink as the viewer turns movies down) and what they liked. */
export type ShownList = Recommendations & { liked: string[] };

export const viewerKeys = {
  recommendations: (userId: string, context: string) => ["recommendations", userId, context] as const,
  trending: (limit: number) => ["trends", "home", limit] as const,
  genresTop: (userId: string, limit: number) => ["genres-top", userId, limit] as const,
  similar: (movieId: string, k: number) => ["similar", movieId, k] as const,
};

export async function fetchRecommendations(userId: string, params: { k: number; context: string }, signal?: AbortSignal): Promise<ShownList> {
  const list = await apiFetch<Recommendations>(`/api/v1/recommend/${encodeURIComponent(userId)}${queryString(params)}`, { signal });
  return { ...list, liked: [] };
}

export function fetchTrending(limit: number, signal?: AbortSignal) {
  return apiFetch<TrendPage>(`/api/v1/trends${queryString({ sort: "trending", window: "7d", limit })}`, { signal });
}

export function fetchGenresTop(userId: string, limit: number, signal?: AbortSignal) {
  return apiFetch<GenresTop>(`/api/v1/genres/top${queryString({ userId, limit })}`, { signal });
}

export function fetchSimilar(movieId: string, k: number, signal?: AbortSignal) {
  return apiFetch<SimilarMovies>(`/api/v1/movies/${encodeURIComponent(movieId)}/similar${queryString({ k })}`, { signal });
}

export function saveFavoriteGenres(userId: string, genres: string[]) {
  return apiFetch<FavoriteGenres>(`/api/v1/users/${encodeURIComponent(userId)}/genres`, { method: "PUT", body: { genres } });
}

export function sendFeedback(body: FeedbackRequest) {
  return apiFetch<FeedbackReceipt>("/api/v1/feedback", { method: "POST", body });
}

/**
 * For the opening of a card: the page is about to change, so the request goes with `keepalive`
 * (it outlives the page) and nothing waits for it.
 */
export function sendFeedbackOnLeave(body: FeedbackRequest): void {
  try {
    void fetch("/api/v1/feedback", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), keepalive: true, credentials: "same-origin" }).catch(() => undefined);
  } catch {
    // A browser without keepalive fetch: the selection is not recorded, the navigation still happens.
  }
}
