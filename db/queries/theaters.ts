import "server-only";
import { and, asc, count, eq, gte, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { seats, theaters } from "../schema";
import { countSeats, expandSeatMap, type SeatMap } from "@/lib/theaters/seat-map";
import { escapeLike } from "./users";

export const theaterSummaryColumns = {
  id: theaters.id,
  name: theaters.name,
  city: theaters.city,
  timeZone: theaters.timeZone,
  turnoverMinutes: theaters.turnoverMinutes,
  seatCount: theaters.seatCount,
  createdAt: theaters.createdAt,
  updatedAt: theaters.updatedAt,
};

export const theaterColumns = { ...theaterSummaryColumns, seatMap: theaters.seatMap };

export type TheaterInput = { name: string; city: string; timeZone: string; turnoverMinutes: number; seatMap: SeatMap };

export async function listTheaters(
  db: Db,
  params: { q?: string; city?: string; minSeats?: number; maxSeats?: number; limit: number; offset: number },
) {
  const conditions: SQL[] = [];
  if (params.q) {
    const pattern = `%${escapeLike(params.q)}%`;
    conditions.push(or(ilike(theaters.name, pattern), ilike(theaters.city, pattern))!);
  }
  if (params.city) conditions.push(eq(theaters.city, params.city));
  if (params.minSeats !== undefined) conditions.push(gte(theaters.seatCount, params.minSeats));
  if (params.maxSeats !== undefined) conditions.push(lte(theaters.seatCount, params.maxSeats));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db.select(theaterSummaryColumns).from(theaters).where(where).orderBy(asc(theaters.city), asc(theaters.name)).limit(params.limit).offset(params.offset),
    db.select({ n: count() }).from(theaters).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function listCities(db: Db) {
  return db.select({ city: theaters.city, theaters: count() }).from(theaters).groupBy(theaters.city).orderBy(asc(theaters.city));
}

export async function findTheater(db: Db, id: string) {
  const [theater] = await db.select(theaterColumns).from(theaters).where(eq(theaters.id, id)).limit(1);
  return theater ?? null;
}

async function replaceSeats(tx: Db, theaterId: string, seatMap: SeatMap) {
  await tx.delete(seats).where(eq(seats.theaterId, theaterId));
  const places = expandSeatMap(seatMap);
  // One multi-row insert per chunk keeps a 2,000-seat theater to a couple of statements.
  for (let i = 0; i < places.length; i += 1000) {
    await tx.insert(seats).values(places.slice(i, i + 1000).map((p) => ({ theaterId, ...p })));
  }
}

/** Creates the theater and its seats in one transaction; null when the id is taken. */
export async function insertTheater(db: Db, id: string, input: TheaterInput) {
  return db.transaction(async (tx) => {
    const [theater] = await tx
      .insert(theaters)
      .values({ id, ...input, seatCount: countSeats(input.seatMap) })
      .onConflictDoNothing({ target: theaters.id })
      .returning(theaterColumns);
    if (!theater) return null;
    await replaceSeats(tx, id, input.seatMap);
    return theater;
  });
}

export async function updateTheater(db: Db, id: string, input: Partial<TheaterInput>, now: Date) {
  return db.transaction(async (tx) => {
    const [theater] = await tx
      .update(theaters)
      .set({ ...input, ...(input.seatMap ? { seatCount: countSeats(input.seatMap) } : {}), updatedAt: now })
      .where(eq(theaters.id, id))
      .returning(theaterColumns);
    if (!theater) return null;
    if (input.seatMap) await replaceSeats(tx, id, input.seatMap);
    return theater;
  });
}

export async function deleteTheater(db: Db, id: string): Promise<boolean> {
  const deleted = await db.delete(theaters).where(eq(theaters.id, id)).returning({ id: theaters.id });
  return deleted.length > 0;
}

export async function countSeatsOf(db: Db, theaterId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(seats).where(eq(seats.theaterId, theaterId));
  return row?.n ?? 0;
}

/** Names, cities and zones of these theaters, in the order given (missing ones left out). */
/** What a showtime batch needs of its theaters: the turnover after each show, and the seats to ticket. */
export async function findTheaterCapacities(db: Db, ids: string[]) {
  return db.select({ id: theaters.id, turnoverMinutes: theaters.turnoverMinutes, seatCount: theaters.seatCount }).from(theaters).where(inArray(theaters.id, ids));
}

export async function findTheaterNames(db: Db, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db.select({ id: theaters.id, name: theaters.name, city: theaters.city, timeZone: theaters.timeZone }).from(theaters).where(inArray(theaters.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
