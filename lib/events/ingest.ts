import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { existingMovieRuntimes, insertEvents, type NewEvent } from "@/db/queries/events";
import type { EventType } from "./contract";
import { requireSelf, requireViewerOrScope, type Actor } from "@/lib/auth/actor";
import type { TokenScope } from "@/lib/auth/contract";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { limitViewer } from "@/lib/http/viewer-rate-limits";
import type { TypedEvent } from "./contract";
import { clientTimestampProblem } from "./client-time";
import { watchMetadataWithProgress } from "./implicit-feedback";

export interface EventReceipt {
  requestId: string;
  status: "accepted" | "duplicate";
  serverTimestamp: string;
}

/**
 * Services with `events:write` may send events for anyone; a signed-in viewer only for themself.
 * `fieldOf(i)` names the event in errors ("userId" for a single event, "events.3.userId" in a batch).
 */
export function authorizeEventWriter(actor: Actor | null, events: { userId: string }[], fieldOf: (i: number, field: string) => string, scope: TokenScope = "events:write") {
  const caller = requireViewerOrScope(actor, [scope]);
  const other = events.findIndex((e) => e.userId !== caller.userId);
  if (other >= 0) requireSelf(caller, events[other]!.userId, { code: "forbidden:other_user", message: "You can only send events for yourself", field: fieldOf(other, "userId") });
}

// Movies are rarely deleted; remembering that one exists (and its runtime) saves a query per
// event on the hot path. A deleted movie can still take events for a minute: processing then
// dead-letters them.
const KNOWN_MOVIE_TTL_MS = 60_000;
interface KnownMovie {
  until: number;
  runtimeMinutes: number | null;
}
const globalForMovies = globalThis as unknown as { marqueeKnownMovieRuntimes?: Map<string, KnownMovie> };
const knownMovies = (globalForMovies.marqueeKnownMovieRuntimes ??= new Map());
const isKnown = (id: string, nowMs: number) => (knownMovies.get(id)?.until ?? 0) >= nowMs;

/** Refuses an event for a movie that does not exist; returns the events' movies' runtimes. */
async function assertMoviesExist(db: Db, events: { movieId?: string }[], fieldOf: (i: number, field: string) => string, nowMs: number): Promise<(movieId: string) => number | null> {
  const runtimeOf = (id: string) => knownMovies.get(id)?.runtimeMinutes ?? null;
  const unknown = [...new Set(events.map((e) => e.movieId).filter((id): id is string => Boolean(id) && !isKnown(id!, nowMs)))];
  if (!unknown.length) return runtimeOf;
  const found = await existingMovieRuntimes(db, unknown);
  if (knownMovies.size > 100_000) knownMovies.clear();
  for (const [id, runtimeMinutes] of found) knownMovies.set(id, { until: nowMs + KNOWN_MOVIE_TTL_MS, runtimeMinutes });
  const missing = events.findIndex((e) => e.movieId && !found.has(e.movieId) && !isKnown(e.movieId, nowMs));
  if (missing >= 0) {
    const id = events[missing]!.movieId!;
    throw new AppError("not_found:movie", `No movie with id '${id}'`, { fields: { [fieldOf(missing, "movieId")]: "Not found" } });
  }
  return runtimeOf;
}

function assertClientTimestampsBelievable(events: { clientTimestamp?: string }[], fieldOf: (i: number, field: string) => string, now: Date) {
  const fields: Record<string, string> = {};
  events.forEach((e, i) => {
    const problem = e.clientTimestamp === undefined ? null : clientTimestampProblem(e.clientTimestamp, now);
    if (problem) fields[fieldOf(i, "clientTimestamp")] = problem;
  });
  const names = Object.keys(fields);
  if (names.length) throw new AppError("bad_request:validation", `Invalid ${names[0]}: ${fields[names[0]!]}`, { fields });
}

type StoredEvent = Awaited<ReturnType<typeof insertEvents>>[number];
interface WaitingInsert {
  rows: NewEvent[];
  resolve(stored: StoredEvent[]): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export interface InserterLimits {
  /** Events that may wait for their insert; a request that would go past it is refused at once. */
  maxWaitingEvents: number;
  /** How long events may wait for their insert to start before their request is refused. */
  maxWaitMs: number;
}

/** The answer to a request whose events could not be stored in time: nothing of it is stored. */
function queueFull(limits: InserterLimits, why: "full" | "waited") {
  const message =
    why === "full"
      ? "Too many events are waiting to be stored; none of these was stored. Try again shortly"
      : `The events waited ${limits.maxWaitMs} ms for the database; none of them was stored. Try again shortly`;
  return new AppError("unavailable:event_queue", message, { retryAfterSeconds: Math.max(1, Math.ceil(limits.maxWaitMs / 1000)) });
}

/**
 * Group commit for concurrent requests: while an insert is on its way to the database, events
 * that arrive wait and then go together in one statement (one round trip, one commit). A request
 * still gets its receipts only once its events are committed, and one statement is all or
 * nothing, so a batch request stays atomic. At low load nothing waits.
 *
 * The wait is bounded, in events and in time: when the database stalls, requests are refused with
 * a 503 and Retry-After instead of piling up in memory. Only events not yet sent are refused (their
 * request is then known to have stored nothing); an insert on its way is bounded by the server's
 * statement_timeout. PGlite, which cannot cancel a statement, gets the same bound on waiting.
 */
class EventInserter {
  private readonly waiting: WaitingInsert[] = [];
  private waitingEvents = 0;
  private inFlight = 0;

