import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "../client";
import { movies } from "../schema";

// The queries of the benchmarks (scripts/commands/bench-*.ts): seeding at scale, and reading back
// what the app did. Nothing in the app calls them.

/** The server's Postgres version, e.g. "15.20" (PGlite answers with the Postgres it embeds). */
export async function postgresServerVersion(db: Db): Promise<string | null> {
  const [row] = rowsOf<{ v: string }>(await db.execute(sql`select current_setting('server_version') as v`));
  return row?.v ?? null;
}

/** Movies inserted as given, in one statement. */
export async function insertBenchMovies(db: Db, rows: (typeof movies.$inferInsert)[]): Promise<void> {
  await db.insert(movies).values(rows);
}

/**
 * Schedules `movieId` in every theater: `showsPerDay` shows a day, `hoursApart` hours apart from
 * midnight, for `days` days from `firstDay`, each taking `runtimeMinutes` and then
 * `turnoverMinutes` before the room is available again. One INSERT … SELECT, no tickets.
 */
export async function scheduleShowsInEveryTheater(
  db: Db,
  params: { movieId: string; firstDay: Date; days: number; showsPerDay: number; hoursApart: number; runtimeMinutes: number; turnoverMinutes: number },
): Promise<void> {
  const start = sql`${params.firstDay.toISOString()}::timestamptz + (d * interval '1 day') + (s * ${params.hoursApart}::int * interval '1 hour')`;
  await db.execute(sql`
    insert into showtimes (theater_id, movie_id, starts_at, ends_at, available_at)
    select t.id, ${params.movieId}::text, ${start},
      ${start} + ${params.runtimeMinutes}::int * interval '1 minute',
      ${start} + ${params.runtimeMinutes + params.turnoverMinutes}::int * interval '1 minute'
    from theaters t, generate_series(0, ${params.days - 1}) d, generate_series(0, ${params.showsPerDay - 1}) s`);
}

/** An available ticket for every seat of every showtime in these theaters. */
export async function insertTicketsForTheaters(db: Db, params: { theaterIds: string[] }): Promise<void> {
  await db.execute(sql`
    insert into tickets (showtime_id, seat_id, status)
    select s.id, seat.id, 'available' from showtimes s join seats seat on seat.theater_id = s.theater_id
    where s.theater_id in (select jsonb_array_elements_text(${JSON.stringify(params.theaterIds)}::jsonb))`);
}

/** An available ticket for every seat of every showtime of a batch: the batch's tickets, bare. */
export async function insertTicketsForBatch(db: Db, params: { batchId: string }): Promise<void> {
  await db.execute(sql`
    insert into tickets (showtime_id, seat_id, status)
    select s.id, seat.id, 'available' from showtimes s join seats seat on seat.theater_id = s.theater_id
    where s.batch_id = ${params.batchId}::uuid`);
}

export async function deleteTicketsOfBatch(db: Db, params: { batchId: string }): Promise<void> {
  await db.execute(sql`delete from tickets where showtime_id in (select id from showtimes where batch_id = ${params.batchId}::uuid)`);
}

export async function countTickets(db: Db): Promise<number> {
  return Number(rowsOf<{ n: string | number }>(await db.execute(sql`select count(*)::bigint as n from tickets`))[0]!.n);
}

/** Refreshes the planner's statistics of every table, as autovacuum would after a large seed. */
export async function analyzeAllTables(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}

