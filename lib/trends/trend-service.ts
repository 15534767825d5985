import "server-only";
import type { Db } from "@/db/client";
import { findMovie, insertMovie } from "@/db/queries/movies";
import {
  addDailyActivity,
  addMovieView,
  addTrendActivity,
  dailyActivityOf,
  findMovieByTmdbId,
  findTrendTarget,
  listTrendRows,
  registerTrendMovie,
  type ExternalStatus,
} from "@/db/queries/trends";
import { groupBy } from "@/lib/collections/group-by";
import { AppError } from "@/lib/errors/app-error";
import { page } from "@/lib/http/pagination";
import { logger } from "@/lib/log/logger";
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from "@/db/errors";
import type { RegisteredTrendMovie, TrendHistory, TrendHistoryQuery, TrendItem, TrendListQuery, TrendPage, ViewAccepted } from "./contract";
import { placeholderTitle } from "./external-score";
import { ACTIVITY_WEIGHTS, addActivity, decay } from "./formulas";
import { dailyActivityScore, dailyViews, lastDays, lookbackDays, trendingByDay, utcDay, windowStartDay } from "./series";

/** The trend API's work, with the clock, the half-life and the job queue passed in. */

export const SPARKLINE_DAYS = 14;

/** Queues external score fetches; the routes pass pg-boss, tests a recorder. */
export type EnqueueFetch = (movieIds: string[]) => Promise<unknown>;

/**
 * Registers a movie for trend tracking by its TMDB id: the movie with that id, or a new one
 * ("tmdb-<id>", titled by TMDB once the fetch job has run). 409 when it is already registered.
 */
export async function registerByTmdbId(db: Db, tmdbId: number, options: { now: Date; enqueue: EnqueueFetch }): Promise<RegisteredTrendMovie> {
  const registered = await db.transaction(async (tx) => {
    let movie = await findMovieByTmdbId(tx, tmdbId);
    let created = false;
    if (!movie) {
      const id = `tmdb-${tmdbId}`;
      const inserted = await insertMovie(tx, id, { title: placeholderTitle(tmdbId), tmdbId });
      created = Boolean(inserted);
      movie = inserted ?? (await findMovie(tx, id));
      if (!movie || movie.tmdbId !== tmdbId) {
        throw new AppError("conflict:movie", `The id '${id}' belongs to a movie with another TMDB id`, { fields: { tmdbId: `Movie '${id}' has another TMDB id` } });
      }
    }
    const row = await registerTrendMovie(tx, movie.id, options.now);
    if (!row) throw new AppError("conflict:trend_registered", `TMDB movie ${tmdbId} is already registered (as '${movie.id}')`, { fields: { tmdbId: "Already registered" } });
    return { movieId: movie.id, tmdbId, title: movie.title, created, registeredAt: row.registeredAt!.toISOString(), externalStatus: row.externalStatus };
  });
  await enqueueQuietly(options.enqueue, registered.movieId);
  return registered;
}

/** One view of a movie, by id or TMDB id: views, trending, daily activity and final score at once. */
export async function addView(db: Db, target: { movieId?: string; tmdbId?: number }, options: { now: Date; halfLifeHours: number }): Promise<ViewAccepted> {
  const movieId = await resolveMovieId(db, target);
  const state = await addMovieView(db, movieId, { trending: ACTIVITY_WEIGHTS.view, at: options.now, day: utcDay(options.now) }, options.halfLifeHours).catch((error) => {
    // 23503: the movie was deleted between the lookup and the write.
    if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION) throw new AppError("not_found:movie", `No movie with id '${movieId}'`, { fields: { [target.movieId !== undefined ? "movieId" : "tmdbId"]: "Not found" } });
    throw error;
  });
  return {
    movieId,
    views: state.views,
    finalScore: state.finalScore,
    trendingScore: roundScore(decay(state.trendingScore, state.trendingAt?.getTime() ?? options.now.getTime(), options.now.getTime(), options.halfLifeHours)),
  };
}

/**
 * Many views at once, each at its own instant (the demo data's past weeks): views, trending and
 * daily activity as if each had been one addView. Run it in a transaction; movies must exist.
 */
export async function addViews(tx: Db, views: readonly { movieId: string; at: Date }[], options: { halfLifeHours: number }) {
  const deltas = [...groupBy(views, (v) => v.movieId)].map(([movieId, list]) => {
    const { score, atMs } = addActivity({ score: 0, atMs: null }, list.map((v) => ({ kind: "view" as const, atMs: v.at.getTime() })), options.halfLifeHours);
    return { movieId, views: list.length, trending: score, at: new Date(atMs) };
  });
  const daily = [...groupBy(views, (v) => JSON.stringify([v.movieId, utcDay(v.at)]))].map(([key, list]) => {
    const [movieId, day] = JSON.parse(key) as [string, string];
    return { movieId, day, views: list.length, watches: 0, favorites: 0, ratings: 0 };
  });
  await addTrendActivity(tx, deltas, options.halfLifeHours);
  await addDailyActivity(tx, daily);
}

async function resolveMovieId(db: Db, target: { movieId?: string; tmdbId?: number }): Promise<string> {
  if (target.movieId !== undefined) {
    if (!(await findMovie(db, target.movieId))) throw new AppError("not_found:movie", `No movie with id '${target.movieId}'`, { fields: { movieId: "Not found" } });
    return target.movieId;
  }
  const movie = await findMovieByTmdbId(db, target.tmdbId!);
  if (!movie) throw new AppError("not_found:movie", `No movie has TMDB id ${target.tmdbId}; register it first`, { fields: { tmdbId: "Not found" } });
  return movie.id;
}

