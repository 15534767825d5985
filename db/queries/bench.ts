import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "../client";
import { movies } from "../schema";

// The queries of the benchmarks (scripts/commands/bench-*.ts): seeding at scale, and reading back
// what the app did. Nothing in the app calls them.

/** The server's Postgres version, e.g. "15.20" (PGlite answers with the Postgres it embeds). */
export async function postgresServerVersion(db: Db): Promise<string | null> {
  const [row] = rowsOf<{ v: string }>(await db.execute(sql`select current_setting('server_version') as v`));
  return row?.v ?? null;
}

/** Movies inserted as given, in one statement. */
export async function insertBenchMovies(db: Db, rows: (typeof movies.$inferInsert)[]): Promise<void> {
  await db.insert(movies).values(rows);
}

/**
 * Schedules `movieId` in every theater: `showsPerDay` shows a day, `hoursApart` hours apart from
 * midnight, for `days` days from `firstDay`, each taking `runtimeMinutes` and then
 * `turnoverMinutes` before the room is available again. One INSERT … SELECT, no tickets.
 */
export async function scheduleShowsInEveryTheater(
  db: Db,
  params: { movieId: string; firstDay: Date; days: number; showsPerDay: number; hoursApart: number; runtimeMinutes: number; turnoverMinutes: number },
): Promise<void> {
  const start = sql`${params.firstDay.toISOString()}::timestamptz + (d * interval '1 day') + (s * ${params.hoursApart}::int * interval '1 hour')`;
  await db.execute(sql`
    insert into showtimes (theater_id, movie_id, starts_at, ends_at, available_at)
    select t.id, ${params.movieId}::text, ${start},
      ${start} + ${params.runtimeMinutes}::int * interval '1 minute',
      ${start} + ${params.runtimeMinutes + params.turnoverMinutes}::int * interval '1 minute'
    from theaters t, generate_series(0, ${params.days - 1}) d, generate_series(0, ${params.showsPerDay - 1}) s`);
}

/** An available ticket for every seat of every showtime in these theaters. */
export async function insertTicketsForTheaters(db: Db, params: { theaterIds: string[] }): Promise<void> {
  await db.execute(sql`
    insert into tickets (showtime_id, seat_id, status)
    select s.id, seat.id, 'available' from showtimes s join seats seat on seat.theater_id = s.theater_id
    where s.theater_id in (select jsonb_array_elements_text(${JSON.stringify(params.theaterIds)}::jsonb))`);
}

/** An available ticket for every seat of every showtime of a batch: the batch's tickets, bare. */
export async function insertTicketsForBatch(db: Db, params: { batchId: string }): Promise<void> {
  await db.execute(sql`
    insert into tickets (showtime_id, seat_id, status)
    select s.id, seat.id, 'available' from showtimes s join seats seat on seat.theater_id = s.theater_id
    where s.batch_id = ${params.batchId}::uuid`);
}

export async function deleteTicketsOfBatch(db: Db, params: { batchId: string }): Promise<void> {
  await db.execute(sql`delete from tickets where showtime_id in (select id from showtimes where batch_id = ${params.batchId}::uuid)`);
}

export async function countTickets(db: Db): Promise<number> {
  return Number(rowsOf<{ n: string | number }>(await db.execute(sql`select count(*)::bigint as n from tickets`))[0]!.n);
}

/** Refreshes the planner's statistics of every table, as autovacuum would after a large seed. */
export async function analyzeAllTables(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}

/** Runs `body` in a transaction and rolls it back: what it wrote is gone, what it returned is kept. */
export async function runAndRollBack<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  let result: { value: T } | null = null;
  await db
    .transaction(async (tx) => {
      result = { value: await body(tx as unknown as Db) };
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return result!.value;
}

class RolledBack extends Error {}

/** Stored events, those the worker has not processed yet, and dead letters. */
export async function countEventsAndDeadLetters(db: Db): Promise<{ total: number; pending: number; dead: number }> {
  const [row] = rowsOf<{ total: string | number; pending: string | number; dead: string | number }>(
    await db.execute(sql`select count(*) as total, count(*) filter (where processed_at is null) as pending, (select count(*) from dead_letters) as dead from events`),
  );
  return { total: Number(row!.total), pending: Number(row!.pending), dead: Number(row!.dead) };
}

/** Of these events (by requestId), those the worker has processed. */
export async function findProcessedRequestIds(db: Db, params: { requestIds: string[] }): Promise<string[]> {
  const rows = rowsOf<{ request_id: string }>(
    await db.execute(sql`select request_id from events where processed_at is not null and request_id in (select jsonb_array_elements_text(${JSON.stringify(params.requestIds)}::jsonb))`),
  );
  return rows.map((r) => r.request_id);
}

/** When each completed pg-boss job of a queue started since a time, and when it completed (ms since the epoch), in order. */
export async function completedJobTimesSince(db: Db, params: { queue: string; since: Date }): Promise<{ startedMs: number; completedMs: number }[]> {
  const rows = rowsOf<{ started: number | string; completed: number | string }>(
    await db.execute(sql`
      select extract(epoch from started_on) * 1000 as started, extract(epoch from completed_on) * 1000 as completed
      from pgboss.job where name = ${params.queue} and started_on >= ${params.since.toISOString()}::timestamptz and completed_on is not null
      order by started_on`),
  );
  return rows.map((r) => ({ startedMs: Number(r.started), completedMs: Number(r.completed) }));
}
