import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import * as importDb from "@/db/queries/movielens-import";
import { parseCsvLine } from "./csv";
import { MovielensFormatError } from "./errors";
import type { MovielensFormat } from "./formats";
import {
  genreColumns,
  mlLatestHeaders,
  parseGenreRow,
  parseItemRow,
  parseLinkRow,
  parseMovieRow,
  parseRatingRow,
  parseTagRow,
  parseUserRow,
  type LinkRecord,
  type MovieRecord,
  type RatingRecord,
  type TagRecord,
} from "./parse";
import { detectFormatOf, recordChunks, splitOn, type FileLayout } from "./records";
import { fail, type ParseResult } from "./result";

export interface Tally {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface MovielensImportSummary {
  format: MovielensFormat["kind"];
  movies: Tally;
  links: Tally;
  users: Tally;
  ratings: Tally;
  tags: Tally;
}

export interface ImportProgress {
  /** The file being read, and the records of it written so far. */
  file: string;
  records: number;
  /** Bytes read over all the files of the import, for a progress bar. */
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Rows per INSERT. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 5_000;

/**
 * Imports a MovieLens directory (ml-latest or ml-100k layout) in one transaction: a bad line
 * anywhere leaves the database as it was. Files are streamed and written in batches, so memory
 * depends on the number of movies and users, never on the number of ratings.
 */
export async function importMovielens(db: Db, dir: string, options: ImportOptions = {}): Promise<MovielensImportSummary> {
  const format = detectFormatOf(dir);
  const fileNames = format.kind === "ml-latest"
    ? [format.movies, format.links, format.ratings, format.tags]
    : [format.genres, format.movies, format.users, format.ratings];
  const sizes = new Map<string, number>();
  for (const name of fileNames) if (name) sizes.set(name, fs.statSync(path.join(dir, name)).size);

  let bytesBefore = 0;
  let bytesTotal = 0;
  for (const size of sizes.values()) bytesTotal += size;
  const context: ReadContext = {
    dir,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    progress(file, records, bytesRead, done) {
      options.onProgress?.({ file, records, bytesRead: bytesBefore + bytesRead, bytesTotal });
      if (done) bytesBefore += sizes.get(file) ?? 0;
    },
  };

  return db.transaction(async (tx) => {
    const run = new ImportRun(tx);
    if (format.kind === "ml-latest") await importLatest(run, context, format);
    else await import100k(run, context, format);
    return run.summary(format.kind);
  });
}


type Latest = Extract<MovielensFormat, { kind: "ml-latest" }>;
type Ml100k = Extract<MovielensFormat, { kind: "ml-100k" }>;

async function importLatest(run: ImportRun, context: ReadContext, format: Latest) {
  const csv = { encoding: "utf8" as const, split: parseCsvLine };

  const movieLines = new Map<string, number>();
  await readRecords(context, format.movies, { ...csv, header: mlLatestHeaders.movies }, firstOfItsId(movieLines, parseMovieRow), (rows) => run.writeMovies(rows));

  if (format.links) {
    const linkLines = new Map<string, number>();
    const parseLink = (fields: readonly string[], line: number) => {
      const link = parseLinkRow(fields);
      if (!link.ok) return link;
      const { movieId } = link.value;
      if (!movieLines.has(movieId)) return fail(`movieId "${movieId}" is not in ${format.movies}`);
      const first = linkLines.get(movieId);
      if (first !== undefined) return fail(`movieId "${movieId}" is already on line ${first}`);
      linkLines.set(movieId, line);
      return link;
    };
    await readRecords(context, format.links, { ...csv, header: mlLatestHeaders.links }, parseLink, (rows) => run.writeLinks(rows));
  }

  await readRecords(context, format.ratings, { ...csv, header: mlLatestHeaders.ratings }, knownMovie(movieLines, format.movies, parseRatingRow), (rows) => run.writeRatings(rows));

  if (format.tags) {
    await readRecords(context, format.tags, { ...csv, header: mlLatestHeaders.tags }, knownMovie(movieLines, format.movies, parseTagRow), (rows) => run.writeTags(rows));
  }
}

async function import100k(run: ImportRun, context: ReadContext, format: Ml100k) {
  const pipes = { encoding: "latin1" as const, split: splitOn("|") };

  const genres: { name: string; index: number }[] = [];
  await readRecords(context, format.genres, pipes, parseGenreRow, async (rows) => {
    genres.push(...rows);
  });
  const columns = genreColumns(genres);
  if (!columns.ok) throw new MovielensFormatError(format.genres, null, columns.reason);

  const movieLines = new Map<string, number>();
  const parseItem = (fields: readonly string[]) => parseItemRow(fields, columns.value);
  await readRecords(context, format.movies, pipes, firstOfItsId(movieLines, parseItem), (rows) => run.writeMovies(rows));

  if (format.users) {
    await readRecords(context, format.users, pipes, parseUserRow, (rows) => run.writeUsers(rows.map((u) => u.id)));
  }

  const tabs = { encoding: "latin1" as const, split: splitOn("\t") };
  await readRecords(context, format.ratings, tabs, knownMovie(movieLines, format.movies, parseRatingRow), (rows) => run.writeRatings(rows));
}

/** A movie id may appear once in the movie file; remembers the line of each for the messages. */
function firstOfItsId<T extends { id: string }>(movieLines: Map<string, number>, parse: (fields: readonly string[]) => ParseResult<T>) {
  return (fields: readonly string[], line: number): ParseResult<T> => {
    const movie = parse(fields);
    if (!movie.ok) return movie;
    const first = movieLines.get(movie.value.id);
    if (first !== undefined) return fail(`movie id "${movie.value.id}" is already on line ${first}`);
    movieLines.set(movie.value.id, line);
    return movie;
  };
}

/** A rating or tag must be about a movie of this import's movie file. */
function knownMovie<T extends { movieId: string }>(movieLines: Map<string, number>, moviesFile: string, parse: (fields: readonly string[]) => ParseResult<T>) {
  return (fields: readonly string[]): ParseResult<T> => {
    const record = parse(fields);
    if (record.ok && !movieLines.has(record.value.movieId)) return fail(`movieId "${record.value.movieId}" is not in ${moviesFile}`);
    return record;
  };
}

/** Counts what the batches wrote, and remembers the users it has seen so each is written once. */
class ImportRun {
  private readonly tallies = {
    movies: emptyTally(),
    links: emptyTally(),
    users: emptyTally(),
    ratings: emptyTally(),
    tags: emptyTally(),
  };
  private readonly seenUsers = new Set<string>();

