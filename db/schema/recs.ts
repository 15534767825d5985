import { sql } from "drizzle-orm";
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { modelSources, modelStatuses, type ModelMetrics } from "@/lib/recs/contract";
import { users } from "./users";

/** Postgres bytea as a Node Buffer (a trained model's factors). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Every trained (or imported) recommendation model: its factors as bytes and what it was trained
 * on and how well it did. One version per algorithm is active; the instances serve that one.
 */
export const modelVersions = pgTable(
  "model_versions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    algorithm: text("algorithm").notNull(),
    status: text("status", { enum: modelStatuses }).notNull().default("queued"),
    source: text("source", { enum: modelSources }).notNull().default("trained"),
    active: boolean("active").notNull().default(false),
    hyperparameters: jsonb("hyperparameters").$type<Record<string, unknown>>().notNull(),
    seed: integer("seed").notNull().default(1),
    // The encoded model's own description (ids, shapes) and its bytes; null until trained.
    meta: jsonb("meta").$type<Record<string, unknown>>(),
    artifact: bytea("artifact"),
    artifactBytes: integer("artifact_bytes"),
    counts: jsonb("counts").$type<{ users: number; items: number; interactions: number }>(),
    metrics: jsonb("metrics").$type<ModelMetrics>(),
    trainingMs: integer("training_ms"),
    progress: real("progress").notNull().default(0),
    progressLabel: text("progress_label"),
    error: text("error"),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("model_versions_one_active").on(t.algorithm).where(sql`${t.active}`),
    index("model_versions_algorithm_idx").on(t.algorithm, t.id),
  ],
);
export type ModelVersionRow = typeof modelVersions.$inferSelect;

/**
 * Each user's top list per algorithm, as last computed: by the nightly job for active users, and
 * whenever a list is served after the user's events changed. The rendered items (titles, reasons)
 * are kept so a cache hit is one read.
 */
export const recommendationCache = pgTable(
  "recommendation_cache",
  {
    userId: text("user_id").notNull(),
    algorithm: text("algorithm").notNull(),
    modelVersionId: bigint("model_version_id", { mode: "number" }).notNull(),
    items: jsonb("items").$type<CachedRecommendation[]>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.algorithm] })],
);

export interface CachedRecommendation {
  movieId: string;
  title: string;
  score: number;
  reasons: string[];
  source: string;
}

/**
 * Every answer of GET /recommend, under its sessionId, so feedback joins to exactly what was
 * shown. Partitioned by day on created_at (migration 0007): a partition holds a day, and retention
 * drops whole partitions. The sessionId is a UUIDv7, whose first 48 bits are the creation time, so
 * a lookup by id names its day and touches one partition.
 */
export const recommendationSessions = pgTable(
  "recommendation_sessions",
  {
    sessionId: uuid("session_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    userId: text("user_id").notNull(),
    algorithm: text("algorithm").notNull(),
    modelVersionId: bigint("model_version_id", { mode: "number" }),
    context: text("context").notNull(),
    movieIds: text("movie_ids").array().notNull(),
    cached: boolean("cached").notNull(),
    experimentId: uuid("experiment_id"),
    variant: text("variant"),
    // What a simulation client says of its traffic (seed 000): its user group and action cycle.
    userType: text("user_type"),
    actionCycle: integer("action_cycle"),
  },
  (t) => [primaryKey({ columns: [t.createdAt, t.sessionId] }), index("recommendation_sessions_user_idx").on(t.userId, t.createdAt)],
);

/** The genres a viewer picked (at most three): the hybrid's user features and "popular in your genres". */
export const favoriteGenres = pgTable("favorite_genres", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  genres: text("genres").array().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
