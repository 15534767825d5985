import "server-only";
import type { Db } from "@/db/client";
import { listGenres, listMovies } from "@/db/queries/movies";

/** The catalog as viewers browse it: newest releases first, by title words and genre. */
export function browseMovies(db: Db, params: { q?: string; genre?: string; limit: number; offset: number }) {
  return listMovies(db, { ...params, sort: "-release" });
}

/** Every genre in the catalog with how many movies have it. */
export function catalogGenres(db: Db) {
  return listGenres(db);
}
