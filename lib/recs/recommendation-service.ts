import "server-only";
import type { DatabaseHandle, Db } from "@/db/client";
import { listGenres } from "@/db/queries/movies";
import {
  activeUserIds,
  findCachedLists,
  findFavoriteGenres,
  interactionRows,
  movieCards,
  recentReleases,
  saveCachedLists,
  saveFavoriteGenres,
  topMoviesInGenres,
} from "@/db/queries/recs";
import { logExperimentSession } from "@/db/queries/experiments";
import { dismissedMovieIds, likedMovieIds } from "@/db/queries/feedback";
import { findUserById } from "@/db/queries/users";
import type { CachedRecommendation } from "@/db/schema";
import { KNOWN_GENRES } from "@/lib/catalog/contract";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { experimentForContext, variantFor } from "@/lib/experiments/experiment-service";
import { GroupCommit } from "@/lib/async/group-commit";
import { onePerKey } from "@/lib/async/one-per-key";
import { WriteBehind } from "@/lib/async/write-behind";
import { logger } from "@/lib/log/logger";
import { composeList, type HistoryEntry } from "./compose-list";
import { GENRES_TOP_CONTEXT, MAX_LIKES_LISTED, MAX_RECOMMENDATIONS, recommenderAlgorithms, SIMILAR_CONTEXT, type Recommendations, type RecommenderAlgorithm, type SimilarMovies, type UserLikes } from "./contract";
import { similarItems } from "./model";
import { getModelStore, type LoadedModel } from "./model-store-service";
import { moviesNamedIn, reasonPhrases } from "./reasons";
import { newSessionId } from "./session-id";
import { logSession } from "./session-log";
import { scoreRange, topK } from "./top-k";
import { genresForUser } from "./user-genres";

export interface RecsContext {
  db: Db;
  handle: DatabaseHandle;
  now: Date;
}

/** A recent release is one from the last half year; the newest the user does not know gets a slot. */
const RECENT_RELEASE_DAYS = 183;

export async function historyOf(db: Db, userId: string): Promise<HistoryEntry[]> {
  return (await interactionRows(db, { userId })).map(({ movieId, weight, kind }) => ({ movieId, weight, kind }));
}

/**
 * A user's list of `size` from one model, rendered (titles and reasons), fresh from their current
 * history: what the cache holds and what a cache miss answers.
 */
export async function computeList(ctx: RecsContext, loaded: LoadedModel, userId: string, size: number): Promise<CachedRecommendation[]> {
  const { db, now } = ctx;
  const model = loaded.model;
  const [history, picked, dismissed, recent] = await Promise.all([
    historyOf(db, userId),
    findFavoriteGenres(db, userId),
    dismissedMovieIds(db, userId),
    recentReleases(db, { since: new Date(now.getTime() - RECENT_RELEASE_DAYS * 86_400_000).toISOString().slice(0, 10), limit: 20 }),
  ]);
  const genres = genresForUser(picked?.genres, history, (movieId) => {
    const index = model.lookup.itemIndex.get(movieId);
    return index === undefined ? undefined : model.itemGenres[index];
  });
  const known = new Set([...history.map((h) => h.movieId), ...dismissed]);
  const entries = composeList({ model, userId, history, genres, excluded: new Set(dismissed), size, recentRelease: recent.find((r) => !known.has(r.id))?.id ?? null });
  const cards = new Map((await movieCards(db, [...new Set(entries.flatMap((e) => [e.movieId, ...moviesNamedIn(e.reasons)]))])).map((c) => [c.id, c]));
  // A movie deleted since the model was trained is left out rather than shown without a title.
  return entries
    .filter((e) => cards.has(e.movieId))
    .map((e) => ({ movieId: e.movieId, title: cards.get(e.movieId)!.title, score: e.score, reasons: reasonPhrases(e.reasons, (id) => cards.get(id)?.title), source: e.source }));
}

