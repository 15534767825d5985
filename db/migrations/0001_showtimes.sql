CREATE TABLE "showtime_batch_events" (
	"batch_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "showtime_batch_events_batch_id_seq_pk" PRIMARY KEY("batch_id","seq")
);
--> statement-breakpoint
CREATE TABLE "showtime_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"phase" text DEFAULT 'waiting' NOT NULL,
	"movie_id" text NOT NULL,
	"request" jsonb NOT NULL,
	"idempotency_key" text,
	"request_hash" text NOT NULL,
	"requested_by" text,
	"total_showtimes" integer NOT NULL,
	"total_tickets" integer NOT NULL,
	"created_showtimes" integer DEFAULT 0 NOT NULL,
	"created_tickets" integer DEFAULT 0 NOT NULL,
	"conflicts" jsonb,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "showtimes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "showtimes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"theater_id" text NOT NULL,
	"movie_id" text NOT NULL,
	"batch_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	CONSTRAINT "showtimes_ordered" CHECK ("showtimes"."starts_at" < "showtimes"."ends_at" and "showtimes"."ends_at" <= "showtimes"."available_at")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"showtime_id" bigint NOT NULL,
	"seat_id" bigint NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	CONSTRAINT "tickets_showtime_id_seat_id_pk" PRIMARY KEY("showtime_id","seat_id")
);
--> statement-breakpoint
ALTER TABLE "showtime_batch_events" ADD CONSTRAINT "showtime_batch_events_batch_id_showtime_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."showtime_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "showtime_batches" ADD CONSTRAINT "showtime_batches_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "showtimes" ADD CONSTRAINT "showtimes_theater_id_theaters_id_fk" FOREIGN KEY ("theater_id") REFERENCES "public"."theaters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "showtimes" ADD CONSTRAINT "showtimes_movie_id_movies_id_fk" FOREIGN KEY ("movie_id") REFERENCES "public"."movies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "showtimes" ADD CONSTRAINT "showtimes_batch_id_showtime_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."showtime_batches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_showtime_id_showtimes_id_fk" FOREIGN KEY ("showtime_id") REFERENCES "public"."showtimes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "showtime_batches_idempotency_key" ON "showtime_batches" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "showtime_batches_created_idx" ON "showtime_batches" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "showtime_batches_status_idx" ON "showtime_batches" USING btree ("status");--> statement-breakpoint
CREATE INDEX "showtimes_theater_time_idx" ON "showtimes" USING btree ("theater_id","starts_at");--> statement-breakpoint
CREATE INDEX "showtimes_movie_time_idx" ON "showtimes" USING btree ("movie_id","starts_at");--> statement-breakpoint
CREATE INDEX "showtimes_batch_idx" ON "showtimes" USING btree ("batch_id");