import "server-only";
import { and, asc, avg, count, desc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { movieDailyActivity, movies, movieTrends, ratings } from "../schema";
import { ownRatingsStatuses, type ExternalStatus, type OwnRatingsStatus, type TrendSort } from "@/lib/trends/contract";

export interface TrendDelta {
  movieId: string;
  views: number;
  /** The batch's "trending now" contribution, expressed at `at`. */
  trending: number;
  at: Date;
}

/**
 * 2^(−age/halfLife) in SQL, for an age in seconds (float8), that cannot fail for any age:
 * past MAX_HALF_LIVES it is 0 rather than a power() that underflows ("value out of range:
 * underflow" made the whole trends listing a 500). Anything that old is worth nothing anyway.
 */
export const MAX_HALF_LIVES = 60;
function decayFactor(ageSeconds: SQL, halfLifeSeconds: number): SQL {
  return sql`(case when (${ageSeconds}) / ${halfLifeSeconds}::float8 >= ${MAX_HALF_LIVES}::float8 then 0::float8 else power(2::float8, -(${ageSeconds}) / ${halfLifeSeconds}::float8) end)`;
}

/**
 * A trending score as stored: a real cannot hold what a float8 can (storing 1e-50 in it raises an
 * underflow too), so a negligible score is stored as 0.
 */
function storableScore(score: SQL): SQL {
  return sql`(case when (${score}) < ${MIN_STORED_SCORE}::float8 then 0::float8 else (${score}) end)`;
}
const MIN_STORED_SCORE = 1e-9;

/**
 * Adds views and trending activity atomically, whatever else runs: the stored trending score is
 * decayed to the later of the two instants before the new contribution is added.
 */
export async function addTrendActivity(tx: Db, deltas: TrendDelta[], halfLifeHours: number) {
  if (!deltas.length) return;
  const input = JSON.stringify(deltas.map((d) => ({ movie_id: d.movieId, views: d.views, trending: d.trending, at: d.at.toISOString() })));
  const hl = halfLifeHours * 3600;
  const latest = sql`greatest(excluded.trending_at, coalesce(movie_trends.trending_at, excluded.trending_at))`;
  const storedAge = sql`extract(epoch from ${latest} - movie_trends.trending_at)::float8`;
  const addedAge = sql`extract(epoch from ${latest} - excluded.trending_at)::float8`;
  await tx.execute(sql`
    insert into movie_trends (movie_id, views, trending_score, trending_at, updated_at)
    select movie_id, views, ${storableScore(sql`trending`)}, at, now() from jsonb_to_recordset(${input}::jsonb) as r(movie_id text, views int, trending float8, at timestamptz)
    on conflict (movie_id) do update set
      views = movie_trends.views + excluded.views,
      trending_score = ${storableScore(sql`coalesce(movie_trends.trending_score::float8 * ${decayFactor(storedAge, hl)}, 0) + excluded.trending_score::float8 * ${decayFactor(addedAge, hl)}`)},
      trending_at = ${latest},
      updated_at = now()`);
  await recomputeFinalScores(tx, deltas.map((d) => d.movieId));
}

/**
 * The seed's final score in SQL, from the row being updated (lib/trends/formulas.ts finalTrendScore
 * is the same rule): computed where the views change, so it is never stale.
 */
const FINAL_SCORE_SQL = sql.raw(`round((0.7 * external_vote_average + 0.3 * least(views / 100.0, 1) * 10)::numeric, 1)`);

/** Final score from the external vote average (or the fallback) and views, for these movies. */
export async function recomputeFinalScores(tx: Db, movieIds: string[]) {
  if (!movieIds.length) return;
  await tx.execute(sql`
    update movie_trends set final_score = ${FINAL_SCORE_SQL}
    where external_vote_average is not null and movie_id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(movieIds)])}::jsonb))`);
}

export interface DailyDelta {
  movieId: string;
  day: string;
  views: number;
  watches: number;
  favorites: number;
  ratings: number;
}

export async function addDailyActivity(tx: Db, deltas: DailyDelta[]) {
  if (!deltas.length) return;
  const input = JSON.stringify(deltas.map((d) => ({ movie_id: d.movieId, day: d.day, views: d.views, watches: d.watches, favorites: d.favorites, ratings: d.ratings })));
  await tx.execute(sql`
    insert into movie_daily_activity (movie_id, day, views, watches, favorites, ratings)
    select movie_id, day, views, watches, favorites, ratings from jsonb_to_recordset(${input}::jsonb) as r(movie_id text, day date, views int, watches int, favorites int, ratings int)
    on conflict (movie_id, day) do update set
      views = movie_daily_activity.views + excluded.views,
      watches = movie_daily_activity.watches + excluded.watches,
      favorites = movie_daily_activity.favorites + excluded.favorites,
      ratings = movie_daily_activity.ratings + excluded.ratings`);
}

export type { ExternalStatus };

/** The movie the trend API means by a TMDB id: the oldest with it, when several share it. */
export async function findMovieByTmdbId(db: Db, tmdbId: number) {
  const [movie] = await db
    .select({ id: movies.id, title: movies.title, tmdbId: movies.tmdbId })
    .from(movies)
    .where(eq(movies.tmdbId, tmdbId))
    .orderBy(asc(movies.createdAt), asc(movies.id))
    .limit(1);
  return movie ?? null;
}

/**
 * Marks the movie registered for trend tracking (creating its trend row if activity has not).
 * Returns null when it already was; the row lock makes two concurrent registrations one.
 */
export async function registerTrendMovie(tx: Db, movieId: string, now: Date) {
  const [row] = await tx
    .insert(movieTrends)
    .values({ movieId, registeredAt: now, externalStatus: "pending", updatedAt: now })
    .onConflictDoUpdate({
      target: movieTrends.movieId,
      set: { registeredAt: now, externalStatus: "pending", externalMessage: null, updatedAt: now },
      setWhere: sql`${movieTrends.registeredAt} is null`,
    })
    .returning({ movieId: movieTrends.movieId, registeredAt: movieTrends.registeredAt, externalStatus: movieTrends.externalStatus });
  return row ?? null;
}

/** A movie with its trend row (null fields when it has none yet), for the external score job. */
export async function findTrendTarget(db: Db, movieId: string) {
  const [row] = await db
    .select({
      movieId: movies.id,
      title: movies.title,
      tmdbId: movies.tmdbId,
      tracked: sql<boolean>`${movieTrends.movieId} is not null`.mapWith(Boolean),
      registeredAt: movieTrends.registeredAt,
      externalStatus: movieTrends.externalStatus,
      externalVoteAverage: movieTrends.externalVoteAverage,
    })
    .from(movies)
    .leftJoin(movieTrends, eq(movieTrends.movieId, movies.id))
    .where(eq(movies.id, movieId));
  return row ?? null;
}

export interface ExternalResult {
  /** null clears it (a movie TMDB does not have; no ratings to fall back on). */
  voteAverage: number | null;
  status: ExternalStatus;
  message: string | null;
  checkedAt: Date;
}

/**
 * Stores the outcome of an external score check and recomputes the final score from it and the
 * views in the same statement, so a view counted meanwhile is never lost from it.
 */
export async function saveExternalResult(db: Db, movieId: string, result: ExternalResult) {
  const vote = result.voteAverage;
  await db.execute(sql`
    update movie_trends set
      external_vote_average = ${vote}::real,
      external_status = ${result.status},
      external_message = ${result.message},
      external_checked_at = ${result.checkedAt.toISOString()}::timestamptz,
      final_score = case when ${vote}::real is null then null else round((0.7 * ${vote}::real + 0.3 * least(views / 100.0, 1) * 10)::numeric, 1) end,
      updated_at = now()
    where movie_id = ${movieId}`);
}

/** Changes the status and message only, keeping the last known vote average and final score. */
export async function setExternalStatus(db: Db, movieId: string, status: ExternalStatus, message: string | null, checkedAt: Date | null) {
  await db
    .update(movieTrends)
    .set({ externalStatus: status, externalMessage: message, ...(checkedAt ? { externalCheckedAt: checkedAt } : {}), updatedAt: new Date() })
    .where(eq(movieTrends.movieId, movieId));
}

export async function setExternalMessage(db: Db, movieId: string, message: string) {
  await db.update(movieTrends).set({ externalMessage: message }).where(eq(movieTrends.movieId, movieId));
}

export interface MovieDetails {
  title: string;
  year: number | null;
  releaseDate: string | null;
  runtimeMinutes: number | null;
  overview: string;
  genres: string[];
}

/**
 * Fills in what the catalog lacks from TMDB: a placeholder title, and empty year, release date,
 * runtime, overview and genres. What an admin entered is left as it is.
 */
export async function fillMovieDetails(db: Db, movieId: string, details: MovieDetails, placeholderTitle: string, now: Date) {
  await db
    .update(movies)
    .set({
      title: sql`case when ${movies.title} = ${placeholderTitle} then ${details.title} else ${movies.title} end`,
      year: sql`coalesce(${movies.year}, ${details.year}::int)`,
      releaseDate: sql`coalesce(${movies.releaseDate}, ${details.releaseDate}::date)`,
      runtimeMinutes: sql`coalesce(${movies.runtimeMinutes}, ${details.runtimeMinutes}::int)`,
      overview: sql`case when ${movies.overview} = '' then ${details.overview} else ${movies.overview} end`,
      genres: sql`case when cardinality(${movies.genres}) = 0 then array(select jsonb_array_elements_text(${JSON.stringify(details.genres)}::jsonb)) else ${movies.genres} end`,
      updatedAt: now,
    })
    .where(eq(movies.id, movieId));
}

/** The movie's own average rating (0.5–5) and how many ratings it is from. */
export async function averageRatingOf(db: Db, movieId: string): Promise<{ average: number | null; count: number }> {
  const [row] = await db.select({ average: avg(ratings.rating).mapWith(Number), n: count() }).from(ratings).where(eq(ratings.movieId, movieId));
  const n = Number(row?.n ?? 0);
  return { average: n > 0 ? Number(row!.average) : null, count: n };
}

/**
 * Of these movies, those scored from their own ratings (no TMDB key, or no TMDB id), with the
 * status that says why and their average rating and count now.
 */
export async function ownRatingAverages(tx: Db, movieIds: string[]): Promise<{ movieId: string; status: OwnRatingsStatus; average: number | null; count: number }[]> {
  if (!movieIds.length) return [];
  const rows = await tx
    .select({ movieId: movieTrends.movieId, status: movieTrends.externalStatus, average: avg(ratings.rating).mapWith(Number), n: count(ratings.rating) })
    .from(movieTrends)
    .leftJoin(ratings, eq(ratings.movieId, movieTrends.movieId))
    .where(and(inArray(movieTrends.externalStatus, [...ownRatingsStatuses]), inArray(movieTrends.movieId, [...new Set(movieIds)])))
    .groupBy(movieTrends.movieId);
  return rows.map((r) => ({ movieId: r.movieId, status: r.status as OwnRatingsStatus, average: Number(r.n) > 0 ? Number(r.average) : null, count: Number(r.n) }));
}

/**
 * Stores the own-ratings stand-in for these movies, with the final score from it, in one
 * statement; only where the movie is still scored that way, for the same reason (a TMDB answer
 * or a new check meanwhile wins, and the message always matches the status).
 */
export async function saveOwnRatingScores(tx: Db, rows: { movieId: string; status: OwnRatingsStatus; voteAverage: number | null; message: string }[]) {
  if (!rows.length) return;
  const input = JSON.stringify(rows.map((r) => ({ movie_id: r.movieId, status: r.status, vote: r.voteAverage, message: r.message })));
  await tx.execute(sql`
    update movie_trends set
      external_vote_average = r.vote,
      external_message = r.message,
      final_score = case when r.vote is null then null else round((0.7 * r.vote + 0.3 * least(movie_trends.views / 100.0, 1) * 10)::numeric, 1) end,
      updated_at = now()
    from jsonb_to_recordset(${input}::jsonb) as r(movie_id text, status text, vote real, message text)
    where movie_trends.movie_id = r.movie_id and movie_trends.external_status = r.status`);
}

export async function registeredMovieIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: movieTrends.movieId }).from(movieTrends).where(isNotNull(movieTrends.registeredAt)).orderBy(asc(movieTrends.movieId));
  return rows.map((r) => r.id);
}

