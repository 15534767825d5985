import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { deadLetterStatuses } from "@/lib/dead-letters/contract";
import { eventTypes } from "@/lib/events/contract";
import { externalStatuses } from "@/lib/trends/contract";
import { movies } from "./catalog";


/**
 * The append-only log of what the audience did. `requestId` makes a retry safe: the same id is
 * stored once per user (keys are scoped to the user whose event it is, so one client's key never
 * suppresses another user's event). `processedAt` is set by the feature worker in the same transaction as its updates,
 * so every event is counted exactly once. `deadLetteredAt` marks one that was taken off the stream
 * instead of applied: it is processed, but not part of the user's history.
 */
export const events = pgTable(
  "events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: text("request_id").notNull(),
    type: text("type", { enum: eventTypes }).notNull(),
    userId: text("user_id").notNull(),
    movieId: text("movie_id"),
    clientTimestamp: timestamp("client_timestamp", { withTimezone: true }),
    serverTimestamp: timestamp("server_timestamp", { withTimezone: true }).notNull().defaultNow(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    deadLetteredAt: timestamp("dead_lettered_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("events_user_request_id_unique").on(t.userId, t.requestId),
    // A user's latest watches and searches (their history, read when features are shown), and all
    // of a user's events when their features are rebuilt.
    index("events_user_type_id_idx").on(t.userId, t.type, t.id),
    index("events_movie_time_idx").on(t.movieId, t.serverTimestamp),
    index("events_unprocessed_idx").on(t.id).where(sql`${t.processedAt} is null`),
  ],
);

/** Per-user features, kept up to date by the worker and rebuilt from raw events on demand. */
export const userFeatures = pgTable("user_features", {
  userId: text("user_id").primaryKey(),
  features: jsonb("features").$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Views and external score per movie: what the trend score is computed from. */
export const movieTrends = pgTable(
  "movie_trends",
  {
    movieId: text("movie_id").primaryKey().references(() => movies.id, { onDelete: "cascade" }),
    views: integer("views").notNull().default(0),
    // Registered through the trend API (the seed's "register by TMDB id").
    registeredAt: timestamp("registered_at", { withTimezone: true }),
    externalVoteAverage: real("external_vote_average"),
    externalStatus: text("external_status", { enum: externalStatuses }).notNull().default("pending"),
    externalMessage: text("external_message"),
    externalCheckedAt: timestamp("external_checked_at", { withTimezone: true }),
    finalScore: real("final_score"),
    // Exponentially decayed activity; `trendingAt` is the instant the score is expressed at.
    trendingScore: real("trending_score").notNull().default(0),
    trendingAt: timestamp("trending_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("movie_trends_final_idx").on(t.finalScore), index("movie_trends_trending_idx").on(t.trendingScore)],
);

/** Activity per movie per day: the dashboard's sparklines and its top-10 chart. */
export const movieDailyActivity = pgTable(
  "movie_daily_activity",
  {
    movieId: text("movie_id").notNull().references(() => movies.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    views: integer("views").notNull().default(0),
    watches: integer("watches").notNull().default(0),
    favorites: integer("favorites").notNull().default(0),
    ratings: integer("ratings").notNull().default(0),
    trendingScore: real("trending_score"),
  },
  (t) => [primaryKey({ columns: [t.movieId, t.day] }), index("movie_daily_activity_day_idx").on(t.day)],
);

/** Work that kept failing after its retries, with the error, for an admin to retry or discard. */
export const deadLetters = pgTable(
  "dead_letters",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    queue: text("queue").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    error: text("error").notNull(),
    attempts: integer("attempts").notNull(),
    status: text("status", { enum: deadLetterStatuses }).notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("dead_letters_status_idx").on(t.status, t.createdAt)],
);
