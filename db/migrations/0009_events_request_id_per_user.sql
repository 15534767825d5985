-- Idempotency keys belong to the user whose event it is (Stripe scopes its keys per account): one
-- client's requestId can no longer suppress another user's event. Existing rows are unique by
-- request_id alone, so they are unique per user too and all stay.
CREATE UNIQUE INDEX "events_user_request_id_unique" ON "events" USING btree ("user_id","request_id");--> statement-breakpoint
DROP INDEX "events_request_id_unique";