const trendStateColumns = {
  movieId: movieTrends.movieId,
  views: movieTrends.views,
  finalScore: movieTrends.finalScore,
  trendingScore: movieTrends.trendingScore,
  trendingAt: movieTrends.trendingAt,
};

/**
 * One view of a movie, counted atomically: total views, the trending score, the day's activity
 * and the final score change together or not at all.
 */
export async function addMovieView(db: Db, movieId: string, view: { trending: number; at: Date; day: string }, halfLifeHours: number) {
  return db.transaction(async (tx) => {
    await addTrendActivity(tx, [{ movieId, views: 1, trending: view.trending, at: view.at }], halfLifeHours);
    await addDailyActivity(tx, [{ movieId, day: view.day, views: 1, watches: 0, favorites: 0, ratings: 0 }]);
    const [state] = await tx.select(trendStateColumns).from(movieTrends).where(eq(movieTrends.movieId, movieId));
    return state!;
  });
}


export interface TrendListParams {
  sort: TrendSort;
  /** First day counted in viewsInWindow (YYYY-MM-DD). */
  windowStartDay: string;
  limit: number;
  offset: number;
  now: Date;
  halfLifeHours: number;
}

/**
 * Every tracked movie (registered, or with any activity), a page at a time. "Trending" sorts by
 * the stored score decayed to `now`, so old activity fades without anything being written.
 */