/** Without any trained model yet: the most popular movies in the user's genres, then overall. */
async function popularWithoutModel(ctx: RecsContext, userId: string, size: number): Promise<CachedRecommendation[]> {
  const [history, picked, dismissed] = await Promise.all([historyOf(ctx.db, userId), findFavoriteGenres(ctx.db, userId), dismissedMovieIds(ctx.db, userId)]);
  const cards = new Map((await movieCards(ctx.db, history.map((h) => h.movieId))).map((c) => [c.id, c]));
  const genres = genresForUser(picked?.genres, history, (id) => cards.get(id)?.genres);
  const wanted = size + dismissed.length;
  const inGenres = await topMoviesInGenres(ctx.db, { genres, excludeUserId: userId, limit: wanted });
  const overall = inGenres.length < wanted ? await topMoviesInGenres(ctx.db, { genres: null, excludeUserId: userId, limit: wanted }) : [];
  // Movies the user turned down never come back, with or without a model.
  const seen = new Set<string>(dismissed);
  const picks = [...inGenres.map((m) => ({ m, genre: genres.find((g) => m.genres.includes(g)) })), ...overall.map((m) => ({ m, genre: undefined }))].filter(({ m }) => !seen.has(m.movieId) && seen.add(m.movieId));
  const most = Math.max(1, ...picks.map(({ m }) => m.interactions));
  return picks.slice(0, size).map(({ m, genre }) => ({ movieId: m.movieId, title: m.title, score: Math.round((m.interactions / most) * 1000) / 1000, reasons: [genre ? `popular in ${genre}` : "popular on Marquee"], source: genre ? "genre" : "popular" }));
}

/**
 * The cache read of GET /recommend is one statement for all the requests that arrive while the
 * previous one is in flight: at hundreds of lists a second it is otherwise a round trip per request.
 * (The session log is written behind the answer: ./session-log.ts.)
 */
const cacheReader = onePerKey((db: Db) => new GroupCommit((keys: { userId: string; algorithm: string }[]) => findCachedLists(db, keys)));

/**
 * A list computed for a request holds what was asked, at least a page's worth: explaining, titling
 * and storing each movie is most of a fresh list's cost, and a request that asks for more later
 * computes again. The nightly precomputation keeps MAX_RECOMMENDATIONS per user.
 */
const ONLINE_LIST_SIZE = 20;

/**
 * A list computed for a request is stored behind the answer (lib/async/write-behind.ts), as its
 * session is: this instance serves it from memory meanwhile, and other instances find it in the
 * table a moment later. Within a write, a user's latest list per model is the one kept, and a list
 * whose user had news since it was computed (a rating applied, a movie turned down: the ListCache
 * hears of it from every instance) is not stored at all, so a late write never brings back a list
 * that feedback has just cleared. Feedback also waits for this instance's writes before it clears.
 */
interface ComputedList {
  row: Parameters<typeof saveCachedLists>[1][number];
  stillCurrent(): boolean;
}
const listSaverFor = onePerKey(
  (db: Db) =>
    new WriteBehind(
      (lists: ComputedList[]) => {
        const current = lists.filter((list) => list.stillCurrent()).map((list) => list.row);
        return saveCachedLists(db, [...new Map(current.map((row) => [`${row.userId}\u0000${row.algorithm}`, row])).values()]);
      },
      { maxRows: 200, maxDelayMs: 50, onError: (error, list) => logger.warn({ err: error, userId: list.row.userId, algorithm: list.row.algorithm }, "could not store a computed list") },
    ),
);

/** Stores the lists this instance computed and has not stored yet (before feedback clears a user's). */
export function flushComputedLists(db: Db): Promise<void> {
  return listSaverFor(db).flush();
}

export interface RecommendRequest {
  userId: string;
  k: number;
  context: string;
  model?: RecommenderAlgorithm;
  userType?: "A" | "B";
  actionCycle?: number;
}

/**
 * GET /recommend/{userId}: the model asked for, or the running experiment's variant for this user
 * (sticky), or the configured default; from the cache while it is fresh, else computed; logged as
 * a session (with its experiment's totals, in the same statement, before the answer).
 */