  constructor(
    private readonly db: Db,
    private readonly limits: InserterLimits,
    private readonly maxInFlight = 2,
    private readonly maxRows = 4_000,
  ) {}

  insert(rows: NewEvent[]): Promise<StoredEvent[]> {
    // An idle inserter always takes a request, however large: only a queue is bounded.
    if (this.inFlight >= this.maxInFlight && this.waitingEvents + rows.length > this.limits.maxWaitingEvents) {
      return Promise.reject(queueFull(this.limits, "full"));
    }
    return new Promise((resolve, reject) => {
      const entry: WaitingInsert = { rows, resolve, reject, timer: undefined };
      this.waiting.push(entry);
      this.waitingEvents += rows.length;
      this.pump();
      // Still waiting (the inserts in flight are at their limit): bounded in time too. At low load
      // an insert leaves at once and no timer is made.
      if (this.waiting.at(-1) === entry) {
        entry.timer = setTimeout(() => {
          const at = this.waiting.indexOf(entry);
          if (at < 0) return;
          this.waiting.splice(at, 1);
          this.waitingEvents -= entry.rows.length;
          reject(queueFull(this.limits, "waited"));
        }, this.limits.maxWaitMs);
      }
    });
  }

  private take(): WaitingInsert {
    const entry = this.waiting.shift()!;
    clearTimeout(entry.timer);
    this.waitingEvents -= entry.rows.length;
    return entry;
  }

  private pump() {
    while (this.inFlight < this.maxInFlight && this.waiting.length) {
      const group = [this.take()];
      let size = group[0]!.rows.length;
      while (this.waiting.length && size + this.waiting[0]!.rows.length <= this.maxRows) {
        size += this.waiting[0]!.rows.length;
        group.push(this.take());
      }
      this.inFlight++;
      void this.write(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async write(group: WaitingInsert[]) {
    try {
      const stored = await insertEvents(this.db, group.flatMap((w) => w.rows));
      let at = 0;
      for (const w of group) {
        w.resolve(stored.slice(at, at + w.rows.length));
        at += w.rows.length;
      }
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      // One request's events must not fail the others': try each on its own.
      await Promise.all(group.map((w) => insertEvents(this.db, w.rows).then(w.resolve, w.reject)));
    }
  }
}

const globalForInserters = globalThis as unknown as { marqueeEventInserters?: WeakMap<Db, EventInserter> };
const inserters = (globalForInserters.marqueeEventInserters ??= new WeakMap());

function inserterFor(db: Db): EventInserter {
  let inserter = inserters.get(db);
  if (!inserter) {
    const { MARQUEE_EVENT_QUEUE_MAX_EVENTS, MARQUEE_EVENT_QUEUE_WAIT_MS } = env();
    inserters.set(db, (inserter = new EventInserter(db, { maxWaitingEvents: MARQUEE_EVENT_QUEUE_MAX_EVENTS, maxWaitMs: MARQUEE_EVENT_QUEUE_WAIT_MS })));
  }
  return inserter;
}

/** Validated events in, receipts out (in the same order). Nothing is stored if any is refused. */
export async function ingestEvents(
  db: Db,
  actor: Actor | null,
  input: (TypedEvent | ({ type: EventType } & Omit<TypedEvent, "type">))[],
  options: { now: Date; fieldOf: (i: number, field: string) => string; afterStore?: () => void; scope?: TokenScope },
): Promise<EventReceipt[]> {
  authorizeEventWriter(actor, input, options.fieldOf, options.scope);
  assertClientTimestampsBelievable(input, options.fieldOf, options.now);
  if (actor?.kind === "user") await limitViewer(db, actor, "events", input.length, options.now);
  const runtimeOf = await assertMoviesExist(db, input as { movieId?: string }[], options.fieldOf, options.now.getTime());
  const rows: NewEvent[] = input.map((e) => {
    const movieId = (e as { movieId?: string }).movieId ?? null;
    const metadata = e.metadata as Record<string, unknown>;
    return {
      requestId: e.requestId ?? randomUUID(),
      type: e.type,
      userId: e.userId,
      movieId,
      clientTimestamp: e.clientTimestamp ?? null,
      metadata: e.type === "watch" && movieId ? watchMetadataWithProgress(metadata as { watchDuration: number; progressPercent?: number }, runtimeOf(movieId)) : metadata,
    };
  });
  const stored = await inserterFor(db).insert(rows);
  options.afterStore?.();
  return stored.map((s) => ({ requestId: s.requestId, status: s.accepted ? "accepted" : "duplicate", serverTimestamp: s.serverTimestamp }));
}
