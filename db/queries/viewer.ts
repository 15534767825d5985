import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { events, movies, ratings, userFeatures } from "../schema";
import { appliedEvent } from "./events";

/**
 * What a signed-in viewer sees of their own activity on a movie page, as far as the event worker
 * has applied it: the current rating from `ratings`, favorites from the stored features, where
 * they stopped watching from their events.
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

/** Where the viewer stopped the last time they watched this movie (percent), from their latest applied watch of it. */
export async function findLastWatchProgress(db: Db, userId: string, movieId: string): Promise<number | null> {
  const [row] = await db
    .select({ progress: sql<number | string | null>`(${events.metadata} ->> 'progressPercent')::float8` })
    .from(events)
    .where(and(eq(events.userId, userId), eq(events.type, "watch"), eq(events.movieId, movieId), appliedEvent))
    .orderBy(desc(events.id))
    .limit(1);
  return row?.progress === null || row?.progress === undefined ? null : Number(row.progress);
}

/** Titles of these movies (ids that no longer exist are left out). */
export async function movieTitles(db: Db, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await db.select({ id: movies.id, title: movies.title }).from(movies).where(inArray(movies.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.title]));
}
