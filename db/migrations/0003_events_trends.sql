CREATE TABLE "dead_letters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dead_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"queue" text NOT NULL,
	"payload" jsonb NOT NULL,
	"error" text NOT NULL,
	"attempts" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" text NOT NULL,
	"type" text NOT NULL,
	"user_id" text NOT NULL,
	"movie_id" text,
	"client_timestamp" timestamp with time zone,
	"server_timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "movie_daily_activity" (
	"movie_id" text NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"watches" integer DEFAULT 0 NOT NULL,
	"favorites" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"trending_score" real,
	CONSTRAINT "movie_daily_activity_movie_id_day_pk" PRIMARY KEY("movie_id","day")
);
--> statement-breakpoint
CREATE TABLE "movie_trends" (
	"movie_id" text PRIMARY KEY NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"registered_at" timestamp with time zone,
	"external_vote_average" real,
	"external_status" text DEFAULT 'pending' NOT NULL,
	"external_message" text,
	"external_checked_at" timestamp with time zone,
	"final_score" real,
	"trending_score" real DEFAULT 0 NOT NULL,
	"trending_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_features" (
	"user_id" text PRIMARY KEY NOT NULL,
	"features" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "movie_daily_activity" ADD CONSTRAINT "movie_daily_activity_movie_id_movies_id_fk" FOREIGN KEY ("movie_id") REFERENCES "public"."movies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movie_trends" ADD CONSTRAINT "movie_trends_movie_id_movies_id_fk" FOREIGN KEY ("movie_id") REFERENCES "public"."movies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dead_letters_status_idx" ON "dead_letters" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "events_request_id_unique" ON "events" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "events_user_time_idx" ON "events" USING btree ("user_id","server_timestamp");--> statement-breakpoint
CREATE INDEX "events_movie_time_idx" ON "events" USING btree ("movie_id","server_timestamp");--> statement-breakpoint
CREATE INDEX "events_unprocessed_idx" ON "events" USING btree ("id") WHERE "events"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "movie_daily_activity_day_idx" ON "movie_daily_activity" USING btree ("day");--> statement-breakpoint
CREATE INDEX "movie_trends_final_idx" ON "movie_trends" USING btree ("final_score");--> statement-breakpoint
CREATE INDEX "movie_trends_trending_idx" ON "movie_trends" USING btree ("trending_score");