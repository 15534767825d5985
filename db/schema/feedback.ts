import { bigint, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { feedbackKinds } from "@/lib/feedback/contract";

/**
 * What came back on each logged recommendation session, as it stands now: the movie opened (and
 * its position score) and each movie's latest reaction. Feedback arriving later moves the
 * session's contribution to its experiment's totals by the difference (lib/experiments/aggregates.ts).
 */
export const sessionFeedback = pgTable(
  "session_feedback",
  {
    sessionId: uuid("session_id").primaryKey(),
    sessionCreatedAt: timestamp("session_created_at", { withTimezone: true }).notNull(),
    userId: text("user_id").notNull(),
    experimentId: uuid("experiment_id"),
    variant: text("variant"),
    actionCycle: integer("action_cycle"),
    shownMovieIds: text("shown_movie_ids").array().notNull(),
    selectedMovieId: text("selected_movie_id"),
    score: real("score"),
    reactions: jsonb("reactions").$type<Record<string, "like" | "dislike" | "not_interested">>().notNull().default({}),
    watchTimeSec: real("watch_time_sec"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("session_feedback_user_idx").on(t.userId, t.updatedAt)],
);

/**
 * Every piece of feedback, once per (session, movie, kind): a repeat changes nothing but its time,
 * so the latest reaction of a user to a movie is the newest row. Its id is the feedbackId.
 */
export const feedbackEvents = pgTable(
  "feedback_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sessionId: uuid("session_id").notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind", { enum: feedbackKinds }).notNull(),
    movieId: text("movie_id").notNull(),
    position: integer("position"),
    listLength: integer("list_length").notNull(),
    score: real("score"),
    watchTimeSec: real("watch_time_sec"),
    context: text("context"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("feedback_events_once").on(t.sessionId, t.movieId, t.kind), index("feedback_events_user_idx").on(t.userId, t.createdAt)],
);
