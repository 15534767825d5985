import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { batchPhases, batchStatuses, type ConflictingShowtime } from "@/lib/showtimes/contract";
import { movies, theaters } from "./catalog";
import { users } from "./users";


/** What the admin asked for, kept with the batch so a retry or a reload sees the same request. */
export interface BatchRequest {
  movieId: string;
  theaterIds: string[];
  durationInMinutes: number;
  /**
   * Start instants (ISO 8601, UTC), grouped: theaters with the same list share one entry, so
   * 200 theaters × 56 shared times are stored once, not 200 times.
   */
  startTimeGroups: { theaterIds: string[]; startTimes: string[] }[];
}

/** One "create these showtimes" request: its transactionId is this id. */
export const showtimeBatches = pgTable(
  "showtime_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: text("status", { enum: batchStatuses }).notNull().default("waiting"),
    phase: text("phase", { enum: batchPhases }).notNull().default("waiting"),
    movieId: text("movie_id").notNull(),
    request: jsonb("request").$type<BatchRequest>().notNull(),
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash").notNull(),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    totalShowtimes: integer("total_showtimes").notNull(),
    totalTickets: integer("total_tickets").notNull(),
    createdShowtimes: integer("created_showtimes").notNull().default(0),
    createdTickets: integer("created_tickets").notNull().default(0),
    conflicts: jsonb("conflicts").$type<ConflictingShowtime[]>(),
    errorMessage: text("error_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    // Written by the running worker from outside its transaction; a stale one means the worker died.
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("showtime_batches_idempotency_key").on(t.idempotencyKey),
    index("showtime_batches_created_idx").on(t.createdAt),
    index("showtime_batches_status_idx").on(t.status),
  ],
);
export type ShowtimeBatch = typeof showtimeBatches.$inferSelect;

/** The event history of a batch, replayed to SSE clients that (re)connect. */
export const showtimeBatchEvents = pgTable(
  "showtime_batch_events",
  {
    batchId: uuid("batch_id").notNull().references(() => showtimeBatches.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.seq] })],
);

/**
 * A show of a movie in a theater. The theater is busy over [startsAt, availableAt), where
 * availableAt = endsAt + the theater's turnover at the time of scheduling; an exclusion constraint
 * (migration 0002) forbids two busy intervals in one theater from overlapping.
 */
export const showtimes = pgTable(
  "showtimes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    theaterId: text("theater_id").notNull().references(() => theaters.id, { onDelete: "restrict" }),
    movieId: text("movie_id").notNull().references(() => movies.id, { onDelete: "restrict" }),
    batchId: uuid("batch_id").references(() => showtimeBatches.id, { onDelete: "set null" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("showtimes_theater_time_idx").on(t.theaterId, t.startsAt),
    index("showtimes_movie_time_idx").on(t.movieId, t.startsAt),
    index("showtimes_batch_idx").on(t.batchId),
    check("showtimes_ordered", sql`${t.startsAt} < ${t.endsAt} and ${t.endsAt} <= ${t.availableAt}`),
  ],
);
export type Showtime = typeof showtimes.$inferSelect;

export const ticketStatuses = ["available", "held", "sold"] as const;

/**
 * One ticket per seat per showtime. No foreign key to seats: it would double the cost of writing
 * millions of tickets; seat maps cannot change under scheduled showtimes (checked on edit).
 */
export const tickets = pgTable(
  "tickets",
  {
    showtimeId: bigint("showtime_id", { mode: "number" }).notNull().references(() => showtimes.id, { onDelete: "cascade" }),
    seatId: bigint("seat_id", { mode: "number" }).notNull(),
    status: text("status", { enum: ticketStatuses }).notNull().default("available"),
  },
  (t) => [primaryKey({ columns: [t.showtimeId, t.seatId] })],
);
