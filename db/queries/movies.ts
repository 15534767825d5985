import "server-only";
import { and, arrayContains, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { movies } from "../schema";
import { escapeLike } from "./users";
import type { MovieSort } from "@/lib/catalog/contract";

export const movieColumns = {
  id: movies.id,
  title: movies.title,
  year: movies.year,
  runtimeMinutes: movies.runtimeMinutes,
  genres: movies.genres,
  overview: movies.overview,
  releaseDate: movies.releaseDate,
  tmdbId: movies.tmdbId,
  imdbId: movies.imdbId,
  createdAt: movies.createdAt,
  updatedAt: movies.updatedAt,
};

export type MovieInput = {
  title: string;
  year?: number | null;
  runtimeMinutes?: number | null;
  genres?: string[];
  overview?: string;
  releaseDate?: string | null;
  tmdbId?: number | null;
  imdbId?: string | null;
};


const orderFor: Record<MovieSort, SQL[]> = {
  title: [asc(movies.title), asc(movies.id)],
  "-title": [desc(movies.title), asc(movies.id)],
  year: [sql`${movies.year} asc nulls last`, asc(movies.title)],
  "-year": [sql`${movies.year} desc nulls last`, asc(movies.title)],
  release: [sql`${movies.releaseDate} asc nulls last`, asc(movies.title)],
  "-release": [sql`${movies.releaseDate} desc nulls last`, sql`${movies.year} desc nulls last`, asc(movies.title)],
  "-created": [desc(movies.createdAt), asc(movies.id)],
};

export async function listMovies(db: Db, params: { q?: string; genre?: string; sort: MovieSort; limit: number; offset: number }) {
  const conditions: SQL[] = [];
  if (params.q) {
    const pattern = `%${escapeLike(params.q)}%`;
    conditions.push(or(ilike(movies.title, pattern), eq(movies.id, params.q))!);
  }
  if (params.genre) conditions.push(arrayContains(movies.genres, [params.genre]));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db.select(movieColumns).from(movies).where(where).orderBy(...orderFor[params.sort]).limit(params.limit).offset(params.offset),
    db.select({ n: count() }).from(movies).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findMovie(db: Db, id: string) {
  const [movie] = await db.select(movieColumns).from(movies).where(eq(movies.id, id)).limit(1);
  return movie ?? null;
}

/** Inserts the movie; returns null when the id is taken. */
export async function insertMovie(db: Db, id: string, input: MovieInput) {
  const [movie] = await db
    .insert(movies)
    .values({ id, ...input })
    .onConflictDoNothing({ target: movies.id })
    .returning(movieColumns);
  return movie ?? null;
}

export async function updateMovie(db: Db, id: string, input: Partial<MovieInput>, now: Date) {
  const [movie] = await db.update(movies).set({ ...input, updatedAt: now }).where(eq(movies.id, id)).returning(movieColumns);
  return movie ?? null;
}

export async function deleteMovie(db: Db, id: string): Promise<boolean> {
  const deleted = await db.delete(movies).where(eq(movies.id, id)).returning({ id: movies.id });
  return deleted.length > 0;
}

/** Every genre in the catalog with its movie count, most common first. */
export async function listGenres(db: Db) {
  const genre = sql<string>`unnest(${movies.genres})`.as("genre");
  const sub = db.select({ genre }).from(movies).as("g");
  return db
    .select({ genre: sub.genre, movies: count() })
    .from(sub)
    .groupBy(sub.genre)
    .orderBy(desc(count()), asc(sub.genre));
}
