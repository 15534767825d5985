import "server-only";
import type { Db } from "@/db/client";
import { findMovie } from "@/db/queries/movies";
import { findUpcomingShowtimesOfMovie } from "@/db/queries/showtimes";
import { findLastWatchProgress, findViewerRating, isViewerFavorite } from "@/db/queries/viewer";
import { ID_PATTERN } from "@/lib/ids/ids";
import { groupShowtimesByPlace, type CityShowtimes } from "./showtimes-by-place";

/** What the movie page reads on the server: the movie, what the viewer did with it, where it plays. */

/** The movie for a path segment as the router gives it (still URL-encoded); null for a bad or unknown id. */
export async function findMovieForPage(db: Db, segment: string) {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return ID_PATTERN.test(id) ? findMovie(db, id) : null;
}

/** The viewer's rating, favorite and where they stopped watching, as the event worker has applied them. */
export async function viewerStateOnMovie(db: Db, userId: string, movieId: string) {
  const [rating, favorite, lastProgress] = await Promise.all([findViewerRating(db, userId, movieId), isViewerFavorite(db, userId, movieId), findLastWatchProgress(db, userId, movieId)]);
  return { rating, favorite, lastProgress };
}

/** The page lists this many upcoming showtimes at most, and says when there are more. */
export const SHOWTIMES_ON_MOVIE_PAGE = 120;

export async function upcomingShowtimesByPlace(db: Db, movieId: string, now: Date): Promise<{ cities: CityShowtimes[]; truncated: boolean }> {
  const { items, truncated } = await findUpcomingShowtimesOfMovie(db, { movieId, from: now, limit: SHOWTIMES_ON_MOVIE_PAGE });
  return { cities: groupShowtimesByPlace(items), truncated };
}
