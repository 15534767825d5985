import "server-only";
import { sql } from "drizzle-orm";
import type { LinkRecord, MovieRecord, RatingRecord, TagRecord } from "@/lib/movielens/parse";
import { rowsOf, type Db } from "../client";
import { movies, ratings, tags, users } from "../schema";

/**
 * Batch writes of the MovieLens import. Each is idempotent: a row already stored with the same
 * values is left alone (not even its updated_at moves), so a re-run writes nothing. Each returns how
 * many rows it inserted and how many it changed; the rest of the batch was already there.
 */
export interface WriteCounts {
  inserted: number;
  updated: number;
}

// A row version the upsert inserted has xmax 0; one it updated carries the xid of the lock it took.
const wasInserted = sql<boolean>`(xmax = 0)`;

function countReturned(rows: readonly { inserted: boolean }[]): WriteCounts {
  let inserted = 0;
  for (const row of rows) if (row.inserted) inserted += 1;
  return { inserted, updated: rows.length - inserted };
}

/** Inserts or corrects movies; fields MovieLens does not carry (overview, runtime, links) stay as they are. */
export async function upsertMovielensMovies(db: Db, rows: MovieRecord[]): Promise<WriteCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const written = await db
    .insert(movies)
    .values(rows.map((r) => ({ id: r.id, title: r.title, year: r.year, genres: r.genres, releaseDate: r.releaseDate })))
    .onConflictDoUpdate({
      target: movies.id,
      set: {
        title: sql`excluded.title`,
        year: sql`excluded.year`,
        genres: sql`excluded.genres`,
        // ml-latest has no release dates: do not erase one set by other means.
        releaseDate: sql`coalesce(excluded.release_date, ${movies.releaseDate})`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${movies.title}, ${movies.year}, ${movies.genres}, ${movies.releaseDate})
        is distinct from (excluded.title, excluded.year, excluded.genres, coalesce(excluded.release_date, ${movies.releaseDate}))`,
    })
    .returning({ inserted: wasInserted });
  return countReturned(written);
}

/**
 * Sets the IMDb and TMDB ids of movies that exist. A movie that had neither counts as inserted,
 * one whose ids differed as updated.
 */
export async function applyMovielensLinks(db: Db, rows: LinkRecord[]): Promise<WriteCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  // One JSON parameter instead of three per row: a values list would need a cast on every one.
  const batch = JSON.stringify(rows.map((r) => ({ id: r.movieId, imdb_id: r.imdbId, tmdb_id: r.tmdbId })));
  // Joining movies to itself as "prior" gives RETURNING the values from before the update.
  const result = await db.execute(sql`
    update movies set imdb_id = v.imdb_id, tmdb_id = v.tmdb_id, updated_at = now()
    from jsonb_to_recordset(${batch}::jsonb) as v(id text, imdb_id text, tmdb_id integer), movies as prior
    where movies.id = v.id and prior.id = v.id
      and (movies.imdb_id, movies.tmdb_id) is distinct from (v.imdb_id, v.tmdb_id)
    returning (prior.imdb_id is null and prior.tmdb_id is null) as inserted`);
  return countReturned(rowsOf<{ inserted: boolean }>(result));
}

/** Creates the users MovieLens refers to, as viewers without an email; existing users are left alone. */
export async function insertMovielensUsers(db: Db, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const inserted = await db
    .insert(users)
    .values(ids.map((id) => ({ id, role: "viewer" as const, displayName: `MovieLens user ${id}` })))
    .onConflictDoNothing({ target: users.id })
    .returning({ id: users.id });
  return inserted.length;
}

/**
 * Inserts ratings, or replaces a stored rating of the same user and movie when this one is at
 * least as recent: a rating given later in the app is not overwritten by older history.
 * The batch must not hold the same (user, movie) twice.
 */
export async function upsertMovielensRatings(db: Db, rows: RatingRecord[]): Promise<WriteCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  // The hot path of the import (25 million rows for ml-25m). One array parameter per column and a
  // count instead of a row back per rating ran 2.5× faster on PGlite than a 4-parameters-per-row
  // VALUES list with RETURNING.
  const result = await db.execute(sql`
    with written as (
      insert into ${ratings} (user_id, movie_id, rating, rated_at)
      select * from unnest(
        ${arrayLiteral(rows.map((r) => r.userId))}::text[],
        ${arrayLiteral(rows.map((r) => r.movieId))}::text[],
        ${arrayLiteral(rows.map((r) => r.rating))}::real[],
        ${arrayLiteral(rows.map((r) => r.ratedAt.toISOString()))}::timestamptz[])
      on conflict (user_id, movie_id) do update set rating = excluded.rating, rated_at = excluded.rated_at
        where excluded.rated_at >= ${ratings.ratedAt}
          and (${ratings.rating}, ${ratings.ratedAt}) is distinct from (excluded.rating, excluded.rated_at)
      returning ${wasInserted} as inserted)
    select count(*) filter (where inserted)::int as inserted, count(*)::int as written from written`);
  const [counts] = rowsOf<{ inserted: number; written: number }>(result);
  return { inserted: counts?.inserted ?? 0, updated: (counts?.written ?? 0) - (counts?.inserted ?? 0) };
}

/** A Postgres array literal ('{"a","b"}'), so a whole column travels as one text parameter. */
function arrayLiteral(values: readonly (string | number)[]): string {
  const items = values.map((v) => (typeof v === "number" ? String(v) : `"${v.replace(/["\\]/g, "\\$&")}"`));
  return `{${items.join(",")}}`;
}

/** Inserts tags; a (user, movie, tag) already stored keeps its time. Returns how many were new. */
export async function insertMovielensTags(db: Db, rows: TagRecord[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(tags)
    .values(rows)
    .onConflictDoNothing({ target: [tags.userId, tags.movieId, tags.tag] })
    .returning({ tag: tags.tag });
  return inserted.length;
}
