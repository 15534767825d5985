import "server-only";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { FINISHED_WATCH_PERCENT } from "@/lib/events/implicit-feedback";
import type { ModelMetrics, ModelStatus, RecommenderAlgorithm } from "@/lib/recs/contract";
import type { Db } from "../client";
import { rowsOf } from "../client";
import { favoriteGenres, modelVersions, movies, recommendationCache, recommendationSessions, userFeatures, type CachedRecommendation } from "../schema";

/** How a user touched a movie, strongest signal first; the reasons name it ("because you watched"). */
export type InteractionKind = "liked" | "watched" | "rated" | "favorited";

export interface InteractionRow {
  userId: string;
  movieId: string;
  weight: number;
  kind: InteractionKind;
  /** When the strongest signal was given. */
  at: Date;
}

/**
 * Every (user, movie) signal the app knows, weighted as lib/events/implicit-feedback.ts says:
 * ratings (imported, demo and rated events alike) r/5, applied watch events 1.0 when finished and
 * 0.5 otherwise, favorites 0.3 while the latest favorite event says "add". A pair's weight is the
 * strongest of its signals. Only movies in the catalog count: a rating goes with its movie (a
 * foreign key), an event only names one, so the event branches join the catalog. (Joining the
 * whole union instead made Postgres hash all movies for every user's history.)
 */
export async function interactionRows(db: Db, options: { userId?: string } = {}): Promise<InteractionRow[]> {
  const byUser = (column: string) => (options.userId === undefined ? sql`` : sql` and ${sql.raw(column)} = ${options.userId}`);
  const rows = rowsOf<{ user_id: string; movie_id: string; weight: number | string; kind: InteractionKind; at: string | Date }>(
    await db.execute(sql`
      with signals as (
        select r.user_id, r.movie_id, (r.rating / 5.0)::float8 as weight, case when r.rating >= 4 then 'liked' else 'rated' end as kind, r.rated_at as at
          from ratings r where true${byUser("r.user_id")}
        union all
        select e.user_id, e.movie_id,
               max(case when coalesce((e.metadata->>'progressPercent')::float8, 0) >= ${FINISHED_WATCH_PERCENT} then 1.0 else 0.5 end)::float8,
               'watched', max(coalesce(e.client_timestamp, e.server_timestamp))
          from events e join movies m on m.id = e.movie_id
         where e.type = 'watch' and e.processed_at is not null and e.dead_lettered_at is null${byUser("e.user_id")}
         group by e.user_id, e.movie_id
        union all
        select f.user_id, f.movie_id, 0.3::float8, 'favorited', f.at
          from (select distinct on (e.user_id, e.movie_id) e.user_id, e.movie_id, e.metadata->>'action' as action, coalesce(e.client_timestamp, e.server_timestamp) as at
                  from events e join movies m on m.id = e.movie_id
                 where e.type = 'favorite' and e.processed_at is not null and e.dead_lettered_at is null${byUser("e.user_id")}
                 order by e.user_id, e.movie_id, e.id desc) f
         where f.action = 'add'
      )
      select distinct on (s.user_id, s.movie_id) s.user_id, s.movie_id, s.weight, s.kind, s.at
        from signals s
       order by s.user_id, s.movie_id, s.weight desc
    `),
  );
  return rows.map((r) => ({ userId: r.user_id, movieId: r.movie_id, weight: Number(r.weight), kind: r.kind, at: new Date(r.at) }));
}

/**
 * What users told us they do not want, as negative weights for training: a movie disliked or marked
 * "not interested" (and neither liked nor taken back since) is -1; a movie shown in `ignoredAfter`
 * or more of a user's lists that got feedback, never opened and not liked now, is -0.25. A
 * reaction taken back (`clear_reaction`, the latest) counts as neither a like nor a dismissal. A negative overrides the pair's
 * positives (lib/recs/training-data.ts), so a dismissal outweighs an earlier watch.
 */
