-- No two showtimes of one theater may be busy at the same time, whatever runs concurrently.
-- Busy means the half-open interval [starts_at, available_at): back-to-back shows are allowed.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "showtimes" ADD CONSTRAINT "showtimes_no_overlap"
  EXCLUDE USING gist ("theater_id" WITH =, tstzrange("starts_at", "available_at", '[)') WITH &&);
