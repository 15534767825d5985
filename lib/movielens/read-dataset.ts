import "server-only";
import { parseCsvLine } from "./csv";
import { MovielensFormatError } from "./errors";
import type { MovielensFormat } from "./formats";
import { detectFormatOf, recordChunks, splitOn, type FileLayout } from "./records";
import { genreColumns, mlLatestHeaders, parseGenreRow, parseItemRow, parseMovieRow, parseRatingRow, type MovieRecord } from "./parse";
import type { ParseResult } from "./result";

/**
 * A MovieLens directory read into memory for offline evaluation: the movies with their genres
 * and every rating as an interaction weighted like the app's (rating / 5). Reads both layouts the
 * importer reads, through the same line reader and row parsers; nothing is written anywhere.
 * Memory grows with the number of ratings (ids are shared strings), which suits ml-latest-small
 * to ml-latest; the importer is the tool for the largest sets.
 */
export interface MovielensDataset {
  format: MovielensFormat["kind"];
  movies: MovieRecord[];
  interactions: { userId: string; movieId: string; weight: number; ratedAt: Date }[];
}

export async function readMovielensDataset(dir: string): Promise<MovielensDataset> {

  const movies: MovieRecord[] = [];
  const movieIds = new Map<string, string>();
  const addMovie = (movie: MovieRecord, line: number, file: string) => {
    if (movieIds.has(movie.id)) throw new MovielensFormatError(file, line, `movie id "${movie.id}" appears twice`);
    movieIds.set(movie.id, movie.id);
    movies.push(movie);
  };
  const userIds = new Map<string, string>();
  const interactions: MovielensDataset["interactions"] = [];

  const layout = detectFormatOf(dir);
  let ratingsFile: string;
  let ratingsLayout: FileLayout;
  if (layout.kind === "ml-latest") {
    const csv = { encoding: "utf8" as const, split: parseCsvLine };
    await eachRecord(dir, layout.movies, { ...csv, header: mlLatestHeaders.movies }, parseMovieRow, (m, line) => addMovie(m, line, layout.movies));
    ratingsFile = layout.ratings;
    ratingsLayout = { ...csv, header: mlLatestHeaders.ratings };
  } else {
    const pipes = { encoding: "latin1" as const, split: splitOn("|") };
    const genres: { name: string; index: number }[] = [];
    await eachRecord(dir, layout.genres, pipes, parseGenreRow, (g) => genres.push(g));
    const columns = genreColumns(genres);
    if (!columns.ok) throw new MovielensFormatError(layout.genres, null, columns.reason);
    await eachRecord(dir, layout.movies, pipes, (fields) => parseItemRow(fields, columns.value), (m, line) => addMovie(m, line, layout.movies));
    ratingsFile = layout.ratings;
    ratingsLayout = { encoding: "latin1", split: splitOn("\t") };
  }

  await eachRecord(dir, ratingsFile, ratingsLayout, parseRatingRow, (rating, line) => {
    const movieId = movieIds.get(rating.movieId);
    if (movieId === undefined) throw new MovielensFormatError(ratingsFile, line, `movieId "${rating.movieId}" is not in the movie file`);
    let userId = userIds.get(rating.userId);
    if (userId === undefined) {
      userId = rating.userId;
      userIds.set(userId, userId);
    }
    interactions.push({ userId, movieId, weight: rating.rating / 5, ratedAt: rating.ratedAt });
  });
  return { format: layout.kind, movies, interactions };
}

/** Every record of one file through split → parse; the first bad line throws with its file and line. */
async function eachRecord<T>(dir: string, file: string, layout: FileLayout, parse: (fields: readonly string[]) => ParseResult<T>, onRecord: (record: T, line: number) => void) {
  for await (const chunk of recordChunks(dir, file, layout, parse)) {
    for (let i = 0; i < chunk.records.length; i++) onRecord(chunk.records[i]!, chunk.lines[i]!);
  }
}