export async function negativeRows(db: Db, options: { ignoredAfter: number; since: Date }): Promise<{ userId: string; movieId: string; weight: number }[]> {
  const rows = rowsOf<{ user_id: string; movie_id: string; weight: number | string }>(
    await db.execute(sql`
      with latest as (
        select distinct on (user_id, movie_id) user_id, movie_id, kind from feedback_events
         where kind in ('like', 'dislike', 'not_interested', 'clear_reaction')
         order by user_id, movie_id, created_at desc, id desc
      ),
      dismissed as (select user_id, movie_id, -1.0::float8 as weight from latest where kind in ('dislike', 'not_interested')),
      shown as (
        select f.user_id, m.movie_id, count(*) as times
          from session_feedback f cross join lateral unnest(f.shown_movie_ids) as m(movie_id)
         where f.updated_at >= ${options.since.toISOString()}::timestamptz
         group by f.user_id, m.movie_id
        having count(*) >= ${options.ignoredAfter}
      ),
      chosen as (
        select user_id, movie_id from feedback_events where kind = 'select'
        union
        select user_id, movie_id from latest where kind = 'like'
      ),
      ignored as (
        select s.user_id, s.movie_id, -0.25::float8 as weight from shown s
         where not exists (select 1 from chosen c where c.user_id = s.user_id and c.movie_id = s.movie_id)
           and not exists (select 1 from dismissed d where d.user_id = s.user_id and d.movie_id = s.movie_id)
      )
      select user_id, movie_id, weight from dismissed
      union all
      select user_id, movie_id, weight from ignored
    `),
  );
  return rows.map((r) => ({ userId: r.user_id, movieId: r.movie_id, weight: Number(r.weight) }));
}

/** The catalog as the models see it: ids and genres, in a stable order. */
export async function catalogGenres(db: Db) {
  return db.select({ id: movies.id, genres: movies.genres }).from(movies).orderBy(asc(movies.id));
}

export async function allFavoriteGenres(db: Db) {
  return db.select({ userId: favoriteGenres.userId, genres: favoriteGenres.genres }).from(favoriteGenres);
}

export async function findFavoriteGenres(db: Db, userId: string) {
  const [row] = await db.select({ genres: favoriteGenres.genres, updatedAt: favoriteGenres.updatedAt }).from(favoriteGenres).where(eq(favoriteGenres.userId, userId));
  return row ?? null;
}

export async function saveFavoriteGenres(db: Db, userId: string, genres: string[], now: Date) {
  const [row] = await db
    .insert(favoriteGenres)
    .values({ userId, genres, updatedAt: now })
    .onConflictDoUpdate({ target: favoriteGenres.userId, set: { genres, updatedAt: now } })
    .returning({ genres: favoriteGenres.genres, updatedAt: favoriteGenres.updatedAt });
  return row!;
}

/** Titles, genres and release dates of some movies, for rendering lists and reasons. */
export async function movieCards(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: movies.id, title: movies.title, genres: movies.genres, releaseDate: movies.releaseDate }).from(movies).where(inArray(movies.id, ids));
}

/** The most recently released movies, for the one "new release" slot of a list. */
export async function recentReleases(db: Db, params: { since: string; limit: number }) {
  return db
    .select({ id: movies.id })
    .from(movies)
    .where(sql`${movies.releaseDate} >= ${params.since}`)
    .orderBy(desc(movies.releaseDate), asc(movies.id))
    .limit(params.limit);
}

/**
 * The seed's genres_top, without a model: movies with any of the genres (all movies for null), by
 * how many people watched, rated or favorited them, then by average rating. Movies the user
 * touched are left out (with no user, as for a visitor, nothing is).
 */