export async function recommend(ctx: RecsContext, request: RecommendRequest): Promise<Recommendations> {
  const { db, now } = ctx;
  let algorithm: RecommenderAlgorithm = request.model ?? env().RECS_DEFAULT_MODEL;
  let pinned: number | null = null;
  let assignment: { experimentId: string; variant: string } | null = null;
  if (!request.model) {
    const experiment = await experimentForContext(db, request.context, now);
    if (experiment) {
      const variant = variantFor(experiment, request.userId, request.userType ?? null);
      algorithm = variant.algorithm;
      pinned = variant.version;
      assignment = { experimentId: experiment.id, variant: variant.name };
    }
  }
  const store = await getModelStore(ctx.handle);
  const loaded = pinned !== null ? await store.getVersion(pinned) : await store.get(algorithm);
  let items: CachedRecommendation[];
  let cached = false;
  if (loaded) {
    const ticket = store.lists.ticket();
    const inMemory = store.lists.get(request.userId, algorithm, loaded.version);
    if (inMemory && inMemory.length >= request.k) {
      items = inMemory;
      cached = true;
    } else {
      const row = await cacheReader(db).submit({ userId: request.userId, algorithm });
      // Fresh: made by the model served now, after the user's events were last applied.
      const fresh = row && row.modelVersionId === loaded.version && (!row.featuresUpdatedAt || row.computedAt >= row.featuresUpdatedAt) && row.items.length >= request.k;
      if (fresh) {
        items = row.items;
        cached = true;
      } else {
        items = await computeList(ctx, loaded, request.userId, Math.max(request.k, ONLINE_LIST_SIZE));
        listSaverFor(db).add({ row: { userId: request.userId, algorithm, modelVersionId: loaded.version, items, computedAt: now }, stillCurrent: () => store.lists.isCurrent(request.userId, ticket) });
      }
      store.lists.set(request.userId, algorithm, loaded.version, items, ticket);
    }
  } else {
    items = await popularWithoutModel(ctx, request.userId, request.k);
  }
  const shown = items.slice(0, request.k);
  const sessionId = newSessionId(now);
  const session = {
    sessionId,
    createdAt: now,
    userId: request.userId,
    algorithm,
    modelVersionId: loaded?.version ?? null,
    context: request.context,
    movieIds: shown.map((i) => i.movieId),
    cached,
    userType: request.userType ?? null,
    actionCycle: request.actionCycle ?? null,
  };
  // An experiment's session also moves its variant's totals, which its results read: stored now.
  if (assignment) await logExperimentSession(db, { ...session, ...assignment });
  else logSession(db, session);
  return {
    userId: request.userId,
    sessionId,
    model: algorithm,
    modelVersion: loaded?.version ?? null,
    experiment: assignment ? { id: assignment.experimentId, variant: assignment.variant } : null,
    cached,
    movieIds: shown.map((i) => i.movieId),
    recommendations: shown.map(({ movieId, title, score, reasons }) => ({ movieId, title, score, reasons })),
    generatedAt: now.toISOString(),
    context: request.context,
  };
}

/**
 * Logs a list that is not GET /recommend's (similar movies, popular in the user's genres) as a
 * session of its own, so the viewer's likes, dislikes and selections on it join to what was shown.
 * Null for an empty list: there is nothing to give feedback on.
 */
function logShownList(ctx: RecsContext, session: { userId: string; algorithm: string; modelVersionId: number | null; context: string; movieIds: string[] }): string | null {
  if (!session.movieIds.length) return null;
  const sessionId = newSessionId(ctx.now);
  logSession(ctx.db, { ...session, sessionId, createdAt: ctx.now, cached: false });
  return sessionId;
}

/**
 * GET /movies/{id}/similar: item to item from the model; a movie it has not seen, by its genres.
 * For a signed-in `userId`, the movies they turned down are left out and the list is logged as a
 * session (context "similar") for their feedback; without one (a visitor) nothing is logged.
 */
export async function similarMovies(ctx: RecsContext, movieId: string, k: number, options: { userId?: string; requested?: RecommenderAlgorithm } = {}): Promise<SimilarMovies> {
  const { requested, userId } = options;
  const [[movie], dismissedIds] = await Promise.all([movieCards(ctx.db, [movieId]), userId === undefined ? [] : dismissedMovieIds(ctx.db, userId)]);
  if (!movie) throw new AppError("not_found:movie", `No movie with id '${movieId}'`, { fields: { id: "Not found" } });
  const dismissed = new Set(dismissedIds);
  const store = await getModelStore(ctx.handle);
  // Popularity has no notion of similar movies: the default model answers, else any that can.
  const order = [requested ?? env().RECS_DEFAULT_MODEL, ...recommenderAlgorithms].filter((a) => a !== "popular");
  for (const algorithm of [...new Set(order)]) {
    const loaded = await store.get(algorithm);
    if (!loaded) continue;
    const model = loaded.model;
    const scores = new Float32Array(model.itemIds.length);
    const index = model.lookup.itemIndex.get(movieId);
    if (!similarItems(model, index ?? { genres: movie.genres }, scores)) continue;
    const top = topK(scores, k + dismissed.size);
    if (!top.indices.length) continue;
    const { max } = scoreRange(top.scores);
    const cards = new Map((await movieCards(ctx.db, Array.from(top.indices, (i) => model.itemIds[i]!))).map((c) => [c.id, c]));
    const items = Array.from(top.indices, (item, i) => ({ item, score: top.scores[i]! }))
      .filter(({ item }) => cards.has(model.itemIds[item]!) && !dismissed.has(model.itemIds[item]!))
      .slice(0, k)
      .map(({ item, score }) => {
        const card = cards.get(model.itemIds[item]!)!;
        return { movieId: card.id, title: card.title, genres: card.genres, score: Math.max(0, Math.round((max > 0 ? score / max : 0) * 1000) / 1000) };
      });
    const sessionId = userId === undefined ? null : logShownList(ctx, { userId, algorithm, modelVersionId: loaded.version, context: SIMILAR_CONTEXT, movieIds: items.map((i) => i.movieId) });
    return { movieId, model: algorithm, modelVersion: loaded.version, sessionId, items };
  }
  return { movieId, model: requested ?? env().RECS_DEFAULT_MODEL, modelVersion: null, sessionId: null, items: [] };
}

