import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSession, insertModelVersion, insertSessions, loadModelArtifact } from "@/db/queries/recs";
import { formatFactorCsv, parseFactorCsv } from "@/lib/recs/factor-csv";
import { importAlsFactors } from "@/lib/recs/import-service";
import { decodeModel, type AlsModel } from "@/lib/recs/model";
import { upsertRatings } from "@/db/queries/events";
import { insertMovie } from "@/db/queries/movies";
import { createUser } from "@/db/queries/users";
import { ingestEvents } from "@/lib/events/ingest";
import { processPendingEvents } from "@/lib/events/process-events";
import { maintainSessionPartitions } from "@/lib/recs/session-service";
import { newSessionId, sessionCreatedAt } from "@/lib/recs/session-id";
import { findLoggedSession, flushSessionLog, OTHER_INSTANCE_WRITE_MS, SESSION_LOG_DELAY_MS } from "@/lib/recs/session-log";
import { trainVersion } from "@/lib/recs/training-service";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, tokenFor, type Caller } from "@/test/http";
import * as recommendRoute from "@/pages/api/v1/recommend/[userId]";
import * as similarRoute from "../movies/[id]/similar/route";
import * as genresTopRoute from "../genres/top/route";
import * as feedbackRoute from "../feedback/route";
import * as userGenresRoute from "../users/[userId]/genres/route";
import * as modelInfoRoute from "../model/info/route";
import * as reloadRoute from "../model/reload/route";
import * as modelsRoute from "../models/route";
import * as activateRoute from "../models/[version]/activate/route";

/**
 * The engine end to end on a real database: two audiences with tastes of their own (crime fans
 * and animation fans), a model trained on them on its own thread, and the lists it serves.
 */
let t: TestDatabase;
let admin: Caller;
let recsToken: Caller;
let eventsToken: Caller;

const crime = Array.from({ length: 12 }, (_, i) => ({ id: `crime-${i}`, title: `Crime Story ${i}`, genres: ["Crime", "Thriller"] }));
const animation = Array.from({ length: 12 }, (_, i) => ({ id: `anim-${i}`, title: `Cartoon ${i}`, genres: ["Animation", "Children"] }));
const now = new Date();

async function trained(algorithm: "als" | "ease" | "hybrid" | "popular", activate = true) {
  const version = await insertModelVersion(t.db, { algorithm, hyperparameters: algorithm === "als" ? { factors: 8, iterations: 10, regularization: 0.5 } : {}, seed: 1, requestedBy: null });
  const outcome = await trainVersion(t, version.id, { activate, now: () => new Date() });
  expect(outcome.status).toBe("ready");
  return version.id;
}

/** Asks until the answer passes `done`, for two seconds at most; the last answer either way. */
async function eventually<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const until = Date.now() + 2_000;
  let answer = await ask();
  while (!done(answer) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    answer = await ask();
  }
  return answer;
}

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await sessionFor(t.db, "admin");
  recsToken = await tokenFor(t.db, ["recs:read"]);
  eventsToken = await tokenFor(t.db, ["events:write"]);
  for (const movie of [...crime, ...animation]) await insertMovie(t.db, movie.id, { title: movie.title, genres: movie.genres, year: 2000, runtimeMinutes: 100, overview: "", releaseDate: null, tmdbId: null, imdbId: null });
  const ratings: { userId: string; movieId: string; rating: number; at: string }[] = [];
  // Each fan rated 8 of their side's 12 movies, the choice shifting from fan to fan.
  for (let u = 0; u < 20; u++) {
    const side = u % 2 === 0 ? crime : animation;
    const userId = `fan-${u}`;
    await createUser(t.db, { id: userId, role: "viewer", displayName: `Fan ${u}` });
    for (let j = 0; j < 8; j++) ratings.push({ userId, movieId: side[(u + j) % 12]!.id, rating: 4.5, at: now.toISOString() });
  }
  await upsertRatings(t.db, ratings);
  await maintainSessionPartitions(t.db, { now, retentionDays: 90 });
});
afterAll(() => t.destroy());