export async function topMoviesInGenres(db: Db, params: { genres: string[] | null; excludeUserId: string | null; limit: number }) {
  if (params.genres && !params.genres.length) return [];
  const inGenres = params.genres ? sql`m.genres && array(select jsonb_array_elements_text(${JSON.stringify(params.genres)}::jsonb))` : sql`true`;
  const rows = rowsOf<{ id: string; title: string; genres: string[]; interactions: number | string; average_rating: number | string | null }>(
    await db.execute(sql`
      with people as (
        select movie_id, user_id from ratings
        union
        select movie_id, user_id from events where type in ('watch', 'favorite') and movie_id is not null and processed_at is not null and dead_lettered_at is null
      ),
      seen as (select movie_id from people where user_id = ${params.excludeUserId ?? ""})
      select m.id, m.title, m.genres, count(p.user_id) as interactions,
             (select avg(r.rating) from ratings r where r.movie_id = m.id) as average_rating
        from movies m join people p on p.movie_id = m.id
       where ${inGenres} and m.id not in (select movie_id from seen)
       group by m.id
       order by count(p.user_id) desc, average_rating desc nulls last, m.id
       limit ${params.limit}
    `),
  );
  return rows.map((r) => ({
    movieId: r.id,
    title: r.title,
    genres: r.genres,
    interactions: Number(r.interactions),
    averageRating: r.average_rating === null ? null : Math.round(Number(r.average_rating) * 100) / 100,
  }));
}

// ---- model versions ----

/** What lists and the API show of a version: everything but its bytes. */
const versionColumns = {
  id: modelVersions.id,
  algorithm: modelVersions.algorithm,
  status: modelVersions.status,
  source: modelVersions.source,
  active: modelVersions.active,
  hyperparameters: modelVersions.hyperparameters,
  seed: modelVersions.seed,
  counts: modelVersions.counts,
  metrics: modelVersions.metrics,
  trainingMs: modelVersions.trainingMs,
  artifactBytes: modelVersions.artifactBytes,
  progress: modelVersions.progress,
  progressLabel: modelVersions.progressLabel,
  error: modelVersions.error,
  createdAt: modelVersions.createdAt,
  startedAt: modelVersions.startedAt,
  finishedAt: modelVersions.finishedAt,
  activatedAt: modelVersions.activatedAt,
};
export type ModelVersionSummary = Awaited<ReturnType<typeof findModelVersion>> & {};

export async function insertModelVersion(
  db: Db,
  row: { algorithm: RecommenderAlgorithm; hyperparameters: Record<string, unknown>; seed: number; requestedBy: string | null; source?: "trained" | "imported" },
) {
  const [inserted] = await db
    .insert(modelVersions)
    .values({ algorithm: row.algorithm, hyperparameters: row.hyperparameters, seed: row.seed, requestedBy: row.requestedBy, source: row.source ?? "trained" })
    .returning(versionColumns);
  return inserted!;
}

export async function findModelVersion(db: Db, id: number) {
  const [row] = await db.select(versionColumns).from(modelVersions).where(eq(modelVersions.id, id));
  return row ?? null;
}