/** GET /genres/top: the seed's genres_top, from the catalog and the audience, without a model; logged as a session (context "genres-top"). */
export async function topInUserGenres(ctx: RecsContext, userId: string, limit: number) {
  const [history, picked] = await Promise.all([historyOf(ctx.db, userId), findFavoriteGenres(ctx.db, userId)]);
  const cards = new Map((await movieCards(ctx.db, history.map((h) => h.movieId))).map((c) => [c.id, c]));
  const genres = genresForUser(picked?.genres, history, (id) => cards.get(id)?.genres);
  // A movie the user turned down leaves this list too, as it leaves their recommendations.
  const dismissed = new Set(await dismissedMovieIds(ctx.db, userId));
  const items = (await topMoviesInGenres(ctx.db, { genres, excludeUserId: userId, limit: limit + dismissed.size })).filter((m) => !dismissed.has(m.movieId)).slice(0, limit);
  const sessionId = logShownList(ctx, { userId, algorithm: "genres-top", modelVersionId: null, context: GENRES_TOP_CONTEXT, movieIds: items.map((m) => m.movieId) });
  return { userId, genres, sessionId, items };
}

/** GET /users/{userId}/likes: the movies the user likes now, on any list (all of them, or among `movieIds`). */
export async function userLikes(db: Db, userId: string, movieIds?: string[]): Promise<UserLikes> {
  await assertUserExists(db, userId);
  return { userId, movieIds: await likedMovieIds(db, userId, { movieIds, limit: MAX_LIKES_LISTED }) };
}

/** The most popular movies overall, for visitors who are not signed in. */
export async function popularMovies(db: Db, limit: number) {
  return topMoviesInGenres(db, { genres: null, excludeUserId: null, limit });
}

export async function favoriteGenresOf(db: Db, userId: string) {
  await assertUserExists(db, userId);
  const row = await findFavoriteGenres(db, userId);
  return { userId, genres: row?.genres ?? [], updatedAt: row?.updatedAt.toISOString() ?? null };
}

/** Sets up to three genres, each one the catalog or the forms know; the user's lists follow at once. */
export async function setFavoriteGenres(db: Db, userId: string, genres: string[], now: Date) {
  await assertUserExists(db, userId);
  const known = new Map<string, string>();
  for (const genre of [...KNOWN_GENRES, ...(await listGenres(db)).map((g) => g.genre)]) known.set(genre.toLowerCase(), genre);
  const fields: Record<string, string> = {};
  const canonical = genres.map((genre, i) => {
    const match = known.get(genre.toLowerCase());
    if (!match) fields[`genres.${i}`] = `Unknown genre '${genre}'`;
    return match ?? genre;
  });
  if (Object.keys(fields).length) throw new AppError("bad_request:genres", `Unknown genre: ${Object.values(fields)[0]}`, { fields });
  const row = await saveFavoriteGenres(db, userId, canonical, now);
  return { userId, genres: row.genres, updatedAt: row.updatedAt.toISOString() };
}

async function assertUserExists(db: Db, userId: string) {
  if (!(await findUserById(db, userId))) throw new AppError("not_found:user", `No user with id '${userId}'`, { fields: { userId: "Not found" } });
}

/** The nightly precomputation: every active user's top 100 from each served model, into the cache. */
export async function precomputeActiveUsers(ctx: RecsContext, options: { activeDays?: number } = {}) {
  const users = await activeUserIds(ctx.db, new Date(ctx.now.getTime() - (options.activeDays ?? 30) * 86_400_000));
  const store = await getModelStore(ctx.handle);
  let lists = 0;
  for (const algorithm of recommenderAlgorithms) {
    const loaded = await store.get(algorithm);
    if (!loaded) continue;
    for (const userId of users) {
      try {
        const items = await computeList(ctx, loaded, userId, MAX_RECOMMENDATIONS);
        await saveCachedLists(ctx.db, [{ userId, algorithm, modelVersionId: loaded.version, items, computedAt: new Date() }]);
        lists++;
      } catch (error) {
        logger.warn({ err: error, userId, algorithm }, "could not precompute a list");
      }
    }
  }
  return { users: users.length, lists };
}
