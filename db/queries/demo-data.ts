import "server-only";
import { and, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { events, movies, ratings, showtimeBatches, showtimes, tags, theaters, tickets, userFeatures, users } from "../schema";
import { insertTheater, type TheaterInput } from "./theaters";

export type MovieRow = Omit<typeof movies.$inferInsert, "createdAt" | "updatedAt">;
export type UserRow = Pick<typeof users.$inferInsert, "id" | "displayName" | "role" | "createdAt">;
export type RatingRow = typeof ratings.$inferInsert;
export type TheaterRow = TheaterInput & { id: string };

/** Called after each chunk with the number of rows it wrote. */
export type OnRows = (rows: number) => void;

// Multi-row INSERTs: a few thousand rows a statement keeps the round trips few and stays well
// under Postgres's 65,535 bind parameters (ratings: 4 per row, movies: 7).
const RATING_CHUNK = 5_000;
const ROW_CHUNK = 1_000;

// Any constant will do; only demo seeding takes it, so two first starts cannot both fill the database.
const DEMO_DATA_LOCK = 72_010_444;

async function insertInChunks<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>, onRows?: OnRows) {
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await write(chunk);
    onRows?.(chunk.length);
  }
}

export async function insertMovieRows(db: Db, rows: readonly MovieRow[], onRows?: OnRows) {
  await insertInChunks(rows, ROW_CHUNK, (chunk) => db.insert(movies).values(chunk), onRows);
}

export async function insertUserRows(db: Db, rows: readonly UserRow[], onRows?: OnRows) {
  await insertInChunks(rows, ROW_CHUNK, (chunk) => db.insert(users).values(chunk), onRows);
}

export async function insertRatingRows(db: Db, rows: readonly RatingRow[], onRows?: OnRows) {
  await insertInChunks(rows, RATING_CHUNK, (chunk) => db.insert(ratings).values(chunk), onRows);
}

/** Each theater through insertTheater, which writes its seats; throws when an id is already taken. */
export async function insertTheaterRows(db: Db, rows: readonly TheaterRow[], onTheater?: (seatCount: number) => void) {
  for (const { id, ...input } of rows) {
    const theater = await insertTheater(db, id, input);
    if (!theater) throw new Error(`Theater ${id} already exists`);
    onTheater?.(theater.seatCount);
  }
}

/** True when there is neither a movie nor a theater: nothing anyone would miss if demo data filled it. */
export async function hasNoCatalog(db: Db): Promise<boolean> {
  const [movie] = await db.select({ id: movies.id }).from(movies).limit(1);
  if (movie) return false;
  const [theater] = await db.select({ id: theaters.id }).from(theaters).limit(1);
  return !theater;
}

/** Holds until the surrounding transaction ends; call it inside one. */
export async function lockDemoData(db: Db) {
  await db.execute(sql`select pg_advisory_xact_lock(${DEMO_DATA_LOCK})`);
}

/**
 * Deletes the catalog and the audience: showtimes with their tickets and batches (they hold on to
 * movies and theaters), ratings, tags, the event log and the features folded from it (they are
 * about these movies), movies, theaters (seats, trend rows and daily activity go with them) and
 * users who are neither admins nor signed up with an email. Admins, accounts and API tokens stay.
 */
export async function deleteCatalogAndAudience(db: Db) {
  await db.delete(events);
  await db.delete(userFeatures);
  await db.delete(tickets);
  await db.delete(showtimes);
  await db.delete(showtimeBatches);
  await db.delete(ratings);
  await db.delete(tags);
  await db.delete(movies);
  await db.delete(theaters);
  await db.delete(users).where(and(ne(users.role, "admin"), isNull(users.email)));
}