  constructor(private readonly db: Db) {}

  async writeMovies(rows: MovieRecord[]) {
    add(this.tallies.movies, rows.length, await importDb.upsertMovielensMovies(this.db, rows));
  }

  async writeLinks(rows: LinkRecord[]) {
    add(this.tallies.links, rows.length, await importDb.applyMovielensLinks(this.db, rows));
  }

  async writeUsers(ids: string[]) {
    const fresh: string[] = [];
    for (const id of ids) {
      if (this.seenUsers.has(id)) continue;
      this.seenUsers.add(id);
      fresh.push(id);
    }
    const inserted = await importDb.insertMovielensUsers(this.db, fresh);
    add(this.tallies.users, fresh.length, { inserted, updated: 0 });
  }

  async writeRatings(rows: RatingRecord[]) {
    await this.writeUsers(rows.map((r) => r.userId));
    const latest = latestPerUserAndMovie(rows);
    add(this.tallies.ratings, rows.length, await importDb.upsertMovielensRatings(this.db, latest));
  }

  async writeTags(rows: TagRecord[]) {
    await this.writeUsers(rows.map((r) => r.userId));
    const inserted = await importDb.insertMovielensTags(this.db, rows);
    add(this.tallies.tags, rows.length, { inserted, updated: 0 });
  }

  summary(format: MovielensFormat["kind"]): MovielensImportSummary {
    return { format, ...this.tallies };
  }
}

function emptyTally(): Tally {
  return { inserted: 0, updated: 0, unchanged: 0 };
}

function add(tally: Tally, records: number, written: importDb.WriteCounts) {
  tally.inserted += written.inserted;
  tally.updated += written.updated;
  tally.unchanged += records - written.inserted - written.updated;
}

/**
 * MovieLens has one rating per user and movie, but should a file repeat one, the later rating
 * wins, as it would across batches; one INSERT … ON CONFLICT DO UPDATE cannot touch a row twice.
 */
function latestPerUserAndMovie(rows: RatingRecord[]): RatingRecord[] {
  const byKey = new Map<string, number>();
  const kept: RatingRecord[] = [];
  for (const row of rows) {
    const key = `${row.userId}\u0000${row.movieId}`;
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, kept.length);
      kept.push(row);
    } else if (row.ratedAt >= kept[at]!.ratedAt) {
      kept[at] = row;
    }
  }
  return kept;
}

interface ReadContext {
  dir: string;
  batchSize: number;
  progress(file: string, records: number, bytesRead: number, done: boolean): void;
}

/**
 * Streams one file through split → parse, handing full batches to write and awaiting each before
 * reading on. The first bad line throws with its file and line number.
 */
async function readRecords<T>(
  context: ReadContext,
  file: string,
  layout: FileLayout,
  parse: (fields: readonly string[], line: number) => ParseResult<T>,
  write: (rows: T[]) => Promise<void>,
): Promise<void> {
  let batch: T[] = [];
  let records = 0;
  let bytesRead = 0;
  for await (const chunk of recordChunks(context.dir, file, layout, parse)) {
    for (const record of chunk.records) {
      batch.push(record);
      if (batch.length >= context.batchSize) {
        await write(batch);
        records += batch.length;
        batch = [];
        context.progress(file, records, chunk.bytesRead, false);
      }
    }
    bytesRead = chunk.bytesRead;
  }
  if (batch.length) await write(batch);
  records += batch.length;
  context.progress(file, records, bytesRead, true);
}