describe("GET /api/v1/recommend/{userId}", () => {
  it("gives a crime fan unseen crime movies from the trained ALS model, with reasons, and logs the session", async () => {
    const version = await trained("als");
    const res = await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-0?k=4&model=als", params: { userId: "fan-0" }, as: recsToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: "fan-0", model: "als", modelVersion: version, cached: false, context: "home" });
    expect(res.body.movieIds).toHaveLength(4);
    const seen = new Set(Array.from({ length: 8 }, (_, j) => crime[j]!.id));
    for (const id of res.body.movieIds) {
      expect(id).toMatch(/^crime-/);
      expect(seen.has(id)).toBe(false);
    }
    for (const item of res.body.recommendations) {
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.score).toBeLessThanOrEqual(1);
      expect(item.reasons.length).toBeGreaterThan(0);
    }
    expect(res.body.recommendations[0].reasons[0]).toMatch(/^because you liked Crime Story \d+$/);
    // The log is written behind the answer (lib/recs/session-log.ts).
    await flushSessionLog(t.db);
    const logged = await findSession(t.db, res.body.sessionId, sessionCreatedAt(res.body.sessionId)!);
    expect(logged).toMatchObject({ userId: "fan-0", algorithm: "als", modelVersionId: version, movieIds: res.body.movieIds });
  });

  it("finds a session answered moments ago, by this instance (still buffered) or by another (stored a little later)", async () => {
    const res = await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-0?k=3&model=als", params: { userId: "fan-0" }, as: recsToken });
    expect(await findLoggedSession(t.db, res.body.sessionId)).toMatchObject({ userId: "fan-0", movieIds: res.body.movieIds });

    // Another instance stores its session while this one waits for it: the wait is what its flush
    // may take, and the session is looked up once more after it.
    const createdAt = new Date();
    const elsewhere = { sessionId: newSessionId(createdAt), createdAt, userId: "fan-0", algorithm: "als", modelVersionId: null, context: "home", movieIds: ["crime-1"], cached: true };
    const waits: number[] = [];
    const whileWaiting = async (ms: number) => {
      waits.push(ms);
      await insertSessions(t.db, [elsewhere]);
    };
    const found = await findLoggedSession(t.db, elsewhere.sessionId, { now: () => createdAt.getTime(), sleep: whileWaiting });
    expect(found).toMatchObject({ sessionId: elsewhere.sessionId, movieIds: ["crime-1"] });
    expect(waits).toEqual([SESSION_LOG_DELAY_MS + OTHER_INSTANCE_WRITE_MS]);
    // A young session nobody stores is not found after that one wait.
    const never = newSessionId(createdAt);
    expect(await findLoggedSession(t.db, never, { now: () => createdAt.getTime(), sleep: async () => {} })).toBeNull();

    const old = new Date(Date.now() - 60_000);
    expect(await findLoggedSession(t.db, newSessionId(old))).toBeNull();
  });

  it("answers the same list from the cache next time", async () => {
    const first = await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-1?k=5&model=als", params: { userId: "fan-1" }, as: recsToken });
    const second = await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-1?k=5&model=als", params: { userId: "fan-1" }, as: recsToken });
    expect(second.body.cached).toBe(true);
    expect(second.body.movieIds).toEqual(first.body.movieIds);
    expect(second.body.sessionId).not.toBe(first.body.sessionId);
  });

  it("drops a movie the user just rated from their next list, without retraining", async () => {
    const before = await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-2?k=3&model=als", params: { userId: "fan-2" }, as: recsToken });
    const top = before.body.movieIds[0] as string;
    await ingestEvents(t.db, { kind: "token", tokenId: "t", userId: eventsToken.userId, scopes: ["events:write"] }, [{ type: "rating", userId: "fan-2", movieId: top, metadata: { rating: 2 } }], {
      now: new Date(),
      fieldOf: (_, field) => field,
    });
    await processPendingEvents(t.db, { now: () => new Date(Date.now() + 1000), halfLifeHours: 24 });
    // Every instance hears of the applied events from the database, within moments of the commit.
    const after = await eventually(
      () => call(recommendRoute.GET, { path: "/api/v1/recommend/fan-2?k=3&model=als", params: { userId: "fan-2" }, as: recsToken }),
      (res) => !res.body.movieIds.includes(top),
    );
    expect(after.body.cached).toBe(false);
    expect(after.body.movieIds).not.toContain(top);
    expect(after.body.modelVersion).toBe(before.body.modelVersion);
  });

  it("fills a full list for a brand-new user from the fallbacks, not an error", async () => {
    const res = await call(recommendRoute.GET, { path: "/api/v1/recommend/newcomer?k=10&model=als", params: { userId: "newcomer" }, as: recsToken });
    expect(res.status).toBe(200);
    expect(res.body.movieIds).toHaveLength(10);
    expect(new Set(res.body.movieIds).size).toBe(10);
    expect(res.body.recommendations[0].reasons).toEqual(["popular on Marquee"]);
  });

  it("serves EASE and the hybrid too, each from its own version", async () => {
    await trained("ease");
    await trained("hybrid");
    for (const model of ["ease", "hybrid"]) {
      const res = await call(recommendRoute.GET, { path: `/api/v1/recommend/fan-3?k=3&model=${model}`, params: { userId: "fan-3" }, as: recsToken });
      expect(res.status).toBe(200);
      expect(res.body.model).toBe(model);
      expect(res.body.movieIds.every((id: string) => id.startsWith("anim-"))).toBe(true);
    }
  });

  it("refuses an unknown model and a k out of range with a 400 naming the field", async () => {
    const unknown = await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-0?model=magic", params: { userId: "fan-0" }, as: recsToken });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty("query.model");
    const big = await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-0?k=101", params: { userId: "fan-0" }, as: recsToken });
    expect(big.status).toBe(400);
    expect(big.body.error.fields).toHaveProperty("query.k");
  });

  it("lets a viewer read their own list only, and a token only with recs:read", async () => {
    const viewer = await sessionFor(t.db, "viewer");
    expect((await call(recommendRoute.GET, { path: `/api/v1/recommend/${viewer.userId}`, params: { userId: viewer.userId }, as: viewer })).status).toBe(200);
    expect((await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-0", params: { userId: "fan-0" }, as: viewer })).status).toBe(403);
    expect((await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-0", params: { userId: "fan-0" }, as: eventsToken })).status).toBe(403);
    expect((await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-0", params: { userId: "fan-0" } })).status).toBe(401);
  });
});

describe("similar movies and genres", () => {
  it("finds movies like a crime movie among crime movies", async () => {
    const res = await call(similarRoute.GET, { path: "/api/v1/movies/crime-0/similar?k=5", params: { id: "crime-0" } });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items.every((m: { movieId: string }) => m.movieId.startsWith("crime-") && m.movieId !== "crime-0")).toBe(true);
    expect((await call(similarRoute.GET, { path: "/api/v1/movies/nope/similar", params: { id: "nope" } })).status).toBe(404);
  });

  it("logs the similar movies a viewer sees as a session that takes their feedback, leaving out what they turned down until they take it back", async () => {
    const viewer = await sessionFor(t.db, "viewer");
    const similar = async () => {
      const res = await call(similarRoute.GET, { path: `/api/v1/movies/crime-0/similar?k=5&userId=${viewer.userId}`, params: { id: "crime-0" }, as: viewer });
      expect(res.status).toBe(200);
      return res.body as { sessionId: string; items: { movieId: string }[] };
    };
    const shown = await similar();
    expect(shown.sessionId).toEqual(expect.any(String));
    const disliked = shown.items[0]!.movieId;
    const react = (liked: boolean | null) => call(feedbackRoute.POST, { method: "POST", body: { sessionId: shown.sessionId, userId: viewer.userId, liked: [{ movieId: disliked, liked }] }, as: viewer });
    expect((await react(false)).status).toBe(201);
    const without = await similar();
    expect(without.items.map((m) => m.movieId)).not.toContain(disliked);
    expect(without.items).toHaveLength(5);
    expect((await react(null)).status).toBe(201);
    expect((await similar()).items.map((m) => m.movieId)).toContain(disliked);

    // A visitor's list is not logged; someone else's list is not theirs to ask for.
    expect((await call(similarRoute.GET, { path: "/api/v1/movies/crime-0/similar?k=5", params: { id: "crime-0" } })).body.sessionId).toBeNull();
    const other = await sessionFor(t.db, "viewer");
    expect((await call(similarRoute.GET, { path: `/api/v1/movies/crime-0/similar?userId=${viewer.userId}`, params: { id: "crime-0" }, as: other })).status).toBe(403);
    expect((await call(similarRoute.GET, { path: `/api/v1/movies/crime-0/similar?userId=${viewer.userId}`, params: { id: "crime-0" } })).status).toBe(401);

    // "Popular in your genres" is a logged list too.
    await call(userGenresRoute.PUT, { method: "PUT", path: "/x", params: { userId: viewer.userId }, body: { genres: ["Crime"] }, as: viewer });
    const top = await call(genresTopRoute.GET, { path: `/api/v1/genres/top?userId=${viewer.userId}&limit=3`, as: viewer });
    const liked = await call(feedbackRoute.POST, { method: "POST", body: { sessionId: top.body.sessionId, userId: viewer.userId, liked: [{ movieId: top.body.items[0].movieId, liked: true }] }, as: viewer });
    expect(liked.status).toBe(201);
  });

  it("keeps at most three favorite genres, refusing a fourth and unknown ones by name", async () => {
    const viewer = await sessionFor(t.db, "viewer");
    const path = `/api/v1/users/${viewer.userId}/genres`;
    const four = await call(userGenresRoute.PUT, { method: "PUT", path, params: { userId: viewer.userId }, body: { genres: ["Crime", "Drama", "Comedy", "War"] }, as: viewer });
    expect(four.status).toBe(400);
    expect(four.body.error.fields).toHaveProperty("genres");
    const unknown = await call(userGenresRoute.PUT, { method: "PUT", path, params: { userId: viewer.userId }, body: { genres: ["Crime", "Telenovela"] }, as: viewer });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual({ "genres.1": "Unknown genre 'Telenovela'" });
    const set = await call(userGenresRoute.PUT, { method: "PUT", path, params: { userId: viewer.userId }, body: { genres: ["animation"] }, as: viewer });
    expect(set.body.genres).toEqual(["Animation"]);
    expect((await call(userGenresRoute.GET, { path, params: { userId: viewer.userId }, as: viewer })).body.genres).toEqual(["Animation"]);
    const other = await sessionFor(t.db, "viewer");
    expect((await call(userGenresRoute.PUT, { method: "PUT", path, params: { userId: viewer.userId }, body: { genres: ["Crime"] }, as: other })).status).toBe(403);

    const top = await call(genresTopRoute.GET, { path: `/api/v1/genres/top?userId=${viewer.userId}&limit=3`, as: viewer });
    expect(top.body.genres).toEqual(["Animation"]);
    expect(top.body.items).toHaveLength(3);
    expect(top.body.items.every((m: { genres: string[] }) => m.genres.includes("Animation"))).toBe(true);
  });

  it("gives a viewer who picked genres but has no history a list in those genres", async () => {
    const viewer = await sessionFor(t.db, "viewer");
    await call(userGenresRoute.PUT, { method: "PUT", path: "/x", params: { userId: viewer.userId }, body: { genres: ["Crime"] }, as: viewer });
    const res = await call(recommendRoute.GET, { path: `/api/v1/recommend/${viewer.userId}?k=5&model=hybrid`, params: { userId: viewer.userId }, as: viewer });
    expect(res.body.movieIds.every((id: string) => id.startsWith("crime-"))).toBe(true);
  });
});

describe("model versions", () => {
  it("lists what is served, reloads for admins only, and refuses an unknown version", async () => {
    const info = await call(modelInfoRoute.GET, { as: recsToken });
    expect(info.status).toBe(200);
    expect(info.body.models.map((m: { algorithm: string }) => m.algorithm).sort()).toEqual(["als", "ease", "hybrid"]);
    expect(JSON.stringify(info.body)).not.toMatch(/"artifact"/);

    expect((await call(reloadRoute.POST, { method: "POST", body: {}, as: recsToken })).status).toBe(403);
    const viewer = await sessionFor(t.db, "viewer");
    expect((await call(reloadRoute.POST, { method: "POST", body: {}, as: viewer })).status).toBe(403);
    const missing = await call(reloadRoute.POST, { method: "POST", body: { version: 999 }, as: admin });
    expect(missing.status).toBe(404);
    const path = await call(reloadRoute.POST, { method: "POST", body: { path: "/etc/passwd" }, as: admin });
    expect(path.status).toBe(400);
    expect(path.body.error.fields).toHaveProperty("path");
    const reloaded = await call(reloadRoute.POST, { method: "POST", body: {}, as: admin });
    expect(reloaded.status).toBe(200);
    expect(reloaded.body.reloaded).toHaveLength(3);
  });

  it("rolls back to an older version and serves it", async () => {
    const older = (await call(modelsRoute.GET, { path: "/api/v1/models?algorithm=als", as: admin })).body.items.at(-1).version as number;
    const newer = await trained("als");
    expect((await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-4?model=als", params: { userId: "fan-4" }, as: recsToken })).body.modelVersion).toBe(newer);
    const rolledBack = await call(activateRoute.POST, { method: "POST", params: { version: String(older) }, as: admin });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body).toMatchObject({ version: older, active: true });
    expect((await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-4?model=als", params: { userId: "fan-4" }, as: recsToken })).body.modelVersion).toBe(older);
  });

  it("serves the same list from factors exported and imported again as from the version they came from", async () => {
    const trainedVersion = await trained("als");
    const before = await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-6?k=5&model=als", params: { userId: "fan-6" }, as: recsToken });
    expect(before.body.modelVersion).toBe(trainedVersion);
    const row = await loadModelArtifact(t.db, trainedVersion);
    const model = decodeModel(row!.meta, new Uint8Array(row!.artifact!)) as AlsModel;
    const asCsv = (ids: string[], values: Float32Array) => [...formatFactorCsv({ ids, factors: model.factors.factors, values })].join("\n");
    const imported = await importAlsFactors(t, {
      users: parseFactorCsv(asCsv(model.userIds, model.factors.userFactors), "users.csv"),
      items: parseFactorCsv(asCsv(model.itemIds, model.factors.itemFactors), "items.csv"),
      hyperparameters: { regularization: model.params.regularization, alpha: model.params.alpha },
      activate: true,
      now: new Date(),
    });
    const after = await call(recommendRoute.GET, { path: "/api/v1/recommend/fan-6?k=5&model=als", params: { userId: "fan-6" }, as: recsToken });
    expect(after.body.modelVersion).toBe(imported.version);
    expect(after.body.movieIds).toEqual(before.body.movieIds);
  });

  it("starts a training for an admin and refuses unknown hyperparameters by name", async () => {
    const bad = await call(modelsRoute.POST, { method: "POST", body: { algorithm: "als", hyperparameters: { factors: 0, colour: "red" } }, as: admin });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["hyperparameters.colour", "hyperparameters.factors"]);
    expect((await call(modelsRoute.POST, { method: "POST", body: { algorithm: "als" }, as: recsToken })).status).toBe(403);
  });
});
