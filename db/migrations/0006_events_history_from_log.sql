DROP INDEX "events_user_time_idx";--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "dead_lettered_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "events_user_type_id_idx" ON "events" USING btree ("user_id","type","id");--> statement-breakpoint
-- Events dead-lettered before this column existed: mark them, so they stay out of the history.
UPDATE "events" SET "dead_lettered_at" = "processed_at"
WHERE "id" IN (SELECT ("payload" ->> 'eventId')::bigint FROM "dead_letters" WHERE "queue" = 'events.process' AND "status" <> 'retried');--> statement-breakpoint
-- Watch and search history are read from the events themselves; the stored features document no
-- longer keeps its own copy (rewritten whole, about 10 KB, for every user in every batch).
UPDATE "user_features" SET "features" = "features" - 'watchHistory' - 'searchHistory'
WHERE "features" ?| array['watchHistory', 'searchHistory'];
