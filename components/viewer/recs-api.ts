import { apiFetch, queryString } from "@/lib/client/api-client";
import type { FeedbackReceipt, FeedbackRequest } from "@/lib/feedback/contract";
import type { FavoriteGenres, GenresTop, Recommendations, SimilarMovies, UserLikes } from "@/lib/recs/contract";
import type { TrendPage } from "@/lib/trends/contract";

/** The recommendation, trend and feedback APIs as the viewer's pages call them, with their query keys. */

/**
 * A logged list as it is on screen: the movies still shown (`items` shrink as the viewer turns
 * movies down), the list as served (`movieIds`, to put a movie back in its place), what the viewer
 * likes now, and the session feedback names (null when the list was not logged: no reactions).
 */
export interface ShownList<T extends ShownItem = ShownItem> {
  sessionId: string | null;
  movieIds: string[];
  items: T[];
  liked: string[];
}
export interface ShownItem {
  movieId: string;
  title: string;
}
export type RecommendedList = Omit<Recommendations, "recommendations"> & ShownList<Recommendations["recommendations"][number]>;
export type SimilarList = Omit<SimilarMovies, "items"> & ShownList<SimilarMovies["items"][number]>;
export type GenresTopList = Omit<GenresTop, "items"> & ShownList<GenresTop["items"][number]>;

export const viewerKeys = {
  recommendations: (userId: string, context: string) => ["recommendations", userId, context] as const,
  trending: (limit: number) => ["trends", "home", limit] as const,
  genresTop: (userId: string, limit: number) => ["genres-top", userId, limit] as const,
  similar: (userId: string | null, movieId: string, k: number) => ["similar", userId, movieId, k] as const,
};

/** Where the viewer's logged lists are cached: a movie they turn down leaves every one of them. */
export const viewerListKeys = (userId: string) => [["recommendations", userId], ["genres-top", userId], ["similar", userId]] as const;

/**
 * The movies the viewer likes now, from any earlier list, read beside each new list so that a Like
 * pressed before a reload is still pressed. The list shows without them if they cannot be read.
 */
function likesOf(userId: string, signal?: AbortSignal): Promise<Set<string>> {
  return apiFetch<UserLikes>(`/api/v1/users/${encodeURIComponent(userId)}/likes`, { signal }).then(
    (likes) => new Set(likes.movieIds),
    () => new Set<string>(),
  );
}

const likedAmong = (movieIds: string[], likes: Set<string>) => movieIds.filter((id) => likes.has(id));

export async function fetchRecommendations(userId: string, params: { k: number; context: string }, signal?: AbortSignal): Promise<RecommendedList> {
  const [{ recommendations, ...list }, likes] = await Promise.all([apiFetch<Recommendations>(`/api/v1/recommend/${encodeURIComponent(userId)}${queryString(params)}`, { signal }), likesOf(userId, signal)]);
  return { ...list, items: recommendations, liked: likedAmong(list.movieIds, likes) };
}

export function fetchTrending(limit: number, signal?: AbortSignal) {
  return apiFetch<TrendPage>(`/api/v1/trends${queryString({ sort: "trending", window: "7d", limit })}`, { signal });
}

export async function fetchGenresTop(userId: string, limit: number, signal?: AbortSignal): Promise<GenresTopList> {
  const [top, likes] = await Promise.all([apiFetch<GenresTop>(`/api/v1/genres/top${queryString({ userId, limit })}`, { signal }), likesOf(userId, signal)]);
  const movieIds = top.items.map((m) => m.movieId);
  return { ...top, movieIds, liked: likedAmong(movieIds, likes) };
}

/** With the viewer's id the list leaves out what they turned down and is logged for their feedback. */
export async function fetchSimilar(movieId: string, k: number, userId: string | null, signal?: AbortSignal): Promise<SimilarList> {
  const [similar, likes] = await Promise.all([
    apiFetch<SimilarMovies>(`/api/v1/movies/${encodeURIComponent(movieId)}/similar${queryString({ k, ...(userId ? { userId } : {}) })}`, { signal }),
    userId ? likesOf(userId, signal) : new Set<string>(),
  ]);
  const movieIds = similar.items.map((m) => m.movieId);
  return { ...similar, movieIds, liked: likedAmong(movieIds, likes) };
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
