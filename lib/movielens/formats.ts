import { fail, ok, type ParseResult } from "./result";

/**
 * The two MovieLens layouts we read. "ml-latest" covers ml-latest-small, ml-latest, ml-20m and
 * ml-25m (CSV with headers, UTF-8); "ml-100k" is the 1998 release (u.item, u.data, …; Latin-1).
 */
export type MovielensFormat =
  | { kind: "ml-latest"; movies: "movies.csv"; ratings: "ratings.csv"; links: "links.csv" | null; tags: "tags.csv" | null }
  | { kind: "ml-100k"; genres: "u.genre"; movies: "u.item"; ratings: "u.data"; users: "u.user" | null };

export function detectFormat(fileNames: readonly string[]): ParseResult<MovielensFormat> {
  const has = new Set(fileNames);
  if (has.has("movies.csv") || has.has("ratings.csv")) {
    const missing = ["movies.csv", "ratings.csv"].filter((f) => !has.has(f));
    if (missing.length) return fail(`looks like ml-latest but ${missing.join(" and ")} is missing`);
    return ok({
      kind: "ml-latest",
      movies: "movies.csv",
      ratings: "ratings.csv",
      links: has.has("links.csv") ? "links.csv" : null,
      tags: has.has("tags.csv") ? "tags.csv" : null,
    });
  }
  if (has.has("u.item") || has.has("u.data")) {
    const missing = ["u.item", "u.data", "u.genre"].filter((f) => !has.has(f));
    if (missing.length) return fail(`looks like ml-100k but ${missing.join(" and ")} is missing`);
    return ok({ kind: "ml-100k", genres: "u.genre", movies: "u.item", ratings: "u.data", users: has.has("u.user") ? "u.user" : null });
  }
  if (has.has("movies.dat") || has.has("ratings.dat")) {
    return fail("this is the ml-1m/ml-10m layout (movies.dat, ratings.dat), which is not supported; use ml-latest or ml-100k");
  }
  return fail("no MovieLens files found (expected movies.csv and ratings.csv, or u.item, u.data and u.genre)");
}
