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
	"experiment_id" text,
	"variant" text,
	CONSTRAINT "recommendation_sessions_created_at_session_id_pk" PRIMARY KEY("created_at","session_id")
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
-- One partition per UTC day is created ahead by the recs.maintain-sessions job (and at start);
-- retention drops whole days. The default partition only catches what falls outside them.
CREATE TABLE "recommendation_sessions_default" PARTITION OF "recommendation_sessions" DEFAULT;
--> statement-breakpoint
ALTER TABLE "favorite_genres" ADD CONSTRAINT "favorite_genres_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_one_active" ON "model_versions" USING btree ("algorithm") WHERE "model_versions"."active";--> statement-breakpoint
CREATE INDEX "model_versions_algorithm_idx" ON "model_versions" USING btree ("algorithm","id");--> statement-breakpoint
CREATE INDEX "recommendation_sessions_user_idx" ON "recommendation_sessions" USING btree ("user_id","created_at");