import { sql } from "drizzle-orm";
import type { Db } from "../client";

export interface TrendDelta {
  movieId: string;
  views: number;
  /** The batch's "trending now" contribution, expressed at `at`. */
  trending: number;
  at: Date;
}

/**
 * Adds views and trending activity atomically, whatever else runs: the stored trending score is
 * decayed to the later of the two instants before the new contribution is added.
 */
export async function addTrendActivity(tx: Db, deltas: TrendDelta[], halfLifeHours: number) {
  if (!deltas.length) return;
  const input = JSON.stringify(deltas.map((d) => ({ movie_id: d.movieId, views: d.views, trending: d.trending, at: d.at.toISOString() })));
  const hl = halfLifeHours * 3600;
  await tx.execute(sql`
    insert into movie_trends (movie_id, views, trending_score, trending_at, updated_at)
    select movie_id, views, trending, at, now() from jsonb_to_recordset(${input}::jsonb) as r(movie_id text, views int, trending float8, at timestamptz)
    on conflict (movie_id) do update set
      views = movie_trends.views + excluded.views,
      trending_score =
        coalesce(movie_trends.trending_score * power(2, -extract(epoch from greatest(excluded.trending_at, movie_trends.trending_at) - movie_trends.trending_at) / ${hl}), 0)
        + excluded.trending_score * power(2, -extract(epoch from greatest(excluded.trending_at, coalesce(movie_trends.trending_at, excluded.trending_at)) - excluded.trending_at) / ${hl}),
      trending_at = greatest(excluded.trending_at, coalesce(movie_trends.trending_at, excluded.trending_at)),
      updated_at = now()`);
  await recomputeFinalScores(tx, deltas.map((d) => d.movieId));
}

/** Final score from the external vote average (or the fallback) and views, for these movies. */
export async function recomputeFinalScores(tx: Db, movieIds: string[]) {
  if (!movieIds.length) return;
  await tx.execute(sql`
    update movie_trends set final_score = round((0.7 * external_vote_average + 0.3 * least(views / 100.0, 1) * 10)::numeric, 1)
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
