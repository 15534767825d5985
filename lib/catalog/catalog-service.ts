import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import * as moviesDb from "@/db/queries/movies";
import * as theatersDb from "@/db/queries/theaters";
import { countUpcomingShowtimesIn } from "@/db/queries/showtimes";
import { AppError } from "@/lib/errors/app-error";
import { PG_FOREIGN_KEY_VIOLATION, PG_RESTRICT_VIOLATION, pgErrorCode } from "@/db/errors";
import type { CreateMovie, CreateTheater, UpdateMovie, UpdateTheater } from "./contract";

/** Catalog writes with their not-found and already-exists errors, shared by the API and the CLI. */
export async function createMovie(db: Db, input: CreateMovie) {
  const { id = randomUUID(), ...fields } = input;
  const movie = await moviesDb.insertMovie(db, id, fields);
  if (!movie) throw new AppError("conflict:movie", `A movie with id '${id}' already exists`, { fields: { id: "Already taken" } });
  return movie;
}

export async function updateMovie(db: Db, id: string, input: UpdateMovie, now: Date) {
  const movie = await moviesDb.updateMovie(db, id, input, now);
  if (!movie) throw notFound("movie", id);
  return movie;
}

export async function deleteMovie(db: Db, id: string) {
  const deleted = await inUseAsConflict(() => moviesDb.deleteMovie(db, id), "movie", id);
  if (!deleted) throw notFound("movie", id);
}

export async function getMovie(db: Db, id: string) {
  const movie = await moviesDb.findMovie(db, id);
  if (!movie) throw notFound("movie", id);
  return movie;
}

export async function createTheater(db: Db, input: CreateTheater) {
  const { id = randomUUID(), ...fields } = input;
  const theater = await theatersDb.insertTheater(db, id, fields);
  if (!theater) throw new AppError("conflict:theater", `A theater with id '${id}' already exists`, { fields: { id: "Already taken" } });
  return theater;
}

export async function updateTheater(db: Db, id: string, input: UpdateTheater, now: Date) {
  // Tickets were made from the current seats; changing the map under them would orphan them.
  if (input.seatMap && (await countUpcomingShowtimesIn(db, id, now)) > 0) {
    throw new AppError("conflict:theater_in_use", "This theater has upcoming showtimes with tickets; its seat map cannot change until they are over", { fields: { seatMap: "Upcoming showtimes use these seats" } });
  }
  const theater = await theatersDb.updateTheater(db, id, input, now);
  if (!theater) throw notFound("theater", id);
  return theater;
}

export async function deleteTheater(db: Db, id: string) {
  const deleted = await inUseAsConflict(() => theatersDb.deleteTheater(db, id), "theater", id);
  if (!deleted) throw notFound("theater", id);
}

/** A delete refused by a foreign key (showtimes still point at it) is a 409, not a 500. */
async function inUseAsConflict<T>(write: () => Promise<T>, kind: "movie" | "theater", id: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // 23503: foreign key violation; 23001: the RESTRICT rule of one (showtimes → movies, theaters).
    if ([PG_FOREIGN_KEY_VIOLATION, PG_RESTRICT_VIOLATION].includes(pgErrorCode(error) ?? "")) {
      throw new AppError(`conflict:${kind}_in_use`, `The ${kind} '${id}' has showtimes and cannot be deleted`, { fields: { id: "Has showtimes" } });
    }
    throw error;
  }
}

export async function getTheater(db: Db, id: string) {
  const theater = await theatersDb.findTheater(db, id);
  if (!theater) throw notFound("theater", id);
  return theater;
}

function notFound(kind: "movie" | "theater", id: string) {
  return new AppError(`not_found:${kind}`, `No ${kind} with id '${id}'`, { fields: { id: "Not found" } });
}
