-- Each user's totals per experiment variant: users, not sessions, are the independent units of an
-- experiment, and its tests need each metric's spread between users (lib/experiments/verdict.ts).
CREATE TABLE "experiment_user_stats" (
	"experiment_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"user_id" text NOT NULL,
	"sessions" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"reactions" integer DEFAULT 0 NOT NULL,
	"score_n" integer DEFAULT 0 NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL,
	"precision_sum" double precision DEFAULT 0 NOT NULL,
	"recall_n" integer DEFAULT 0 NOT NULL,
	"recall_sum" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "experiment_user_stats_experiment_id_variant_user_id_pk" PRIMARY KEY("experiment_id","variant","user_id")
);
--> statement-breakpoint
-- The day totals and minute scores are split into shards by user, so sessions and feedback of one
-- variant stop queueing on a single row; what is stored so far stays as shard 0.
ALTER TABLE "experiment_daily_stats" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "experiment_minute_scores" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "experiment_daily_stats" DROP CONSTRAINT "experiment_daily_stats_experiment_id_variant_day_pk";--> statement-breakpoint
ALTER TABLE "experiment_minute_scores" DROP CONSTRAINT "experiment_minute_scores_experiment_id_variant_minute_action_cycle_pk";--> statement-breakpoint
ALTER TABLE "experiment_daily_stats" ADD CONSTRAINT "experiment_daily_stats_experiment_id_variant_day_shard_pk" PRIMARY KEY("experiment_id","variant","day","shard");--> statement-breakpoint
ALTER TABLE "experiment_minute_scores" ADD CONSTRAINT "experiment_minute_scores_experiment_id_variant_minute_action_cycle_shard_pk" PRIMARY KEY("experiment_id","variant","minute","action_cycle","shard");
--> statement-breakpoint
-- Every session already logged counts, with its feedback as it stands (lib/experiments/aggregates.ts,
-- K = 3): a positive is the movie opened unless it was disliked in the end, or a movie liked.
INSERT INTO "experiment_user_stats" ("experiment_id", "variant", "user_id", "sessions", "clicks", "likes", "reactions", "score_n", "score_sum", "precision_sum", "recall_n", "recall_sum")
SELECT r.experiment_id, r.variant, r.user_id,
  count(*),
  count(*) FILTER (WHERE f.selected_movie_id = ANY (r.movie_ids)),
  coalesce(sum(x.likes), 0),
  coalesce(sum(x.likes + x.dislikes), 0),
  count(f.selected_movie_id),
  coalesce(sum(f.score) FILTER (WHERE f.selected_movie_id IS NOT NULL), 0),
  coalesce(sum(x.hits / 3.0), 0),
  count(*) FILTER (WHERE x.positives > 0),
  coalesce(sum(x.hits::float8 / nullif(x.positives, 0)), 0)
FROM "recommendation_sessions" r
LEFT JOIN "session_feedback" f ON f.session_id = r.session_id
LEFT JOIN LATERAL (
  SELECT
    (SELECT count(*) FROM jsonb_each_text(f.reactions) e WHERE e.value = 'like') AS likes,
    (SELECT count(*) FROM jsonb_each_text(f.reactions) e WHERE e.value = 'dislike') AS dislikes,
    count(*) AS positives,
    count(*) FILTER (WHERE p.movie_id = ANY (r.movie_ids[1:3])) AS hits
  FROM (
    SELECT f.selected_movie_id AS movie_id WHERE f.selected_movie_id IS NOT NULL AND (f.reactions ->> f.selected_movie_id) IS DISTINCT FROM 'dislike'
    UNION
    SELECT e.key FROM jsonb_each_text(f.reactions) e WHERE e.value = 'like'
  ) p
) x ON true
WHERE r.experiment_id IS NOT NULL AND r.variant IS NOT NULL
GROUP BY r.experiment_id, r.variant, r.user_id;
--> statement-breakpoint
-- Precision@K has one observation per session, with or without feedback; the day totals counted
-- only its sum until now.
UPDATE "experiment_daily_stats" SET "precision_n" = "sessions";
