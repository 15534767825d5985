import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, bigint } from "drizzle-orm/pg-core";
import { users } from "./users";
import type { SeatMap } from "@/lib/theaters/seat-map";

export const movies = pgTable(
  "movies",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    year: integer("year"),
    runtimeMinutes: integer("runtime_minutes"),
    genres: text("genres").array().notNull().default(sql`'{}'::text[]`),
    overview: text("overview").notNull().default(""),
    releaseDate: date("release_date"),
    tmdbId: integer("tmdb_id"),
    imdbId: text("imdb_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("movies_genres_idx").using("gin", t.genres),
    index("movies_release_idx").on(t.releaseDate),
    index("movies_tmdb_idx").on(t.tmdbId),
    check("movies_runtime_positive", sql`${t.runtimeMinutes} is null or ${t.runtimeMinutes} > 0`),
  ],
);
export type Movie = typeof movies.$inferSelect;

export const theaters = pgTable("theaters", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  city: text("city").notNull(),
  timeZone: text("time_zone").notNull(),
  // Cleaning time after each show; the next show may start when it is over.
  turnoverMinutes: integer("turnover_minutes").notNull().default(15),
  seatMap: jsonb("seat_map").$type<SeatMap>().notNull(),
  // Kept in step with the seats table in the same transaction, so lists can filter by size cheaply.
  seatCount: integer("seat_count").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type Theater = typeof theaters.$inferSelect;

/** One row per physical seat (gaps excluded): what tickets are made from, set-based. */
export const seats = pgTable(
  "seats",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    theaterId: text("theater_id").notNull().references(() => theaters.id, { onDelete: "cascade" }),
    block: text("block").notNull(),
    rowLabel: text("row_label").notNull(),
    number: integer("number").notNull(),
  },
  (t) => [index("seats_theater_idx").on(t.theaterId)],
);
export type Seat = typeof seats.$inferSelect;

/** The current rating of a movie by a user (MovieLens history, demo data, rating events). */
export const ratings = pgTable(
  "ratings",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    movieId: text("movie_id").notNull().references(() => movies.id, { onDelete: "cascade" }),
    rating: real("rating").notNull(),
    ratedAt: timestamp("rated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.movieId] }),
    index("ratings_movie_idx").on(t.movieId),
    check("ratings_range", sql`${t.rating} >= 0.5 and ${t.rating} <= 5`),
  ],
);

export const tags = pgTable(
  "tags",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    movieId: text("movie_id").notNull().references(() => movies.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    taggedAt: timestamp("tagged_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.movieId, t.tag] })],
);
