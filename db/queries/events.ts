import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "../client";
import type { EventType } from "@/lib/events/contract";
import { deadLetters, events, movies, ratings, userFeatures } from "../schema";

export interface NewEvent {
  requestId: string;
  type: EventType;
  userId: string;
  movieId: string | null;
  clientTimestamp: string | null;
  metadata: Record<string, unknown>;
}

/**
 * Stores events in one statement: users seen for the first time are registered, a requestId
 * already stored for the same user is left alone. Returns, in input order, whether each event was new.
 */
export async function insertEvents(db: Db, batch: NewEvent[]): Promise<{ requestId: string; accepted: boolean; serverTimestamp: string }[]> {
  const input = JSON.stringify(batch.map((e, ord) => ({ ord, request_id: e.requestId, type: e.type, user_id: e.userId, movie_id: e.movieId, client_timestamp: e.clientTimestamp, metadata: e.metadata })));
  const rows = rowsOf<{ ord: number; user_id: string; request_id: string; accepted: boolean; server_timestamp: string | Date }>(
    await db.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${input}::jsonb)
          as r(ord int, request_id text, type text, user_id text, movie_id text, client_timestamp timestamptz, metadata jsonb)
      ),
      new_users as (
        insert into users (id, display_name, role)
        select distinct user_id, 'Viewer ' || user_id, 'viewer' from input
        on conflict (id) do nothing
      ),
      inserted as (
        insert into events (request_id, type, user_id, movie_id, client_timestamp, metadata)
        select request_id, type, user_id, movie_id, client_timestamp, metadata from input order by ord
        on conflict (user_id, request_id) do nothing
        returning user_id, request_id, server_timestamp
      )
      select i.ord, i.user_id, i.request_id, (ins.request_id is not null) as accepted, coalesce(ins.server_timestamp, now()) as server_timestamp
      from input i left join inserted ins on ins.request_id = i.request_id and ins.user_id = i.user_id
      order by i.ord`),
  );
  // The same requestId twice for one user in one batch: the first is stored, the second is its duplicate.
  const seen = new Set<string>();
  return rows.map((r) => {
    const key = `${r.user_id}\u0000${r.request_id}`;
    const accepted = Boolean(r.accepted) && !seen.has(key);
    seen.add(key);
    return { requestId: r.request_id, accepted, serverTimestamp: new Date(r.server_timestamp).toISOString() };
  });
}

/** Of these movies, those that exist, with their runtime in minutes (null when unknown). */
export async function existingMovieRuntimes(db: Db, ids: string[]): Promise<Map<string, number | null>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: movies.id, runtimeMinutes: movies.runtimeMinutes }).from(movies).where(inArray(movies.id, ids));
  return new Map(rows.map((r) => [r.id, r.runtimeMinutes]));
}

export interface ClaimedEvent {
  id: number;
  type: EventType;
  userId: string;
  movieId: string | null;
  metadata: Record<string, unknown>;
  /** When it happened: the client's timestamp (within its window), else the server's. */
  at: string;
  /** When the server stored it: what "trending now" decays from, since no client can move it. */
  receivedAt: string;
}

/** Held by a transaction that applies events, until it ends: batches from any worker take turns. */
const EVENT_BATCH_LOCK = sql`hashtext('marquee:events.process')`;

/**
 * Takes up to `limit` unprocessed events (oldest first), marking them processed. Run it inside the
 * transaction that applies them: if that rolls back, they are unprocessed again. Batches take
 * turns: two at once, in several worker processes, would only wait on each other's users and
 * movies (or deadlock on them in different orders). SKIP LOCKED still keeps a claim off events
 * another transaction holds.
 */
export async function claimUnprocessedEvents(tx: Db, limit: number, onlyIds?: number[]): Promise<ClaimedEvent[]> {
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_BATCH_LOCK})`);
  const only = onlyIds ? sql`and id in (select jsonb_array_elements_text(${JSON.stringify(onlyIds)}::jsonb)::bigint)` : sql``;
  const rows = rowsOf<{ id: string | number; type: EventType; user_id: string; movie_id: string | null; metadata: Record<string, unknown>; at: string | Date; received_at: string | Date }>(
    await tx.execute(sql`
      update events set processed_at = now()
      where id in (select id from events where processed_at is null ${only} order by id limit ${limit} for update skip locked)
      returning id, type, user_id, movie_id, metadata, coalesce(client_timestamp, server_timestamp) as at, server_timestamp as received_at`),
  );
  return rows
    .map((r) => ({ id: Number(r.id), type: r.type, userId: r.user_id, movieId: r.movie_id, metadata: r.metadata, at: new Date(r.at).toISOString(), receivedAt: new Date(r.received_at).toISOString() }))
    .sort((a, b) => a.id - b.id);
}