export async function listModelVersions(db: Db, params: { algorithm?: string; limit: number; offset: number }) {
  const where = params.algorithm ? eq(modelVersions.algorithm, params.algorithm) : undefined;
  const [items, [total]] = await Promise.all([
    db.select(versionColumns).from(modelVersions).where(where).orderBy(desc(modelVersions.id)).limit(params.limit).offset(params.offset),
    db.select({ n: count() }).from(modelVersions).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function activeModelVersions(db: Db) {
  return db.select(versionColumns).from(modelVersions).where(eq(modelVersions.active, true)).orderBy(asc(modelVersions.algorithm));
}

export async function countModelVersions(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(modelVersions);
  return row?.n ?? 0;
}

/** A version's encoded model, for loading it into memory. */
export async function loadModelArtifact(db: Db, id: number) {
  const [row] = await db
    .select({ id: modelVersions.id, algorithm: modelVersions.algorithm, status: modelVersions.status, meta: modelVersions.meta, artifact: modelVersions.artifact })
    .from(modelVersions)
    .where(eq(modelVersions.id, id));
  return row ?? null;
}

export async function updateModelProgress(db: Db, id: number, patch: { status?: ModelStatus; progress?: number; progressLabel?: string | null; startedAt?: Date; error?: string | null; finishedAt?: Date }) {
  const [row] = await db.update(modelVersions).set(patch).where(eq(modelVersions.id, id)).returning(versionColumns);
  return row ?? null;
}

export async function saveTrainedModel(
  db: Db,
  id: number,
  result: { meta: Record<string, unknown>; artifact: Buffer; counts: { users: number; items: number; interactions: number }; metrics: ModelMetrics | null; trainingMs: number; finishedAt: Date },
) {
  const [row] = await db
    .update(modelVersions)
    .set({
      status: "ready",
      meta: result.meta,
      artifact: result.artifact,
      artifactBytes: result.artifact.byteLength,
      counts: result.counts,
      metrics: result.metrics,
      trainingMs: result.trainingMs,
      progress: 1,
      progressLabel: "done",
      error: null,
      finishedAt: result.finishedAt,
    })
    .where(eq(modelVersions.id, id))
    .returning(versionColumns);
  return row ?? null;
}

/** Makes a ready version its algorithm's active one, and no other (one transaction). */
export async function activateModelVersion(db: Db, id: number, now: Date) {
  return db.transaction(async (tx) => {
    const [target] = await tx.select({ algorithm: modelVersions.algorithm, status: modelVersions.status }).from(modelVersions).where(eq(modelVersions.id, id)).for("update");
    if (!target || target.status !== "ready") return target ? { activated: false as const, status: target.status } : null;
    await tx.update(modelVersions).set({ active: false }).where(and(eq(modelVersions.algorithm, target.algorithm), eq(modelVersions.active, true)));
    await tx.update(modelVersions).set({ active: true, activatedAt: now }).where(eq(modelVersions.id, id));
    return { activated: true as const, algorithm: target.algorithm };
  });
}

// ---- the cache of top lists ----

/** A user's cached list for an algorithm, with when their features last changed (for freshness). */
export type CachedList = { modelVersionId: number; items: CachedRecommendation[]; computedAt: Date; featuresUpdatedAt: Date | null };

/** Cached lists for several (user, algorithm) pairs in one query, one answer (or null) per pair, in order. */
export async function findCachedLists(db: Db, keys: readonly { userId: string; algorithm: string }[]): Promise<(CachedList | null)[]> {
  if (!keys.length) return [];
  const rows = await db
    .select({ userId: recommendationCache.userId, algorithm: recommendationCache.algorithm, modelVersionId: recommendationCache.modelVersionId, items: recommendationCache.items, computedAt: recommendationCache.computedAt, featuresUpdatedAt: userFeatures.updatedAt })
    .from(recommendationCache)
    .leftJoin(userFeatures, eq(userFeatures.userId, recommendationCache.userId))
    .where(and(inArray(recommendationCache.userId, [...new Set(keys.map((k) => k.userId))]), inArray(recommendationCache.algorithm, [...new Set(keys.map((k) => k.algorithm))])));
  const byKey = new Map(rows.map(({ userId, algorithm, ...row }) => [`${algorithm} ${userId}`, row]));
  return keys.map((k) => byKey.get(`${k.algorithm} ${k.userId}`) ?? null);
}

export async function saveCachedLists(db: Db, rows: { userId: string; algorithm: string; modelVersionId: number; items: CachedRecommendation[]; computedAt: Date }[]) {
  if (!rows.length) return;
  await db
    .insert(recommendationCache)
    .values(rows)
    .onConflictDoUpdate({
      target: [recommendationCache.userId, recommendationCache.algorithm],
      set: { modelVersionId: sql`excluded.model_version_id`, items: sql`excluded.items`, computedAt: sql`excluded.computed_at` },
    });
}

/** Users with any activity (events or ratings) since `since`: whose lists the nightly job precomputes. */
export async function activeUserIds(db: Db, since: Date): Promise<string[]> {
  const rows = rowsOf<{ user_id: string }>(
    await db.execute(sql`
      select user_id from events where server_timestamp >= ${since.toISOString()}::timestamptz
      union
      select user_id from ratings where rated_at >= ${since.toISOString()}::timestamptz
    `),
  );
  return rows.map((r) => r.user_id);
}

// ---- recommendation sessions ----

export interface NewSession {
  sessionId: string;
  createdAt: Date;
  userId: string;
  algorithm: string;
  modelVersionId: number | null;
  context: string;
  movieIds: string[];
  cached: boolean;
  experimentId?: string | null;
  variant?: string | null;
  userType?: string | null;
  actionCycle?: number | null;
}

/**
 * Stores sessions as one JSON parameter, whatever their number: the statement's text never changes,
 * so each connection prepares it once. (A multi-row VALUES is a new statement for every group
 * size, and drizzle builds it parameter by parameter.)
 */
export async function insertSessions(db: Db, rows: NewSession[]) {
  if (!rows.length) return;
  const records = rows.map((r) => ({
    session_id: r.sessionId,
    created_at: r.createdAt.toISOString(),
    user_id: r.userId,
    algorithm: r.algorithm,
    model_version_id: r.modelVersionId,
    context: r.context,
    movie_ids: r.movieIds,
    cached: r.cached,
    experiment_id: r.experimentId ?? null,
    variant: r.variant ?? null,
    user_type: r.userType ?? null,
    action_cycle: r.actionCycle ?? null,
  }));
  await db.execute(sql`
    insert into recommendation_sessions (session_id, created_at, user_id, algorithm, model_version_id, context, movie_ids, cached, experiment_id, variant, user_type, action_cycle)
    select session_id, created_at, user_id, algorithm, model_version_id, context, movie_ids, cached, experiment_id, variant, user_type, action_cycle
      from json_populate_recordset(null::recommendation_sessions, ${JSON.stringify(records)}::json)
  `);
}

/** A session by id and the instant it was created (from its UUIDv7): the day's partition only. */
export async function findSession(db: Db, sessionId: string, createdAt: Date) {
  const [row] = await db
    .select()
    .from(recommendationSessions)
    .where(and(eq(recommendationSessions.createdAt, createdAt), eq(recommendationSessions.sessionId, sessionId)));
  return row ?? null;
}

const PARTITION_PREFIX = "recommendation_sessions_";

/** The daily partitions that exist, by their day (YYYY-MM-DD). */
export async function sessionPartitionDays(db: Db): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
       where p.relname = 'recommendation_sessions'
    `),
  );
  return rows
    .map((r) => r.name.slice(PARTITION_PREFIX.length))
    .filter((day) => /^\d{8}$/.test(day))
    .map((day) => `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`)
    .sort();
}

/** Creates the partition of one UTC day (YYYY-MM-DD) if it is missing. */
export async function createSessionPartition(db: Db, day: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Not a day: ${day}`);
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const name = PARTITION_PREFIX + day.replaceAll("-", "");
  await db.execute(sql.raw(`create table if not exists "${name}" partition of recommendation_sessions for values from ('${day} 00:00:00+00') to ('${next} 00:00:00+00')`));
}

/** Drops a day's partition: retention frees a whole day at once, without a slow delete. */
export async function dropSessionPartition(db: Db, day: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Not a day: ${day}`);
  await db.execute(sql.raw(`drop table if exists "${PARTITION_PREFIX + day.replaceAll("-", "")}"`));
}

/** Sessions that fell into the default partition (no day partition yet) and are past retention. */
export async function deleteDefaultPartitionSessionsBefore(db: Db, before: Date) {
  await db.execute(sql`delete from recommendation_sessions_default where created_at < ${before.toISOString()}::timestamptz`);
}
