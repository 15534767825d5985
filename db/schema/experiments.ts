import { bigint, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { experimentModes, experimentStatuses, type ExperimentVariant } from "@/lib/experiments/contract";
import { users } from "./users";

/** An A/B (or A/A) experiment between recommendation models, on the lists of one context. */
export const experiments = pgTable(
  "experiments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    mode: text("mode", { enum: experimentModes }).notNull(),
    status: text("status", { enum: experimentStatuses }).notNull().default("draft"),
    context: text("context"),
    variants: jsonb("variants").$type<ExperimentVariant[]>().notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("experiments_status_idx").on(t.status, t.createdAt)],
);

/** Which variant each user was given, once: the sample-ratio check counts users, not sessions. */
export const experimentAssignments = pgTable(
  "experiment_assignments",
  {
    experimentId: uuid("experiment_id").notNull(),
    userId: text("user_id").notNull(),
    variant: text("variant").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.userId] })],
);

/**
 * Each variant's totals per UTC day, kept current by addition as sessions are logged and feedback
 * arrives: an experiment's page reads a few rows, however many sessions it logged. Each day is
 * split into `shard`s by user (lib/experiments/aggregates.ts, `statsShardOf`): every session and
 * every piece of feedback of a variant adds to its day, and one row would make them all wait for
 * each other's commit. Readers sum the shards.
 */
export const experimentDailyStats = pgTable(
  "experiment_daily_stats",
  {
    experimentId: uuid("experiment_id").notNull(),
    variant: text("variant").notNull(),
    day: text("day").notNull(),
    shard: smallint("shard").notNull().default(0),
    users: integer("users").notNull().default(0),
    sessions: integer("sessions").notNull().default(0),
    impressions: bigint("impressions", { mode: "number" }).notNull().default(0),
    clicks: integer("clicks").notNull().default(0),
    likes: integer("likes").notNull().default(0),
    dislikes: integer("dislikes").notNull().default(0),
    scoreN: integer("score_n").notNull().default(0),
    scoreSum: doublePrecision("score_sum").notNull().default(0),
    scoreSumSquares: doublePrecision("score_sum_squares").notNull().default(0),
    precisionN: integer("precision_n").notNull().default(0),
    precisionSum: doublePrecision("precision_sum").notNull().default(0),
    precisionSumSquares: doublePrecision("precision_sum_squares").notNull().default(0),
    recallN: integer("recall_n").notNull().default(0),
    recallSum: doublePrecision("recall_sum").notNull().default(0),
    recallSumSquares: doublePrecision("recall_sum_squares").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.variant, t.day, t.shard] })],
);

/** Position scores per variant and minute (and action cycle): the "score per minute by group" chart. Sharded by user as the day totals are. */
export const experimentMinuteScores = pgTable(
  "experiment_minute_scores",
  {
    experimentId: uuid("experiment_id").notNull(),
    variant: text("variant").notNull(),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    // -1 when the caller sent no action cycle (a primary key cannot hold null).
    actionCycle: integer("action_cycle").notNull().default(-1),
    shard: smallint("shard").notNull().default(0),
    n: integer("n").notNull().default(0),
    sum: doublePrecision("sum").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.variant, t.minute, t.actionCycle, t.shard] })],
);

/**
 * Each user's totals in a variant, kept current by addition like the day totals. Users, not
 * sessions, are the independent units of an experiment (assignment is per user), so the tests and
 * intervals need each metric's spread between users: the results page sums these rows per variant
 * into Σy, Σn, Σy², Σn², Σyn (lib/experiments/statistics.ts, `clusteredRatio`). Precision@K has one
 * observation per session, so its denominator is `sessions`.
 */
export const experimentUserStats = pgTable(
  "experiment_user_stats",
  {
    experimentId: uuid("experiment_id").notNull(),
    variant: text("variant").notNull(),
    userId: text("user_id").notNull(),
    sessions: integer("sessions").notNull().default(0),
    clicks: integer("clicks").notNull().default(0),
    likes: integer("likes").notNull().default(0),
    /** Likes and dislikes: the like rate's denominator. */
    reactions: integer("reactions").notNull().default(0),
    scoreN: integer("score_n").notNull().default(0),
    scoreSum: doublePrecision("score_sum").notNull().default(0),
    precisionSum: doublePrecision("precision_sum").notNull().default(0),
    recallN: integer("recall_n").notNull().default(0),
    recallSum: doublePrecision("recall_sum").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.variant, t.userId] })],
);
