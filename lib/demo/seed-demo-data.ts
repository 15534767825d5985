import "server-only";
import type { Db } from "@/db/client";
import {
  deleteCatalogAndAudience, hasNoCatalog, insertMovieRows, insertRatingRows, insertTheaterRows, insertUserRows, lockDemoData,
} from "@/db/queries/demo-data";
import { AppError } from "@/lib/errors/app-error";
import { countSeats } from "@/lib/theaters/seat-map";
import { generateDemoData, type DemoData, type DemoDataOptions } from "./demo-data";

export interface DemoDataSummary {
  movies: number;
  theaters: number;
  seats: number;
  users: number;
  ratings: number;
}

export type DemoSeedPhase = "movies" | "theaters" | "users" | "ratings";

/** Rows written so far out of all rows (movies, seats, users, ratings), and what is being written. */
export interface DemoSeedProgress {
  phase: DemoSeedPhase;
  done: number;
  total: number;
}

export interface SeedDemoDataOptions extends DemoDataOptions {
  onProgress?: (progress: DemoSeedProgress) => void;
}

export function summarizeDemoData(data: DemoData): DemoDataSummary {
  return {
    movies: data.movies.length,
    theaters: data.theaters.length,
    seats: data.theaters.reduce((sum, t) => sum + countSeats(t.seatMap), 0),
    users: data.users.length,
    ratings: data.ratings.length,
  };
}

/** The progress bar's total: every row the seeding writes. */
export function demoRowCount(summary: DemoDataSummary): number {
  return summary.movies + summary.seats + summary.users + summary.ratings;
}

async function writeDemoData(tx: Db, data: DemoData, total: number, onProgress?: (p: DemoSeedProgress) => void) {
  let done = 0;
  const advance = (phase: DemoSeedPhase) => (rows: number) => {
    done += rows;
    onProgress?.({ phase, done, total });
  };
  await insertMovieRows(tx, data.movies, advance("movies"));
  await insertTheaterRows(tx, data.theaters, advance("theaters"));
  await insertUserRows(tx, data.users, advance("users"));
  await insertRatingRows(tx, data.ratings, advance("ratings"));
}

/**
 * Generates the demo data for `seed` and writes it in one transaction: after a failure nothing of
 * it is left. Ids of the demo rows must be free (see seedEmptyDatabase and replaceWithDemoData).
 */
export async function seedDemoData(db: Db, options: SeedDemoDataOptions): Promise<DemoDataSummary> {
  const data = generateDemoData(options);
  const summary = summarizeDemoData(data);
  await db.transaction(async (tx) => {
    await writeDemoData(tx, data, demoRowCount(summary), options.onProgress);
  });
  return summary;
}

/** No movies and no theaters: demo data may fill it without hiding anyone's catalog. */
export function isDatabaseEmpty(db: Db): Promise<boolean> {
  return hasNoCatalog(db);
}

/**
 * Deletes the catalog (movies, theaters, seats, showtimes, tickets, showtime batches) and the
 * audience (ratings, tags, users without an email who are not admins), in one transaction.
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