/** Queues a fresh external score check for a movie on the dashboard. */
export async function requestExternalRefresh(db: Db, movieId: string, enqueue: EnqueueFetch) {
  const target = await findTrendTarget(db, movieId);
  if (!target) throw new AppError("not_found:movie", `No movie with id '${movieId}'`, { fields: { movieId: "Not found" } });
  if (!target.tracked) throw new AppError("not_found:trend", `Movie '${movieId}' is not on the trend dashboard; register it first`, { fields: { movieId: "Not tracked" } });
  await enqueue([movieId]);
  return { movieId, status: "queued" as const };
}

async function enqueueQuietly(enqueue: EnqueueFetch, movieId: string) {
  try {
    await enqueue([movieId]);
  } catch (error) {
    // Registered all the same: the daily refresh fetches every registered movie.
    logger.warn({ err: error, movieId }, "could not queue the external score fetch");
  }
}

/** Where the external vote average came from, in words for the dashboard. */
export function externalSourceOf(status: ExternalStatus, voteAverage: number | null, registered: boolean): { source: TrendItem["externalSource"]; label: string } {
  // Activity alone puts a movie on the dashboard; nothing fetches its score until it is registered or refreshed.
  if (status === "pending" && !registered) return { source: null, label: "Not registered" };
  switch (status) {
    case "ok":
      return { source: "tmdb", label: "TMDB" };
    case "no_key":
      return { source: voteAverage === null ? null : "own_ratings", label: voteAverage === null ? "No TMDB key, no ratings yet" : "Own ratings (no TMDB key)" };
    case "no_tmdb_id":
      return { source: voteAverage === null ? null : "own_ratings", label: voteAverage === null ? "No TMDB id, no ratings yet" : "Own ratings (no TMDB id)" };
    case "missing":
      return { source: null, label: "Not found on TMDB" };
    case "error":
      return { source: voteAverage === null ? null : "last_known", label: voteAverage === null ? "TMDB error" : "Last known (TMDB error)" };
    case "pending":
      return { source: null, label: "Waiting for TMDB" };
  }
}

/** The dashboard's table: a page of tracked movies with scores decayed to now and 14 days of activity. */
export async function listTrends(db: Db, query: TrendListQuery, options: { now: Date; halfLifeHours: number }): Promise<TrendPage> {
  const { now, halfLifeHours } = options;
  const { items, total } = await listTrendRows(db, { sort: query.sort, windowStartDay: windowStartDay(now, query.window), limit: query.limit, offset: query.offset, now, halfLifeHours });
  const days = lastDays(now, SPARKLINE_DAYS);
  const activity = groupBy(await dailyActivityOf(db, items.map((i) => i.movieId), days[0]!, days.at(-1)!), (r) => r.movieId);
  const result: TrendItem[] = items.map((row) => {
    const rows = activity.get(row.movieId) ?? [];
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const { source, label } = externalSourceOf(row.externalStatus, row.externalVoteAverage, row.registeredAt !== null);
    return {
      movieId: row.movieId,
      title: row.title,
      year: row.year,
      genres: row.genres,
      tmdbId: row.tmdbId,
      registered: row.registeredAt !== null,
      views: row.views,
      viewsInWindow: row.viewsInWindow,
      externalVoteAverage: row.externalVoteAverage === null ? null : roundScore(row.externalVoteAverage),
      externalSource: source,
      externalLabel: label,
      externalStatus: row.externalStatus,
      externalMessage: row.externalMessage,
      externalCheckedAt: row.externalCheckedAt?.toISOString() ?? null,
      finalScore: row.finalScore === null ? null : Math.round(row.finalScore * 10) / 10,
      trendingScore: roundScore(decay(row.trendingScore, row.trendingAt?.getTime() ?? now.getTime(), now.getTime(), halfLifeHours)),
      daily: days.map((day) => {
        const d = byDay.get(day);
        return { day, views: d?.views ?? 0, activity: d ? roundScore(dailyActivityScore(d)) : 0 };
      }),
    };
  });
  return { ...page(result, total, query.limit, query.offset), sort: query.sort, window: query.window, asOf: now.toISOString(), halfLifeHours };
}

/** The top movies over the last days, for the chart: daily views and "trending now" at each day's end. */
export async function trendHistory(db: Db, query: TrendHistoryQuery, options: { now: Date; halfLifeHours: number }): Promise<TrendHistory> {
  const { now, halfLifeHours } = options;
  const days = lastDays(now, query.days);
  const { items } = await listTrendRows(db, { sort: query.sort, windowStartDay: days[0]!, limit: query.top, offset: 0, now, halfLifeHours });
  // Activity from before the first day still counts towards its trending value.
  const from = utcDay(Date.parse(days[0]!) - lookbackDays(halfLifeHours) * 86_400_000);
  const activity = groupBy(await dailyActivityOf(db, items.map((i) => i.movieId), from, days.at(-1)!), (r) => r.movieId);
  return {
    days,
    sort: query.sort,
    asOf: now.toISOString(),
    movies: items.map((row) => {
      const rows = activity.get(row.movieId) ?? [];
      return { movieId: row.movieId, title: row.title, views: dailyViews(days, rows), trending: trendingByDay(days, rows, now, halfLifeHours) };
    }),
  };
}

function roundScore(x: number): number {
  return Math.round(x * 1000) / 1000;
}
