import "server-only";
import type { Db } from "@/db/client";
import {
  deleteCatalogAndAudience, hasNoCatalog, insertMovieRows, insertRatingRows, insertTheaterRows, insertUserRows, lockDemoData,
} from "@/db/queries/demo-data";
import { insertEvents, type NewEvent } from "@/db/queries/events";
import { registerTrendMovie } from "@/db/queries/trends";
import { AppError } from "@/lib/errors/app-error";
import { processPendingEvents } from "@/lib/events/process-events";
import { writeShowtimeBatchNow } from "@/lib/showtimes/batch-service";
import { countSeats } from "@/lib/theaters/seat-map";
import { checkExternalScore } from "@/lib/trends/external-score";
import { DEFAULT_HALF_LIFE_HOURS } from "@/lib/trends/formulas";
import { tmdbClientFromEnv } from "@/lib/trends/jobs";
import type { TmdbClient } from "@/lib/trends/tmdb-client";
import { addViews } from "@/lib/trends/trend-service";
import { generateDemoData, type DemoData, type DemoDataOptions, type DemoEvent } from "./demo-data";

export interface DemoDataSummary {
  movies: number;
  theaters: number;
  seats: number;
  users: number;
  ratings: number;
  showtimes: number;
  /** Watches, searches and favorites of the last weeks. */
  events: number;
  trendViews: number;
  trendMovies: number;
}

export type DemoSeedPhase = "movies" | "theaters" | "users" | "ratings" | "showtimes" | "events" | "features" | "trends";

/** Rows written so far out of all rows (movies, seats, users, ratings, showtimes, events, views), and what is being written. */
export interface DemoSeedProgress {
  phase: DemoSeedPhase;
  done: number;
  total: number;
}

export interface SeedDemoDataOptions extends DemoDataOptions {
  onProgress?: (progress: DemoSeedProgress) => void;
  /** The trend half-life the app runs with (TREND_HALF_LIFE_HOURS), so "trending now" is as the worker would have made it. */
  halfLifeHours?: number;
  /**
   * The TMDB client the registered movies' external score is checked with; by default the one the
   * app's fetch job uses (tmdbClientFromEnv: null without TMDB_API_KEY). Demo movies have no TMDB
   * id, so no request is made either way.
   */
  tmdb?: TmdbClient | null;
}

export function summarizeDemoData(data: DemoData): DemoDataSummary {
  return {
    movies: data.movies.length,
    theaters: data.theaters.length,
    seats: data.theaters.reduce((sum, t) => sum + countSeats(t.seatMap), 0),
    users: data.users.length,
    ratings: data.ratings.length,
    showtimes: data.showtimes.reduce((sum, b) => sum + Object.values(b.startTimesByTheater).reduce((n, times) => n + times.length, 0), 0),
    events: data.events.length,
    trendViews: data.trendViews.length,
    trendMovies: data.trendMovies.length,
  };
}

/** The progress bar's total: every row the seeding writes (tickets aside). */
export function demoRowCount(summary: DemoDataSummary): number {
  return summary.movies + summary.seats + summary.users + summary.ratings + summary.showtimes + summary.events + summary.trendViews + summary.trendMovies;
}

// As many events a statement as the app's group commit sends at most.
const EVENT_CHUNK = 4_000;

function eventRow(e: DemoEvent): NewEvent {
  return { requestId: e.requestId, type: e.type, userId: e.userId, movieId: e.movieId, clientTimestamp: e.at.toISOString(), metadata: e.metadata };
}

/**
 * Everything through the paths the app itself takes, so features, trends and the first models
 * agree with what later events add: showtimes as batches, events stored as the API stores them
 * and applied by the event worker's own processing, views and registrations as the trend API
 * counts them, the external score checked as the fetch job checks it, with the app's TMDB client
 * (demo movies have no TMDB id, so it is their own ratings, labelled by why, and TMDB is never asked).
 */
