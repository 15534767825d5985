import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { existingMovieIds, insertEvents, type NewEvent } from "@/db/queries/events";
import type { EventType } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import type { TypedEvent } from "./schemas";

export interface EventReceipt {
  requestId: string;
  status: "accepted" | "duplicate";
  serverTimestamp: string;
}

/**
 * Services with `events:write` may send events for anyone; a signed-in viewer only for themself.
 * `fieldOf(i)` names the event in errors ("userId" for a single event, "events.3.userId" in a batch).
 */
export function authorizeEventWriter(actor: Actor | null, events: { userId: string }[], fieldOf: (i: number, field: string) => string) {
  if (!actor) throw new AppError("unauthorized", "Sign in, or send an API token with the 'events:write' scope");
  if (isAdmin(actor)) return;
  if (actor.kind === "token") {
    if (!actor.scopes.includes("events:write")) throw new AppError("forbidden:events:write", "This needs a token with the 'events:write' scope");
    return;
  }
  const other = events.findIndex((e) => e.userId !== actor.userId);
  if (other >= 0) throw new AppError("forbidden:other_user", "You can only send events for yourself", { fields: { [fieldOf(other, "userId")]: "Not you" } });
}

// Movies are rarely deleted; remembering that one exists saves a query per event on the hot path.
// A deleted movie can still take events for a minute: processing then dead-letters them.
const KNOWN_MOVIE_TTL_MS = 60_000;
const globalForMovies = globalThis as unknown as { marqueeKnownMovies?: Map<string, number> };
const knownMovies = (globalForMovies.marqueeKnownMovies ??= new Map());

async function assertMoviesExist(db: Db, events: { movieId?: string }[], fieldOf: (i: number, field: string) => string, nowMs: number) {
  const unknown = [...new Set(events.map((e) => e.movieId).filter((id): id is string => Boolean(id) && (knownMovies.get(id!) ?? 0) < nowMs))];
  if (!unknown.length) return;
  const found = await existingMovieIds(db, unknown);
  for (const id of found) knownMovies.set(id, nowMs + KNOWN_MOVIE_TTL_MS);
  if (knownMovies.size > 100_000) knownMovies.clear();
  const missing = events.findIndex((e) => e.movieId && !found.has(e.movieId) && (knownMovies.get(e.movieId) ?? 0) < nowMs);
  if (missing >= 0) {
    const id = events[missing]!.movieId!;
    throw new AppError("not_found:movie", `No movie with id '${id}'`, { fields: { [fieldOf(missing, "movieId")]: "Not found" } });
  }
}

/** Validated events in, receipts out (in the same order). Nothing is stored if any is refused. */
export async function ingestEvents(
  db: Db,
  actor: Actor | null,
  input: (TypedEvent | ({ type: EventType } & Omit<TypedEvent, "type">))[],
  options: { now: Date; fieldOf: (i: number, field: string) => string; afterStore?: () => void },
): Promise<EventReceipt[]> {
  authorizeEventWriter(actor, input, options.fieldOf);
  await assertMoviesExist(db, input as { movieId?: string }[], options.fieldOf, options.now.getTime());
  const rows: NewEvent[] = input.map((e) => ({
    requestId: e.requestId ?? randomUUID(),
    type: e.type,
    userId: e.userId,
    movieId: (e as { movieId?: string }).movieId ?? null,
    clientTimestamp: e.clientTimestamp ?? null,
    metadata: e.metadata as Record<string, unknown>,
  }));
  const stored = await insertEvents(db, rows);
  options.afterStore?.();
  return stored.map((s) => ({ requestId: s.requestId, status: s.accepted ? "accepted" : "duplicate", serverTimestamp: s.serverTimestamp }));
}