export async function unprocessedEventIds(db: Db, limit: number): Promise<number[]> {
  const rows = rowsOf<{ id: string | number }>(await db.execute(sql`select id from events where processed_at is null order by id limit ${limit}`));
  return rows.map((r) => Number(r.id));
}

export async function countUnprocessedEvents(db: Db): Promise<number> {
  const rows = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*)::int as n from events where processed_at is null`));
  return Number(rows[0]?.n ?? 0);
}

export async function genresOfMovies(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: movies.id, genres: movies.genres }).from(movies).where(inArray(movies.id, ids));
  return new Map(rows.map((r) => [r.id, r.genres]));
}

/** Locks the users' feature rows (creating empty ones) in id order, so concurrent workers never deadlock. */
export async function lockUserFeatures(tx: Db, userIds: string[]): Promise<void> {
  const sorted = [...new Set(userIds)].sort();
  if (!sorted.length) return;
  // One JSON parameter rather than a row of parameters per user: building a 2,000-row VALUES list
  // was a visible share of the worker's CPU.
  const ids = JSON.stringify(sorted);
  await tx.execute(sql`insert into user_features (user_id, features) select id, '{}'::jsonb from jsonb_array_elements_text(${ids}::jsonb) as id order by id on conflict (user_id) do nothing`);
  await tx.execute(sql`select 1 from user_features where user_id in (select jsonb_array_elements_text(${ids}::jsonb)) order by user_id for update`);
}

/** These users' stored features (lock them first). */
export async function readUserFeatures(tx: Db, userIds: string[]): Promise<Map<string, Record<string, unknown>>> {
  if (!userIds.length) return new Map();
  const rows = rowsOf<{ user_id: string; features: Record<string, unknown> }>(
    await tx.execute(sql`select user_id, features from user_features where user_id in (select jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))`),
  );
  return new Map(rows.map((r) => [r.user_id, r.features]));
}

/** Writes these users' features in one statement (each user once), and announces the change. */
export async function saveUserFeatures(tx: Db, rows: { userId: string; features: Record<string, unknown> }[], now: Date) {
  if (!rows.length) return;
  const input = JSON.stringify(rows.map((r) => ({ user_id: r.userId, features: r.features })));
  await tx.execute(sql`
    insert into user_features (user_id, features, updated_at)
    select user_id, features, ${now.toISOString()}::timestamptz from jsonb_to_recordset(${input}::jsonb) as r(user_id text, features jsonb)
    on conflict (user_id) do update set features = excluded.features, updated_at = excluded.updated_at`);
  await announceUsersChanged(tx, rows.map((r) => r.userId));
}

/**
 * Tells every instance, when the transaction commits, that what these users did or said changed
 * (events applied, a movie turned down): lists made for them before are stale. The payload is a
 * JSON array of user ids, or "*" when that would pass NOTIFY's 8,000-byte limit.
 */
export const USERS_CHANGED_CHANNEL = "users_changed";

export async function announceUsersChanged(tx: Db, userIds: readonly string[]) {
  if (!userIds.length) return;
  const payload = JSON.stringify([...new Set(userIds)]);
  await tx.execute(sql`select pg_notify(${USERS_CHANGED_CHANNEL}, ${payload.length > 7_000 ? "*" : payload})`);
}

/** A user's current ratings (one per movie: the newest), as the features show them. */
export async function currentRatingsOf(db: Db, userId: string): Promise<{ movieId: string; rating: number; at: string }[]> {
  const rows = await db.select({ movieId: ratings.movieId, rating: ratings.rating, ratedAt: ratings.ratedAt }).from(ratings).where(eq(ratings.userId, userId));
  return rows.map((r) => ({ movieId: r.movieId, rating: r.rating, at: r.ratedAt.toISOString() }));
}

export async function findUserFeatures(db: Db, userId: string) {
  const [row] = await db.select({ features: userFeatures.features, updatedAt: userFeatures.updatedAt }).from(userFeatures).where(eq(userFeatures.userId, userId));
  return row ?? null;
}

/** Applied: processed by the worker and not taken off the stream as a dead letter. */
export const appliedEvent = and(isNotNull(events.processedAt), isNull(events.deadLetteredAt));
const eventTime = sql<Date | string>`coalesce(${events.clientTimestamp}, ${events.serverTimestamp})`;

/** A user's applied events since a time, in the order the worker applied them (to rebuild their features). */
export async function appliedEventsOfUserSince(db: Db, userId: string, since: Date): Promise<ClaimedEvent[]> {
  const rows = await db
    .select({ id: events.id, type: events.type, userId: events.userId, movieId: events.movieId, metadata: events.metadata, at: eventTime, receivedAt: events.serverTimestamp })
    .from(events)
    .where(and(eq(events.userId, userId), gte(events.serverTimestamp, since), appliedEvent))
    .orderBy(asc(events.id));
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString(), receivedAt: r.receivedAt.toISOString() }));
}

/** A user's latest applied events of one type, newest first (their watch or search history). */
export async function latestAppliedEvents(db: Db, userId: string, type: EventType, limit: number) {
  const rows = await db
    .select({ movieId: events.movieId, metadata: events.metadata, at: eventTime })
    .from(events)
    .where(and(eq(events.userId, userId), eq(events.type, type), appliedEvent))
    .orderBy(desc(events.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** A rating event also becomes the user's current rating of the movie (newest wins), in one statement. */
export async function upsertRatings(tx: Db, rows: { userId: string; movieId: string; rating: number; at: string }[]) {
  if (!rows.length) return;
  // One statement may not change a row twice: keep the newest rating per user and movie (the later one on a tie).
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = JSON.stringify([r.userId, r.movieId]);
    const kept = newest.get(key);
    if (!kept || Date.parse(kept.at) <= Date.parse(r.at)) newest.set(key, r);
  }
  const input = JSON.stringify([...newest.values()].map((r) => ({ user_id: r.userId, movie_id: r.movieId, rating: r.rating, rated_at: r.at })));
  await tx.execute(sql`
    insert into ratings (user_id, movie_id, rating, rated_at)
    select user_id, movie_id, rating, rated_at from jsonb_to_recordset(${input}::jsonb) as r(user_id text, movie_id text, rating real, rated_at timestamptz)
    on conflict (user_id, movie_id) do update set rating = excluded.rating, rated_at = excluded.rated_at
    where ratings.rated_at <= excluded.rated_at`);
}

export async function insertDeadLetter(db: Db, row: { queue: string; payload: Record<string, unknown>; error: string; attempts: number }) {
  const [created] = await db.insert(deadLetters).values(row).returning({ id: deadLetters.id });
  return created!.id;
}

export async function listDeadLetters(db: Db, params: { status?: "open" | "retried" | "discarded"; limit: number; offset: number }) {
  const where = params.status ? eq(deadLetters.status, params.status) : undefined;
  const items = await db.select().from(deadLetters).where(where).orderBy(desc(deadLetters.createdAt)).limit(params.limit).offset(params.offset);
  const [total] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from dead_letters ${params.status ? sql`where status = ${params.status}` : sql``}`));
  return { items, total: Number(total?.n ?? 0) };
}

export async function findDeadLetter(db: Db, id: number) {
  const [row] = await db.select().from(deadLetters).where(eq(deadLetters.id, id));
  return row ?? null;
}

export async function resolveDeadLetter(db: Db, id: number, status: "retried" | "discarded", now: Date) {
  const [row] = await db
    .update(deadLetters)
    .set({ status, resolvedAt: now })
    .where(and(eq(deadLetters.id, id), eq(deadLetters.status, "open")))
    .returning({ id: deadLetters.id, queue: deadLetters.queue, payload: deadLetters.payload });
  return row ?? null;
}

/** Takes claimed events off the stream: processed, but never applied (they go to the dead letters). */
export async function markEventsDeadLettered(tx: Db, ids: number[], at: Date) {
  if (ids.length) await tx.update(events).set({ deadLetteredAt: at }).where(inArray(events.id, ids));
}

/** Puts events back in the queue (an admin retrying a dead letter). */
export async function markEventsUnprocessed(db: Db, ids: number[]) {
  if (ids.length) await db.update(events).set({ processedAt: null, deadLetteredAt: null }).where(inArray(events.id, ids));
}