async function writeDemoData(tx: Db, data: DemoData, options: SeedDemoDataOptions, total: number) {
  let done = 0;
  const advance = (phase: DemoSeedPhase) => (rows: number) => {
    done += rows;
    options.onProgress?.({ phase, done, total });
  };
  const now = options.now;
  const halfLifeHours = options.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS;
  const tmdb = options.tmdb === undefined ? tmdbClientFromEnv() : options.tmdb;
  await insertMovieRows(tx, data.movies, advance("movies"));
  await insertTheaterRows(tx, data.theaters, advance("theaters"));
  await insertUserRows(tx, data.users, advance("users"));
  await insertRatingRows(tx, data.ratings, advance("ratings"));

  for (const batch of data.showtimes) {
    const startTimesByTheater = Object.fromEntries(Object.entries(batch.startTimesByTheater).map(([id, times]) => [id, times.map((t) => t.toISOString())]));
    const input = { movieId: batch.movieId, theaterIds: Object.keys(startTimesByTheater), durationInMinutes: batch.durationMinutes, startTimesByTheater };
    const { showtimes } = await writeShowtimeBatchNow(tx, { input, requestedBy: null, now });
    advance("showtimes")(showtimes);
  }

  for (let i = 0; i < data.events.length; i += EVENT_CHUNK) {
    const chunk = data.events.slice(i, i + EVENT_CHUNK);
    await insertEvents(tx, chunk.map(eventRow));
    advance("events")(chunk.length);
  }
  await processPendingEvents(tx, { now: () => now, halfLifeHours });
  advance("features")(0);

  await addViews(tx, data.trendViews, { halfLifeHours });
  advance("trends")(data.trendViews.length);
  for (const movie of data.trendMovies) {
    await registerTrendMovie(tx, movie.movieId, movie.registeredAt);
    await checkExternalScore(tx, movie.movieId, { tmdb, now });
    advance("trends")(1);
  }
}

/**
 * Generates the demo data for `seed` and writes it in one transaction: after a failure nothing of
 * it is left. Ids of the demo rows must be free (see seedEmptyDatabase and replaceWithDemoData).
 */
export async function seedDemoData(db: Db, options: SeedDemoDataOptions): Promise<DemoDataSummary> {
  const data = generateDemoData(options);
  const summary = summarizeDemoData(data);
  await db.transaction(async (tx) => {
    await writeDemoData(tx, data, options, demoRowCount(summary));
  });
  return summary;
}

/** No movies and no theaters: demo data may fill it without hiding anyone's catalog. */
export function isDatabaseEmpty(db: Db): Promise<boolean> {
  return hasNoCatalog(db);
}

/**
 * Deletes the catalog (movies, theaters, seats, showtimes, tickets, showtime batches, trend rows) and
 * the audience (ratings, tags, events, features, users without an email who are not admins), in one transaction.
 * Admins, people's accounts and API tokens stay.
 */
export async function resetDemoData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteCatalogAndAudience(tx);
  });
}

/**
 * Seeds only a database without movies and theaters, checked under a lock in the same transaction,
 * so two instances starting at once cannot both fill it. Refuses with conflict:demo_data otherwise.
 */
export async function seedEmptyDatabase(db: Db, options: SeedDemoDataOptions): Promise<DemoDataSummary> {
  return db.transaction(async (tx) => {
    await lockDemoData(tx);
    if (!(await isDatabaseEmpty(tx))) {
      throw new AppError("conflict:demo_data", "The database already has movies or theaters; demo data only goes into an empty one.");
    }
    return seedDemoData(tx, options);
  });
}

/** Reset and seed as one transaction: if seeding fails, the old data is still there. */
export async function replaceWithDemoData(db: Db, options: SeedDemoDataOptions): Promise<DemoDataSummary> {
  return db.transaction(async (tx) => {
    await lockDemoData(tx);
    await resetDemoData(tx);
    return seedDemoData(tx, options);
  });
}
