CREATE TABLE "favorite_genres" (
	"user_id" text PRIMARY KEY NOT NULL,
	"genres" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"algorithm" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"source" text DEFAULT 'trained' NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"hyperparameters" jsonb NOT NULL,
	"seed" integer DEFAULT 1 NOT NULL,
	"meta" jsonb,
	"artifact" "bytea",
	"artifact_bytes" integer,
	"counts" jsonb,
	"metrics" jsonb,
	"training_ms" integer,
	"progress" real DEFAULT 0 NOT NULL,
	"progress_label" text,
	"error" text,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"activated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recommendation_cache" (
	"user_id" text NOT NULL,
	"algorithm" text NOT NULL,
	"model_version_id" bigint NOT NULL,
	"items" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recommendation_cache_user_id_algorithm_pk" PRIMARY KEY("user_id","algorithm")
);
--> statement-breakpoint
CREATE TABLE "recommendation_sessions" (
	"session_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"user_id" text NOT NULL,
	"algorithm" text NOT NULL,
	"model_version_id" bigint,
	"context" text NOT NULL,
	"movie_ids" text[] NOT NULL,
	"cached" boolean NOT NULL,
	"experiment_id" uuid,
	"variant" text,
	"user_type" text,
	"action_cycle" integer,
	CONSTRAINT "recommendation_sessions_created_at_session_id_pk" PRIMARY KEY("created_at","session_id")
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
-- One partition per UTC day is created ahead by the recs.maintain-sessions job (and at start);
-- retention drops whole days. The default partition only catches what falls outside them.
CREATE TABLE "recommendation_sessions_default" PARTITION OF "recommendation_sessions" DEFAULT;
--> statement-breakpoint
CREATE TABLE "feedback_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"session_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"movie_id" text NOT NULL,
	"position" integer,
	"list_length" integer NOT NULL,
	"score" real,
	"watch_time_sec" real,
	"context" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_feedback" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"session_created_at" timestamp with time zone NOT NULL,
	"user_id" text NOT NULL,
	"experiment_id" uuid,
	"variant" text,
	"action_cycle" integer,
	"shown_movie_ids" text[] NOT NULL,
	"selected_movie_id" text,
	"score" real,
	"reactions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"watch_time_sec" real,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiment_assignments" (
	"experiment_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"variant" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "experiment_assignments_experiment_id_user_id_pk" PRIMARY KEY("experiment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "experiment_daily_stats" (
	"experiment_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"day" text NOT NULL,
	"users" integer DEFAULT 0 NOT NULL,
	"sessions" integer DEFAULT 0 NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"dislikes" integer DEFAULT 0 NOT NULL,
	"score_n" integer DEFAULT 0 NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL,
	"score_sum_squares" double precision DEFAULT 0 NOT NULL,
	"precision_n" integer DEFAULT 0 NOT NULL,
	"precision_sum" double precision DEFAULT 0 NOT NULL,
	"precision_sum_squares" double precision DEFAULT 0 NOT NULL,
	"recall_n" integer DEFAULT 0 NOT NULL,
	"recall_sum" double precision DEFAULT 0 NOT NULL,
	"recall_sum_squares" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "experiment_daily_stats_experiment_id_variant_day_pk" PRIMARY KEY("experiment_id","variant","day")
);
--> statement-breakpoint
CREATE TABLE "experiment_minute_scores" (
	"experiment_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"action_cycle" integer DEFAULT -1 NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "experiment_minute_scores_experiment_id_variant_minute_action_cycle_pk" PRIMARY KEY("experiment_id","variant","minute","action_cycle")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"context" text,
	"variants" jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "favorite_genres" ADD CONSTRAINT "favorite_genres_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_one_active" ON "model_versions" USING btree ("algorithm") WHERE "model_versions"."active";--> statement-breakpoint
CREATE INDEX "model_versions_algorithm_idx" ON "model_versions" USING btree ("algorithm","id");--> statement-breakpoint
CREATE INDEX "recommendation_sessions_user_idx" ON "recommendation_sessions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_events_once" ON "feedback_events" USING btree ("session_id","movie_id","kind");--> statement-breakpoint
CREATE INDEX "feedback_events_user_idx" ON "feedback_events" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "session_feedback_user_idx" ON "session_feedback" USING btree ("user_id","updated_at");--> statement-breakpoint
CREATE INDEX "experiments_status_idx" ON "experiments" USING btree ("status","created_at");