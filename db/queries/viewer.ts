import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { movies, ratings, userFeatures } from "../schema";

/**
 * What a signed-in viewer sees of their own activity on a movie page. Both come from what the
 * event worker wrote: the current rating from `ratings`, favorites from the stored features.
 */
export async function findViewerRating(db: Db, userId: string, movieId: string): Promise<number | null> {
  const [row] = await db
    .select({ rating: ratings.rating })
    .from(ratings)
    .where(and(eq(ratings.userId, userId), eq(ratings.movieId, movieId)))
    .limit(1);
  return row?.rating ?? null;
}

export async function isViewerFavorite(db: Db, userId: string, movieId: string): Promise<boolean> {
  const [row] = await db
    .select({ favorite: sql<boolean>`coalesce(${userFeatures.features} -> 'favorites' @> jsonb_build_array(${movieId}::text), false)` })
    .from(userFeatures)
    .where(eq(userFeatures.userId, userId))
    .limit(1);
  return Boolean(row?.favorite);
}

/** Where the viewer stopped the last time they watched this movie (percent), from their watch history. */
export async function findLastWatchProgress(db: Db, userId: string, movieId: string): Promise<number | null> {
  const [row] = await db
    .select({
      progress: sql<number | string | null>`(jsonb_path_query_first(${userFeatures.features} -> 'watchHistory', '$[*] ? (@.movieId == $id)', jsonb_build_object('id', ${movieId}::text)) ->> 'progressPercent')::float8`,
    })
    .from(userFeatures)
    .where(eq(userFeatures.userId, userId))
    .limit(1);
  return row?.progress === null || row?.progress === undefined ? null : Number(row.progress);
}

/** Titles of these movies (ids that no longer exist are left out). */
export async function movieTitles(db: Db, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await db.select({ id: movies.id, title: movies.title }).from(movies).where(inArray(movies.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.title]));
}
