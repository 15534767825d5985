"use client";

import { apiFetch, queryString } from "@/lib/client/api-client";
import type { RefreshAccepted, RegisteredTrendMovie, TrendHistory, TrendPage, ViewAccepted } from "@/lib/trends/contract";

export type { RegisteredTrendMovie, TrendHistory, TrendItem, TrendPage, ViewAccepted } from "@/lib/trends/contract";

export type TrendSort = TrendPage["sort"];
export type TrendWindow = TrendPage["window"];

/** The dashboard polls: new activity shows within a few seconds without a reload. */
export const LIVE_REFRESH_MS = 3_000;

export const trendKeys = {
  all: ["trends"] as const,
  list: (params: { sort: TrendSort; window: TrendWindow; limit: number; offset: number }) => ["trends", "list", params] as const,
  history: (params: { sort: TrendSort; top: number; days: number }) => ["trends", "history", params] as const,
};

export function fetchTrends(params: { sort: TrendSort; window: TrendWindow; limit: number; offset: number }, signal?: AbortSignal) {
  return apiFetch<TrendPage>(`/api/v1/trends${queryString(params)}`, { signal });
}

export function fetchTrendHistory(params: { sort: TrendSort; top: number; days: number }, signal?: AbortSignal) {
  return apiFetch<TrendHistory>(`/api/v1/trends/history${queryString(params)}`, { signal });
}

export function registerMovie(tmdbId: number) {
  return apiFetch<RegisteredTrendMovie>("/api/v1/trends/movies/register", { method: "POST", body: { tmdbId } });
}

export function addView(movieId: string) {
  return apiFetch<ViewAccepted>("/api/v1/trends/movies/view", { method: "POST", body: { movieId } });
}

export function refreshExternal(movieId: string) {
  return apiFetch<RefreshAccepted>(`/api/v1/trends/movies/${encodeURIComponent(movieId)}/refresh-external`, { method: "POST" });
}
