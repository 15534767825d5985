import "server-only";
import { and, asc, count, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "../client";
import type { BatchStatus, ConflictingShowtime } from "@/lib/showtimes/contract";
import { movies, showtimeBatchEvents, showtimeBatches, showtimes, theaters, users, type BatchRequest } from "../schema";
import { envelopesOf, matchConflicts } from "@/lib/showtimes/conflicts";
import { escapeLike } from "./users";

interface SlotRow {
  theaterId: string;
  startsAt: Date;
  endsAt: Date;
  availableAt: Date;
}

// Slots travel as one JSON parameter: the same on PGlite and postgres.js, and no limit on count.
function slotsJson(slots: SlotRow[]) {
  return JSON.stringify(slots.map((s) => ({ theater_id: s.theaterId, starts_at: s.startsAt.toISOString(), ends_at: s.endsAt.toISOString(), available_at: s.availableAt.toISOString() })));
}

export interface ExistingShowtime {
  id: string;
  movieId: string;
  movieTitle: string;
  theaterId: string;
  theaterName: string;
  startsAt: Date;
  endsAt: Date;
  availableAt: Date;
}

/**
 * Existing showtimes whose busy interval meets any of the slots. Candidates are read per
 * envelope (a few wide intervals per theater, one GiST probe each) and matched exactly here:
 * for a batch that fits, that is ~200 index probes and no rows, instead of 11,200 probes.
 */
export async function findShowtimesBusyDuring(db: Db, slots: SlotRow[]): Promise<ExistingShowtime[]> {
  if (!slots.length) return [];
  const envelopes = JSON.stringify(envelopesOf(slots).map((e) => ({ theater_id: e.theaterId, lo: e.from.toISOString(), hi: e.to.toISOString() })));
  const rows = rowsOf<{ id: string | number; movie_id: string; movie_title: string; theater_id: string; theater_name: string; starts_at: string | Date; ends_at: string | Date; available_at: string | Date }>(
    await db.execute(sql`
      select distinct s.id, s.movie_id, m.title as movie_title, s.theater_id, t.name as theater_name, s.starts_at, s.ends_at, s.available_at
      from jsonb_to_recordset(${envelopes}::jsonb) as e(theater_id text, lo timestamptz, hi timestamptz)
      join showtimes s on s.theater_id = e.theater_id
        and tstzrange(s.starts_at, s.available_at, '[)') && tstzrange(e.lo, e.hi, '[)')
      join movies m on m.id = s.movie_id
      join theaters t on t.id = s.theater_id
      order by s.theater_id, s.starts_at`),
  );
  const candidates = rows.map((r) => ({
    id: String(r.id),
    movieId: r.movie_id,
    movieTitle: r.movie_title,
    theaterId: r.theater_id,
    theaterName: r.theater_name,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    availableAt: new Date(r.available_at),
  }));
  return matchConflicts(slots, candidates).map((m) => m.showtime);
}

/** Inserts the slots as showtimes of the batch; returns how many were written. */
export async function insertShowtimes(db: Db, batchId: string, movieId: string, slots: SlotRow[]): Promise<number> {
  const rows = rowsOf<{ n: number | string }>(
    await db.execute(sql`
      with inserted as (
        insert into showtimes (theater_id, movie_id, batch_id, starts_at, ends_at, available_at)
        select r.theater_id, ${movieId}, ${batchId}::uuid, r.starts_at, r.ends_at, r.available_at
        from jsonb_to_recordset(${slotsJson(slots)}::jsonb) as r(theater_id text, starts_at timestamptz, ends_at timestamptz, available_at timestamptz)
        returning 1)
      select count(*)::int as n from inserted`),
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * One ticket per seat for every showtime of the batch in these theaters: a single set-based
 * INSERT … SELECT, never a statement per ticket.
 */
export async function insertTicketsForBatch(db: Db, batchId: string, theaterIds: string[]): Promise<number> {
  const rows = rowsOf<{ n: number | string }>(
    await db.execute(sql`
      with inserted as (
        insert into tickets (showtime_id, seat_id, status)
        select s.id, seat.id, 'available'
        from showtimes s
        join seats seat on seat.theater_id = s.theater_id
        where s.batch_id = ${batchId}::uuid and s.theater_id in (select jsonb_array_elements_text(${JSON.stringify(theaterIds)}::jsonb))
        returning 1)
      select count(*)::int as n from inserted`),
  );
  return Number(rows[0]?.n ?? 0);
}

export const batchColumns = {
  id: showtimeBatches.id,
  status: showtimeBatches.status,
  phase: showtimeBatches.phase,
  movieId: showtimeBatches.movieId,
  request: showtimeBatches.request,
  requestHash: showtimeBatches.requestHash,
  requestedBy: showtimeBatches.requestedBy,
  totalShowtimes: showtimeBatches.totalShowtimes,
  totalTickets: showtimeBatches.totalTickets,
  createdShowtimes: showtimeBatches.createdShowtimes,
  createdTickets: showtimeBatches.createdTickets,
  conflicts: showtimeBatches.conflicts,
  errorMessage: showtimeBatches.errorMessage,
  createdAt: showtimeBatches.createdAt,
  startedAt: showtimeBatches.startedAt,
  finishedAt: showtimeBatches.finishedAt,
  heartbeatAt: showtimeBatches.heartbeatAt,
};


/** Creates the batch and its first event ("waiting") together. */
export async function insertBatch(
  db: Db,
  input: { movieId: string; request: BatchRequest; idempotencyKey: string | null; requestHash: string; requestedBy: string | null; totalShowtimes: number; totalTickets: number },
  firstEvent: (batchId: string) => Record<string, unknown>,
) {
  return db.transaction(async (tx) => {
    const [batch] = await tx.insert(showtimeBatches).values(input).onConflictDoNothing({ target: showtimeBatches.idempotencyKey }).returning(batchColumns);
    if (!batch) return null;
    await tx.insert(showtimeBatchEvents).values({ batchId: batch.id, seq: 1, data: firstEvent(batch.id) });
    return batch;
  });
}

export async function findBatch(db: Db, id: string) {
  const [batch] = await db
    .select({ ...batchColumns, movieTitle: movies.title, requestedByName: users.displayName, requestedByEmail: users.email })
    .from(showtimeBatches)
    .leftJoin(movies, eq(movies.id, showtimeBatches.movieId))
    .leftJoin(users, eq(users.id, showtimeBatches.requestedBy))
    .where(eq(showtimeBatches.id, id))
    .limit(1);
  return batch ?? null;
}

export async function findBatchByIdempotencyKey(db: Db, key: string) {
  const [batch] = await db.select({ id: showtimeBatches.id, requestHash: showtimeBatches.requestHash }).from(showtimeBatches).where(eq(showtimeBatches.idempotencyKey, key)).limit(1);
  return batch ?? null;
}

export async function listBatches(db: Db, params: { status?: BatchStatus; limit: number; offset: number }) {
  const where = params.status ? eq(showtimeBatches.status, params.status) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: showtimeBatches.id,
        status: showtimeBatches.status,
        phase: showtimeBatches.phase,
        movieId: showtimeBatches.movieId,
        movieTitle: movies.title,
        theaterCount: sql<number>`jsonb_array_length(${showtimeBatches.request}->'theaterIds')`,
        totalShowtimes: showtimeBatches.totalShowtimes,
        totalTickets: showtimeBatches.totalTickets,
        createdShowtimes: showtimeBatches.createdShowtimes,
        createdTickets: showtimeBatches.createdTickets,
        conflictCount: sql<number>`coalesce(jsonb_array_length(${showtimeBatches.conflicts}), 0)`,
        errorMessage: showtimeBatches.errorMessage,
        requestedByName: users.displayName,
        requestedByEmail: users.email,
        createdAt: showtimeBatches.createdAt,
        finishedAt: showtimeBatches.finishedAt,
      })
      .from(showtimeBatches)
      .leftJoin(movies, eq(movies.id, showtimeBatches.movieId))
      .leftJoin(users, eq(users.id, showtimeBatches.requestedBy))
      .where(where)
      .orderBy(desc(showtimeBatches.createdAt))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(showtimeBatches).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function updateBatch(
  db: Db,
  id: string,
  patch: Partial<{ status: BatchStatus; phase: (typeof showtimeBatches.$inferInsert)["phase"]; createdShowtimes: number; createdTickets: number; conflicts: ConflictingShowtime[]; errorMessage: string; startedAt: Date; finishedAt: Date; heartbeatAt: Date }>,
) {
  await db.update(showtimeBatches).set(patch).where(eq(showtimeBatches.id, id));
}

export async function touchBatchHeartbeat(db: Db, id: string, at: Date) {
  await db.update(showtimeBatches).set({ heartbeatAt: at }).where(and(eq(showtimeBatches.id, id), eq(showtimeBatches.status, "processing")));
}

/** Batches a worker started and nobody is finishing: heartbeat older than the cutoff (or none). */
export async function findStalledBatches(db: Db, heartbeatBefore: Date) {
  return db
    .select({ id: showtimeBatches.id })
    .from(showtimeBatches)
    .where(and(eq(showtimeBatches.status, "processing"), sql`coalesce(${showtimeBatches.heartbeatAt}, ${showtimeBatches.startedAt}, ${showtimeBatches.createdAt}) < ${heartbeatBefore.toISOString()}::timestamptz`));
}

export async function findWaitingBatchesCreatedBefore(db: Db, before: Date) {
  return db.select({ id: showtimeBatches.id }).from(showtimeBatches).where(and(eq(showtimeBatches.status, "waiting"), lt(showtimeBatches.createdAt, before)));
}

export async function insertBatchEvents(db: Db, events: { batchId: string; seq: number; data: Record<string, unknown> }[]) {
  if (events.length) await db.insert(showtimeBatchEvents).values(events).onConflictDoNothing();
}

export async function batchProgressAfter(db: Db, batchId: string, afterSeq: number) {
  return db
    .select({ seq: showtimeBatchEvents.seq, data: showtimeBatchEvents.data })
    .from(showtimeBatchEvents)
    .where(and(eq(showtimeBatchEvents.batchId, batchId), gt(showtimeBatchEvents.seq, afterSeq)))
    .orderBy(asc(showtimeBatchEvents.seq));
}

/** The batch's latest progress event, or null before its first. */
export async function lastBatchEvent(db: Db, batchId: string) {
  const [row] = await db
    .select({ seq: showtimeBatchEvents.seq, data: showtimeBatchEvents.data })
    .from(showtimeBatchEvents)
    .where(eq(showtimeBatchEvents.batchId, batchId))
    .orderBy(desc(showtimeBatchEvents.seq))
    .limit(1);
  return row ?? null;
}

export async function lastBatchEventSeq(db: Db, batchId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${showtimeBatchEvents.seq}), 0)::int` }).from(showtimeBatchEvents).where(eq(showtimeBatchEvents.batchId, batchId));
  return Number(row?.n ?? 0);
}

/** Showtimes in these theaters that have not ended, oldest first, with the movie's title. */
export async function findUpcomingShowtimes(db: Db, params: { theaterIds: string[]; from: Date; to?: Date; limit: number }) {
  const conditions = [inArray(showtimes.theaterId, params.theaterIds), gt(showtimes.endsAt, params.from)];
  if (params.to) conditions.push(lt(showtimes.startsAt, params.to));
  const rows = await db
    .select({
      id: showtimes.id,
      theaterId: showtimes.theaterId,
      theaterName: theaters.name,
      movieId: showtimes.movieId,
      movieTitle: movies.title,
      startTime: showtimes.startsAt,
      endTime: showtimes.endsAt,
      availableAt: showtimes.availableAt,
    })
    .from(showtimes)
    .innerJoin(theaters, eq(theaters.id, showtimes.theaterId))
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .where(and(...conditions))
    .orderBy(asc(showtimes.startsAt), asc(showtimes.theaterId))
    .limit(params.limit + 1);
  return { items: rows.slice(0, params.limit).map((r) => ({ ...r, id: String(r.id) })), truncated: rows.length > params.limit };
}

/** A movie's showtimes that have not started yet, soonest first, with where they play. */
export async function findUpcomingShowtimesOfMovie(db: Db, params: { movieId: string; from: Date; limit: number }) {
  const rows = await db
    .select({
      id: showtimes.id,
      theaterId: showtimes.theaterId,
      theaterName: theaters.name,
      city: theaters.city,
      timeZone: theaters.timeZone,
      startsAt: showtimes.startsAt,
      endsAt: showtimes.endsAt,
    })
    .from(showtimes)
    .innerJoin(theaters, eq(theaters.id, showtimes.theaterId))
    .where(and(eq(showtimes.movieId, params.movieId), gt(showtimes.startsAt, params.from)))
    .orderBy(asc(showtimes.startsAt), asc(showtimes.theaterId))
    .limit(params.limit + 1);
  return { items: rows.slice(0, params.limit).map((r) => ({ ...r, id: String(r.id) })), truncated: rows.length > params.limit };
}

/** Movies for the wizard, newest release first, each with a summary of its upcoming showtimes. */
export async function listMoviesWithShowtimeSummary(db: Db, params: { q?: string; now: Date; limit: number; offset: number }) {
  const where = params.q ? sql`${movies.title} ilike ${`%${escapeLike(params.q)}%`}` : undefined;
  const page = await db
    .select({ id: movies.id, title: movies.title, year: movies.year, runtimeMinutes: movies.runtimeMinutes, genres: movies.genres, releaseDate: movies.releaseDate })
    .from(movies)
    .where(where)
    .orderBy(sql`${movies.releaseDate} desc nulls last`, sql`${movies.year} desc nulls last`, asc(movies.title))
    .limit(params.limit)
    .offset(params.offset);
  const [total] = await db.select({ n: count() }).from(movies).where(where);
  const ids = page.map((m) => m.id);
  const summaries = ids.length
    ? await db
        .select({
          movieId: showtimes.movieId,
          upcoming: sql<number>`count(*)::int`,
          firstStart: sql<Date>`min(${showtimes.startsAt})`,
          lastStart: sql<Date>`max(${showtimes.startsAt})`,
          theaters: sql<number>`count(distinct ${showtimes.theaterId})::int`,
        })
        .from(showtimes)
        .where(and(inArray(showtimes.movieId, ids), gt(showtimes.endsAt, params.now)))
        .groupBy(showtimes.movieId)
    : [];
  const byMovie = new Map(summaries.map((s) => [s.movieId, s]));
  const items = page.map((m) => {
    const s = byMovie.get(m.id);
    return {
      ...m,
      showtimes: {
        upcoming: Number(s?.upcoming ?? 0),
        firstStart: s ? new Date(s.firstStart).toISOString() : null,
        lastStart: s ? new Date(s.lastStart).toISOString() : null,
        theaters: Number(s?.theaters ?? 0),
      },
    };
  });
  return { items, total: total?.n ?? 0 };
}

export async function countUpcomingShowtimesIn(db: Db, theaterId: string, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(showtimes).where(and(eq(showtimes.theaterId, theaterId), gt(showtimes.endsAt, now)));
  return row?.n ?? 0;
}

/** Moves a waiting batch to processing; only one worker can win it. */
export async function claimWaitingBatch(db: Db, id: string, now: Date): Promise<boolean> {
  const claimed = await db
    .update(showtimeBatches)
    .set({ status: "processing", phase: "validating", startedAt: now, heartbeatAt: now })
    .where(and(eq(showtimeBatches.id, id), eq(showtimeBatches.status, "waiting")))
    .returning({ id: showtimeBatches.id });
  return claimed.length === 1;
}

export async function batchExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: showtimeBatches.id }).from(showtimeBatches).where(eq(showtimeBatches.id, id)).limit(1);
  return Boolean(row);
}