/** Runs `body` in a transaction and rolls it back: what it wrote is gone, what it returned is kept. */
export async function runAndRollBack<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  let result: { value: T } | null = null;
  await db
    .transaction(async (tx) => {
      result = { value: await body(tx as unknown as Db) };
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return result!.value;
}

class RolledBack extends Error {}

/** Stored events, those the worker has not processed yet, and dead letters. */
export async function countEventsAndDeadLetters(db: Db): Promise<{ total: number; pending: number; dead: number }> {
  const [row] = rowsOf<{ total: string | number; pending: string | number; dead: string | number }>(
    await db.execute(sql`select count(*) as total, count(*) filter (where processed_at is null) as pending, (select count(*) from dead_letters) as dead from events`),
  );
  return { total: Number(row!.total), pending: Number(row!.pending), dead: Number(row!.dead) };
}

/** Of these events (by requestId), those the worker has processed. */
export async function findProcessedRequestIds(db: Db, params: { requestIds: string[] }): Promise<string[]> {
  const rows = rowsOf<{ request_id: string }>(
    await db.execute(sql`select request_id from events where processed_at is not null and request_id in (select jsonb_array_elements_text(${JSON.stringify(params.requestIds)}::jsonb))`),
  );
  return rows.map((r) => r.request_id);
}

/** When each completed pg-boss job of a queue started since a time, and when it completed (ms since the epoch), in order. */
export async function completedJobTimesSince(db: Db, params: { queue: string; since: Date }): Promise<{ startedMs: number; completedMs: number }[]> {
  const rows = rowsOf<{ started: number | string; completed: number | string }>(
    await db.execute(sql`
      select extract(epoch from started_on) * 1000 as started, extract(epoch from completed_on) * 1000 as completed
      from pgboss.job where name = ${params.queue} and started_on >= ${params.since.toISOString()}::timestamptz and completed_on is not null
      order by started_on`),
  );
  return rows.map((r) => ({ startedMs: Number(r.started), completedMs: Number(r.completed) }));
}

/**
 * bench:experiments — `sessions` logged recommendation lists of one experiment spread evenly over
 * `[from, to)`, each of 10 movies; users stick to a variant (even users A, odd B); every 5th session
 * has feedback: a selection at a position that cycles through the list, liked, or disliked every
 * third time. The action cycle advances every `sessionsPerCycle` sessions. All set-based.
 */
export async function seedExperimentSessions(db: Db, params: { experimentId: string; sessions: number; users: number; from: Date; to: Date; sessionsPerCycle: number }): Promise<void> {
  const stepMs = (params.to.getTime() - params.from.getTime()) / params.sessions;
  const session = sql`
    select i,
      md5('bench-session-' || i)::uuid as session_id,
      ${params.from.toISOString()}::timestamptz + (i * ${stepMs}::float8) * interval '1 millisecond' as created_at,
      'bench-user-' || (i % ${params.users}) as user_id,
      case when (i % ${params.users}) % 2 = 0 then 'A' else 'B' end as variant,
      (i / ${params.sessionsPerCycle})::int as action_cycle,
      array(select 'm-' || ((i * 7 + k * 13) % 500) from generate_series(0, 9) k) as movie_ids
    from generate_series(0, ${params.sessions - 1}) i`;
  await db.execute(sql`
    insert into recommendation_sessions (session_id, created_at, user_id, algorithm, model_version_id, context, movie_ids, cached, experiment_id, variant, action_cycle)
    select session_id, created_at, user_id, case variant when 'A' then 'als' else 'ease' end, null, 'home', movie_ids, false, ${params.experimentId}::uuid, variant, action_cycle
    from (${session}) s`);
  // The selected movie's position p: B's lists are a little better (earlier selections) than A's.
  await db.execute(sql`
    insert into session_feedback (session_id, session_created_at, user_id, experiment_id, variant, action_cycle, shown_movie_ids, selected_movie_id, score, reactions, updated_at)
    select session_id, created_at, user_id, ${params.experimentId}::uuid, variant, action_cycle, movie_ids, movie_ids[p + 1], (10 - p)::real,
      jsonb_build_object(movie_ids[p + 1], case when i % 3 = 0 then 'dislike' else 'like' end), created_at
    from (select s.*, case when variant = 'B' then (i / 10) % 8 else (i / 10) % 10 end as p from (${session}) s where i % 5 = 0) f`);
}

/**
 * The experiment's totals from its log, set-based, as logging and feedback would have kept them:
 * assignments, per-day totals (K = 3), per-user totals and per-minute scores. For a bench's seeded
 * data only: its feedback reacts to the selected movie alone.
 */
export async function rebuildExperimentTotals(db: Db, params: { experimentId: string }): Promise<void> {
  const id = sql`${params.experimentId}::uuid`;
  await db.execute(sql`
    insert into experiment_assignments (experiment_id, user_id, variant, first_seen_at)
    select ${id}, user_id, min(variant), min(created_at) from recommendation_sessions where experiment_id = ${id} group by user_id`);
  await db.execute(sql`
    insert into experiment_daily_stats (experiment_id, variant, day, users, sessions, impressions, clicks, likes, dislikes,
      score_n, score_sum, score_sum_squares, precision_n, precision_sum, precision_sum_squares, recall_n, recall_sum, recall_sum_squares)
    select ${id}, s.variant, s.day,
      coalesce((select count(*) from experiment_assignments a where a.experiment_id = ${id} and a.variant = s.variant and to_char(a.first_seen_at at time zone 'UTC', 'YYYY-MM-DD') = s.day), 0),
      s.sessions, s.impressions, s.clicks, s.likes, s.dislikes, s.clicks, s.score_sum, s.score_sum_squares,
      s.sessions, s.precision_sum, s.precision_sum_squares, s.likes, s.recall_sum, s.recall_sum
    from (
      select r.variant, to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
        count(*)::int as sessions, sum(cardinality(r.movie_ids))::bigint as impressions,
        count(f.selected_movie_id)::int as clicks,
        count(*) filter (where f.reactions ->> f.selected_movie_id = 'like')::int as likes,
        count(*) filter (where f.reactions ->> f.selected_movie_id = 'dislike')::int as dislikes,
        coalesce(sum(f.score), 0)::float8 as score_sum, coalesce(sum(f.score * f.score), 0)::float8 as score_sum_squares,
        (count(*) filter (where f.reactions ->> f.selected_movie_id = 'like' and f.selected_movie_id = any(r.movie_ids[1:3])) / 3.0)::float8 as precision_sum,
        (count(*) filter (where f.reactions ->> f.selected_movie_id = 'like' and f.selected_movie_id = any(r.movie_ids[1:3])) / 9.0)::float8 as precision_sum_squares,
        (count(*) filter (where f.reactions ->> f.selected_movie_id = 'like' and f.selected_movie_id = any(r.movie_ids[1:3])))::float8 as recall_sum
      from recommendation_sessions r left join session_feedback f on f.session_id = r.session_id
      where r.experiment_id = ${id}
      group by 1, 2
    ) s`);
  await db.execute(sql`
    insert into experiment_user_stats (experiment_id, variant, user_id, sessions, clicks, likes, reactions, score_n, score_sum, precision_sum, recall_n, recall_sum)
    select ${id}, r.variant, r.user_id, count(*), count(f.selected_movie_id),
      count(*) filter (where f.reactions ->> f.selected_movie_id = 'like'),
      count(*) filter (where f.reactions ->> f.selected_movie_id in ('like', 'dislike')),
      count(f.selected_movie_id), coalesce(sum(f.score), 0),
      (count(*) filter (where f.reactions ->> f.selected_movie_id = 'like' and f.selected_movie_id = any(r.movie_ids[1:3])) / 3.0)::float8,
      count(*) filter (where f.reactions ->> f.selected_movie_id = 'like'),
      count(*) filter (where f.reactions ->> f.selected_movie_id = 'like' and f.selected_movie_id = any(r.movie_ids[1:3]))
    from recommendation_sessions r left join session_feedback f on f.session_id = r.session_id
    where r.experiment_id = ${id}
    group by r.variant, r.user_id`);
  await db.execute(sql`
    insert into experiment_minute_scores (experiment_id, variant, minute, action_cycle, n, sum)
    select ${id}, variant, date_trunc('minute', session_created_at), coalesce(action_cycle, -1), count(*)::int, sum(score)::float8
    from session_feedback where experiment_id = ${id} and selected_movie_id is not null
    group by 2, 3, 4`);
}

export async function countExperimentSessions(db: Db, params: { experimentId: string }): Promise<{ sessions: number; feedback: number }> {
  const [row] = rowsOf<{ sessions: string | number; feedback: string | number }>(
    await db.execute(sql`select (select count(*) from recommendation_sessions where experiment_id = ${params.experimentId}::uuid) as sessions,
      (select count(*) from session_feedback where experiment_id = ${params.experimentId}::uuid) as feedback`),
  );
  return { sessions: Number(row!.sessions), feedback: Number(row!.feedback) };
}