export async function listTrendRows(db: Db, params: TrendListParams) {
  const nowIso = params.now.toISOString();
  const halfLifeSeconds = params.halfLifeHours * 3600;
  const age = sql`greatest(0::float8, extract(epoch from (${nowIso}::timestamptz - coalesce(${movieTrends.trendingAt}, ${nowIso}::timestamptz)))::float8)`;
  const decayed = sql<number>`(${movieTrends.trendingScore}::float8 * ${decayFactor(age, halfLifeSeconds)})`;
  const orderFor: Record<TrendSort, SQL[]> = {
    // A registered movie still waiting for (or without) its score comes before the untracked ones activity alone put here.
    final: [sql`${movieTrends.finalScore} desc nulls last`, sql`${movieTrends.registeredAt} is null`, desc(decayed), desc(movieTrends.views)],
    trending: [desc(decayed), sql`${movieTrends.finalScore} desc nulls last`, desc(movieTrends.views)],
    views: [desc(movieTrends.views), desc(decayed), sql`${movieTrends.finalScore} desc nulls last`],
  };
  const viewsInWindow = sql<number>`coalesce((select sum(d.views) from movie_daily_activity d where d.movie_id = ${movieTrends.movieId} and d.day >= ${params.windowStartDay}::date), 0)`.mapWith(Number);
  const [items, [total]] = await Promise.all([
    db
      .select({
        movieId: movies.id,
        title: movies.title,
        year: movies.year,
        genres: movies.genres,
        tmdbId: movies.tmdbId,
        views: movieTrends.views,
        viewsInWindow,
        registeredAt: movieTrends.registeredAt,
        externalVoteAverage: movieTrends.externalVoteAverage,
        externalStatus: movieTrends.externalStatus,
        externalMessage: movieTrends.externalMessage,
        externalCheckedAt: movieTrends.externalCheckedAt,
        finalScore: movieTrends.finalScore,
        trendingScore: movieTrends.trendingScore,
        trendingAt: movieTrends.trendingAt,
      })
      .from(movieTrends)
      .innerJoin(movies, eq(movies.id, movieTrends.movieId))
      .orderBy(...orderFor[params.sort], asc(movies.title), asc(movies.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(movieTrends),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

/** Daily activity of these movies from `fromDay` to `toDay` (inclusive), oldest first. */
export async function dailyActivityOf(db: Db, movieIds: string[], fromDay: string, toDay: string) {
  if (!movieIds.length) return [];
  return db
    .select({
      movieId: movieDailyActivity.movieId,
      day: movieDailyActivity.day,
      views: movieDailyActivity.views,
      watches: movieDailyActivity.watches,
      favorites: movieDailyActivity.favorites,
      ratings: movieDailyActivity.ratings,
    })
    .from(movieDailyActivity)
    .where(and(inArray(movieDailyActivity.movieId, movieIds), gte(movieDailyActivity.day, fromDay), lte(movieDailyActivity.day, toDay)))
    .orderBy(asc(movieDailyActivity.day));
}
