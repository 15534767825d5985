import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { upsertRatings } from "@/db/queries/events";
import { insertMovie } from "@/db/queries/movies";
import { findCachedLists, insertModelVersion } from "@/db/queries/recs";
import { createUser } from "@/db/queries/users";
import { events, ratings } from "@/db/schema";
import { processPendingEvents } from "@/lib/events/process-events";
import { clusteredRatioTest } from "@/lib/experiments/statistics";
import { clusteredSumsOf } from "@/test/clustered-sums";
import { replayLoggedSessions } from "@/lib/recs/replay-service";
import { maintainSessionPartitions } from "@/lib/recs/session-service";
import { loadTrainingData, trainVersion } from "@/lib/recs/training-service";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, tokenFor, type Caller } from "@/test/http";
import * as recommendRoute from "@/pages/api/v1/recommend/[userId]";
import * as feedbackRoute from "../feedback/route";
import * as genresTopRoute from "../genres/top/route";
import * as sessionFeedbackRoute from "../recommendations/feedback/[sessionId]/route";
import * as ratingsRoute from "../ratings/route";
import * as likesRoute from "../users/[userId]/likes/route";
import * as moviesRoute from "../movies/route";
import * as experimentsRoute from "../experiments/route";
import * as experimentRoute from "../experiments/[id]/route";
import * as resultsRoute from "../experiments/[id]/results/route";
import * as metricsRoute from "@/app/api/metrics/route";

/** Feedback joined to the lists it is about, and experiments that count it, on a real database. */
let t: TestDatabase;
let admin: Caller;
let service: Caller;

const movies = Array.from({ length: 30 }, (_, i) => ({ id: `m-${i}`, title: `Movie ${i}`, genres: i % 2 ? ["Drama"] : ["Comedy"] }));

async function list(userId: string, query = "k=10", as: Caller = service) {
  const res = await call(recommendRoute.GET, { path: `/api/v1/recommend/${userId}?${query}`, params: { userId }, as });
  expect(res.status).toBe(200);
  return res.body as { sessionId: string; movieIds: string[]; experiment: { id: string; variant: string } | null; model: string };
}

async function feedback(body: unknown, as: Caller = service) {
  return call(feedbackRoute.POST, { method: "POST", body, as });
}

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await sessionFor(t.db, "admin");
  service = await tokenFor(t.db, ["recs:read", "feedback:write", "events:write"]);
  for (const m of movies) await insertMovie(t.db, m.id, { title: m.title, genres: m.genres });
  const rows: { userId: string; movieId: string; rating: number; at: string }[] = [];
  for (let u = 0; u < 12; u++) {
    await createUser(t.db, { id: `u-${u}`, role: "viewer", displayName: `U ${u}` });
    for (let j = 0; j < 6; j++) rows.push({ userId: `u-${u}`, movieId: movies[(u * 3 + j) % 30]!.id, rating: 4, at: new Date().toISOString() });
  }
  await upsertRatings(t.db, rows);
  await maintainSessionPartitions(t.db, { now: new Date(), retentionDays: 90 });
  for (const algorithm of ["popular", "ease"] as const) {
    const version = await insertModelVersion(t.db, { algorithm, hyperparameters: {}, seed: 1, requestedBy: null });
    expect((await trainVersion(t, version.id, { activate: true, now: () => new Date() })).status).toBe("ready");
  }
});
afterAll(() => t.destroy());

describe("POST /api/v1/feedback", () => {
  it("scores the selection by its position, as a fraction, and answers a repeat with the same receipt", async () => {
    const { sessionId, movieIds } = await list("u-0", "k=10&model=popular");
    const first = await feedback({ sessionId, userId: "u-0", selectedMovieId: movieIds[2], watchTimeSec: 600 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ sessionId, status: "recorded", score: 8 });
    const again = await feedback({ sessionId, userId: "u-0", selectedMovieId: movieIds[2], watchTimeSec: 600 });
    expect(again.body.feedbackId).toBe(first.body.feedbackId);
    expect(again.body.score).toBe(8);
  });

  it("answers 404 for a session nobody logged, and 422 naming the movie a session did not show", async () => {
    const unknown = await feedback({ sessionId: "01938f5e-7c1a-7d2e-9b4f-3a6c5d8e1f20", userId: "u-1", selectedMovieId: "m-1" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.fields).toEqual({ sessionId: "Not found" });
    const { sessionId, movieIds } = await list("u-1", "k=5&model=popular");
    const notShown = movies.find((m) => !movieIds.includes(m.id))!.id;
    const wrong = await feedback({ sessionId, userId: "u-1", selectedMovieId: notShown, liked: [{ movieId: movieIds[0], liked: true }, { movieId: notShown, liked: false }] });
    expect(wrong.status).toBe(422);
    expect(Object.keys(wrong.body.error.fields).sort()).toEqual(["liked.1", "selectedMovieId"]);
    const otherUser = await feedback({ sessionId, userId: "u-2", selectedMovieId: movieIds[0] });
    expect(otherUser.status).toBe(422);
    expect(otherUser.body.error.fields).toHaveProperty("userId");
  });

  it("takes a disliked movie off the user's lists at once", async () => {
    const before = await list("u-3", "k=5&model=ease");
    const disliked = before.movieIds[0]!;
    expect((await feedback({ sessionId: before.sessionId, userId: "u-3", liked: [{ movieId: disliked, liked: false }] })).status).toBe(201);
    const after = await list("u-3", "k=5&model=ease");
    expect(after.movieIds).not.toContain(disliked);
    const notInterested = after.movieIds[0]!;
    await feedback({ sessionId: after.sessionId, userId: "u-3", notInterested: [notInterested] });
    expect((await list("u-3", "k=30&model=popular")).movieIds).not.toContain(notInterested);
  });

  it("never stores a list behind the dislike that cleared it (lists are written after the answer)", async () => {
    const shown = await list("u-8", "k=5&model=ease");
    // At once, while the computed list may still wait in this instance's write-behind buffer.
    expect((await feedback({ sessionId: shown.sessionId, userId: "u-8", liked: [{ movieId: shown.movieIds[0], liked: false }] })).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [stored] = await findCachedLists(t.db, [{ userId: "u-8", algorithm: "ease" }]);
    expect(stored?.items.map((i) => i.movieId) ?? []).not.toContain(shown.movieIds[0]);
  });

  it("takes a disliked movie off the user's 'popular in your genres' list too", async () => {
    const top = async () => (await call(genresTopRoute.GET, { path: "/api/v1/genres/top?userId=u-5&limit=20", as: service })).body as { items: { movieId: string }[] };
    const shown = await list("u-5", "k=30&model=popular");
    const inBoth = (await top()).items.map((m) => m.movieId).find((id) => shown.movieIds.includes(id));
    expect(inBoth).toBeDefined();
    expect((await feedback({ sessionId: shown.sessionId, userId: "u-5", liked: [{ movieId: inBoth, liked: false }] })).status).toBe(201);
    const after = await top();
    expect(after.items.map((m) => m.movieId)).not.toContain(inBoth);
    expect(after.items.length).toBeGreaterThan(0);
  });

  it("accepts seed 001's names and seed 000's own form", async () => {
    const { sessionId, movieIds } = await list("u-4", "k=4&model=popular");
    const named001 = await feedback({ sessionId, userId: "u-4", impressionList: movieIds.slice(0, 3), clickedItemId: movieIds[1] });
    expect(named001.body.score).toBe(7.5);
    const seed000 = await feedback({ user_id: "u-5", recommended_movie_id_list: ["m-0", "m-1", "m-2"], selected_movie_id: "m-1", user_type: "A", action_cycle: 2 });
    expect(seed000.status).toBe(201);
    expect(seed000.body.score).toBeCloseTo(20 / 3, 10);
    const both = await feedback({ sessionId, userId: "u-4", selectedMovieId: movieIds[0], clickedItemId: movieIds[1] });
    expect(both.status).toBe(400);
    expect(both.body.error.fields).toHaveProperty("clickedItemId");
  });

  it("takes seed 003's like or dislike of one movie of a session", async () => {
    const { sessionId, movieIds } = await list("u-6", "k=3&model=popular");
    const res = await call(sessionFeedbackRoute.POST, { method: "POST", params: { sessionId }, body: { movieId: movieIds[1], liked: true }, as: service });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ sessionId, score: 0 });
    const missing = await call(sessionFeedbackRoute.POST, { method: "POST", params: { sessionId: "01938f5e-7c1a-7d2e-9b4f-3a6c5d8e1f20" }, body: { movieId: "m-1", liked: true }, as: service });
    expect(missing.status).toBe(404);
  });

  it("lets a movie turned down back into the user's list once the dislike or 'not interested' is cleared", async () => {
    await createUser(t.db, { id: "c-1", role: "viewer", displayName: "C 1" });
    const shown = await list("c-1", "k=30&model=popular");
    const [disliked, hidden] = shown.movieIds;
    expect((await feedback({ sessionId: shown.sessionId, userId: "c-1", liked: [{ movieId: disliked, liked: false }], notInterested: [hidden!] })).status).toBe(201);
    expect((await list("c-1", "k=30&model=popular")).movieIds).not.toContain(disliked);
    // Seed 003's form clears one movie; ours another.
    const cleared = await call(sessionFeedbackRoute.POST, { method: "POST", params: { sessionId: shown.sessionId }, body: { movieId: disliked, liked: null }, as: service });
    expect(cleared.status).toBe(201);
    expect((await feedback({ sessionId: shown.sessionId, userId: "c-1", liked: [{ movieId: hidden, liked: null }] })).status).toBe(201);
    const after = (await list("c-1", "k=30&model=popular")).movieIds;
    expect(after).toContain(disliked);
    expect(after).toContain(hidden);
  });

  it("no longer trains on a reaction once it is cleared", async () => {
    await createUser(t.db, { id: "c-2", role: "viewer", displayName: "C 2" });
    const shown = await list("c-2", "k=10&model=popular");
    const movie = shown.movieIds[0]!;
    const weightOf = async () => {
      const data = await loadTrainingData(t.db);
      const user = data.userIds.indexOf("c-2");
      const item = data.itemIds.indexOf(movie);
      if (user === -1) return undefined;
      for (let e = data.matrix.indptr[user]!; e < data.matrix.indptr[user + 1]!; e++) if (data.matrix.indices[e] === item) return data.matrix.values[e];
      return undefined;
    };
    await feedback({ sessionId: shown.sessionId, userId: "c-2", liked: [{ movieId: movie, liked: false }] });
    expect(await weightOf()).toBe(-1);
    await feedback({ sessionId: shown.sessionId, userId: "c-2", liked: [{ movieId: movie, liked: null }] });
    expect(await weightOf()).toBeUndefined();
  });

  it("refuses a reaction that is neither true, false nor null, naming the field", async () => {
    const { sessionId, movieIds } = await list("u-6", "k=3&model=popular");
    const ours = await feedback({ sessionId, userId: "u-6", liked: [{ movieId: movieIds[0], liked: "clear" }] });
    expect(ours.status).toBe(400);
    expect(ours.body.error.fields).toHaveProperty("liked.0.liked");
    const seed = await call(sessionFeedbackRoute.POST, { method: "POST", params: { sessionId }, body: { movieId: movieIds[0], liked: "no" }, as: service });
    expect(seed.status).toBe(400);
    expect(seed.body.error.fields).toHaveProperty("liked");
    const notShown = movies.find((m) => !movieIds.includes(m.id))!.id;
    const clearNotShown = await feedback({ sessionId, userId: "u-6", liked: [{ movieId: notShown, liked: null }] });
    expect(clearNotShown.status).toBe(422);
    expect(clearNotShown.body.error.fields).toHaveProperty("liked.0");
  });

  it("lets a viewer send feedback on their own lists only", async () => {
    const viewer = await sessionFor(t.db, "viewer");
    const mine = await list(viewer.userId, "k=3&model=popular", viewer);
    expect((await feedback({ sessionId: mine.sessionId, userId: viewer.userId, selectedMovieId: mine.movieIds[0] }, viewer)).status).toBe(201);
    const theirs = await list("u-7", "k=3&model=popular");
    expect((await feedback({ sessionId: theirs.sessionId, userId: "u-7", selectedMovieId: theirs.movieIds[0] }, viewer)).status).toBe(403);
  });
});

describe("the seed's other writes", () => {
  it("stores a rating sent to POST /ratings as a rating event, in seed 000's names too", async () => {
    const res = await call(ratingsRoute.POST, { method: "POST", body: { user_id: 8, movie_id: "m-9", rating: 3.5 }, as: service });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("accepted");
    expect((await t.db.select().from(events).where(and(eq(events.userId, "8"), eq(events.type, "rating"))))).toHaveLength(1);
    await processPendingEvents(t.db, { now: () => new Date(), halfLifeHours: 24 });
    expect((await t.db.select({ rating: ratings.rating }).from(ratings).where(and(eq(ratings.userId, "8"), eq(ratings.movieId, "m-9"))))[0]?.rating).toBe(3.5);
    const bad = await call(ratingsRoute.POST, { method: "POST", body: { user_id: 8, movie_id: "m-9", rating: 7 }, as: service });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("rating");
  });

  it("adds a movie sent in MovieLens's form", async () => {
    const res = await call(moviesRoute.POST, { method: "POST", body: { movieId: 4001, title: "Toy Story (1995)", genres: "Adventure|Animation" }, as: admin });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: "4001", title: "Toy Story", year: 1995, genres: ["Adventure", "Animation"] });
  });
});

describe("GET /api/v1/users/{userId}/likes", () => {
  const likesOf = async (userId: string, query = "") => call(likesRoute.GET, { path: `/api/v1/users/${userId}/likes${query}`, params: { userId }, as: service });

  it("answers which movies the viewer likes now, on any list, until a dislike or a clear takes the like back", async () => {
    await createUser(t.db, { id: "liker", role: "viewer", displayName: "Liker" });
    const first = await list("liker", "k=10&model=popular");
    const [a, b, c] = first.movieIds as [string, string, string];
    expect((await feedback({ sessionId: first.sessionId, userId: "liker", liked: [{ movieId: a, liked: true }] })).status).toBe(201);
    expect((await feedback({ sessionId: first.sessionId, userId: "liker", liked: [{ movieId: b, liked: true }] })).status).toBe(201);
    // Newest first; with movieIds, only which of those.
    expect((await likesOf("liker")).body).toEqual({ userId: "liker", movieIds: [b, a] });
    expect((await likesOf("liker", `?movieIds=${a},${c}`)).body.movieIds).toEqual([a]);

    // On a later list: a clear takes back the like of the first one, a dislike the other.
    const later = await list("liker", "k=10&model=popular");
    expect(later.movieIds).toContain(a);
    expect((await feedback({ sessionId: later.sessionId, userId: "liker", liked: [{ movieId: a, liked: null }] })).status).toBe(201);
    expect((await likesOf("liker")).body.movieIds).toEqual([b]);
    expect((await feedback({ sessionId: later.sessionId, userId: "liker", liked: [{ movieId: b, liked: false }] })).status).toBe(201);
    expect((await likesOf("liker")).body.movieIds).toEqual([]);
  });

  it("refuses more than 100 movies, naming movieIds, and answers 404 for a user who does not exist", async () => {
    const many = Array.from({ length: 101 }, (_, i) => `m-${i}`).join(",");
    const tooMany = await likesOf("u-1", `?movieIds=${many}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields).toHaveProperty(["query.movieIds"]);
    expect((await likesOf("nobody")).status).toBe(404);
  });
});

describe("experiments", () => {
  let experimentId: string;

  it("refuses an A/A experiment whose arms differ, and a pinned version that does not exist, by name", async () => {
    const aa = await call(experimentsRoute.POST, { method: "POST", body: { name: "x", mode: "aa", variants: [{ name: "A", algorithm: "popular" }, { name: "B", algorithm: "ease" }] }, as: admin });
    expect(aa.status).toBe(400);
    expect(aa.body.error.fields).toHaveProperty("variants.1.algorithm");
    const pinned = await call(experimentsRoute.POST, { method: "POST", body: { name: "x", variants: [{ name: "A", algorithm: "ease", version: 999 }, { name: "B", algorithm: "popular" }] }, as: admin });
    expect(pinned.status).toBe(422);
    expect(pinned.body.error.fields).toHaveProperty("variants.0.version");
  });

  it("serves each user one variant, always the same, and logs it with the list", async () => {
    const created = await call(experimentsRoute.POST, { method: "POST", body: { name: "Popular vs EASE", variants: [{ name: "A", algorithm: "popular" }, { name: "B", algorithm: "ease" }], start: true }, as: admin });
    expect(created.status).toBe(201);
    experimentId = created.body.id;
    const first = await list("u-9");
    const second = await list("u-9");
    expect(first.experiment).toMatchObject({ id: experimentId });
    expect(second.experiment!.variant).toBe(first.experiment!.variant);
    expect(first.model).toBe(first.experiment!.variant === "A" ? "popular" : "ease");
    // A simulation client's user group is honoured.
    expect((await list("u-10", "k=10&userType=B&actionCycle=1")).experiment!.variant).toBe("B");
    // Naming a model is outside the experiment.
    expect((await list("u-9", "k=10&model=popular")).experiment).toBeNull();
  });

  it("counts sessions and clicks per variant, with intervals, a verdict and a per-minute score series", async () => {
    const variants = new Map<string, number>();
    // The simulation's user groups put half the users in each arm whatever the experiment's id
    // (sticky hashing alone leaves one arm empty once in a few thousand ids).
    for (let u = 0; u < 12; u++) {
      const shown = await list(`u-${u}`, `k=5&actionCycle=1&userType=${u % 2 ? "B" : "A"}`);
      variants.set(shown.experiment!.variant, (variants.get(shown.experiment!.variant) ?? 0) + 1);
      if (u % 3 === 0) await feedback({ sessionId: shown.sessionId, userId: `u-${u}`, selectedMovieId: shown.movieIds[0], liked: [{ movieId: shown.movieIds[0], liked: true }] });
    }
    const results = await call(resultsRoute.GET, { params: { id: experimentId }, as: admin });
    expect(results.status).toBe(200);
    const byName = new Map(results.body.variants.map((v: { name: string }) => [v.name, v]));
    const totalSessions = results.body.variants.reduce((n: number, v: { sessions: number }) => n + v.sessions, 0);
    // 12 here, 3 in the test before.
    expect(totalSessions).toBe(15);
    expect(results.body.variants.reduce((n: number, v: { clicks: number }) => n + v.clicks, 0)).toBe(4);
    for (const v of byName.values() as Iterable<{ sessions: number; clickThroughRate: { value: number | null; lower: number | null; upper: number | null } }>) {
      if (v.sessions === 0) continue;
      expect(v.clickThroughRate.lower!).toBeLessThanOrEqual(v.clickThroughRate.value!);
      expect(v.clickThroughRate.upper!).toBeGreaterThanOrEqual(v.clickThroughRate.value!);
    }
    expect(results.body.verdict).toMatch(/significant|beats/);
    expect(results.body.series.points.length).toBeGreaterThan(0);
    expect(results.body.series.periods[0]).toMatchObject({ actionCycle: 1, phase: "A/B" });

    // The same figures for Prometheus.
    const scraped = await call(metricsRoute.GET, { as: admin });
    const sessionsOf = (variant: string) => Number(new RegExp(`marquee_experiment_sessions\\{experiment="${experimentId}",[^}]*variant="${variant}"\\} (\\d+)`).exec(scraped.body)?.[1]);
    expect(sessionsOf("A") + sessionsOf("B")).toBe(15);
  });

  it("tests with users as the unit, from each user's sessions and clicks as logged, and counts Precision@K over every session", async () => {
    const results = await call(resultsRoute.GET, { params: { id: experimentId }, as: admin });
    const [comparison] = results.body.comparisons;
    expect(comparison.unit).toBe("user");

    // Each user's sessions and clicks, from the session log and its feedback themselves.
    const perUser = rowsOf<{ variant: string; sessions: number; clicks: number }>(
      await t.db.execute(sql`
        select r.variant, count(*)::int as sessions, (count(*) filter (where f.selected_movie_id = any(r.movie_ids)))::int as clicks
        from recommendation_sessions r left join session_feedback f on f.session_id = r.session_id
        where r.experiment_id = ${experimentId}::uuid group by r.variant, r.user_id`),
    );
    // u-9 came back three times: the log holds users with more than one session.
    expect(perUser.some((row) => row.sessions > 1)).toBe(true);
    const sumsOf = (variant: string) => clusteredSumsOf(perUser.filter((row) => row.variant === variant).map((row) => [row.clicks, row.sessions]));
    const expected = clusteredRatioTest(sumsOf("A"), sumsOf("B"))!;
    expect(comparison.clickThroughRate.statistic).toBeCloseTo(expected.statistic, 10);
    expect(comparison.clickThroughRate.pValue).toBeCloseTo(expected.pValue, 10);

    // A session without feedback is an observation of Precision@K too (no positive in its top K).
    for (const variant of results.body.variants as { sessions: number; precisionAtK: { n: number } }[]) expect(variant.precisionAtK.n).toBe(variant.sessions);
  });

  it("takes a cleared like back out of the variant's likes, once however often it is cleared", async () => {
    const likesOf = async (variant: string) => {
      const results = await call(resultsRoute.GET, { params: { id: experimentId }, as: admin });
      return (results.body.variants as { name: string; likes: number }[]).find((v) => v.name === variant)!.likes;
    };
    const shown = await list("u-11", "k=5&userType=B");
    const variant = shown.experiment!.variant;
    const before = await likesOf(variant);
    await feedback({ sessionId: shown.sessionId, userId: "u-11", liked: [{ movieId: shown.movieIds[1], liked: true }] });
    expect(await likesOf(variant)).toBe(before + 1);
    const cleared = await feedback({ sessionId: shown.sessionId, userId: "u-11", liked: [{ movieId: shown.movieIds[1], liked: null }] });
    expect(cleared.status).toBe(201);
    expect(await likesOf(variant)).toBe(before);
    const again = await call(sessionFeedbackRoute.POST, { method: "POST", params: { sessionId: shown.sessionId }, body: { movieId: shown.movieIds[1], liked: null }, as: service });
    expect(again.status).toBe(201);
    expect(again.body.feedbackId).toBe(cleared.body.feedbackId);
    expect(await likesOf(variant)).toBe(before);
  });

  it("stops an experiment for good", async () => {
    const stopped = await call(experimentRoute.PATCH, { method: "PATCH", params: { id: experimentId }, body: { status: "stopped" }, as: admin });
    expect(stopped.body.status).toBe("stopped");
    const restart = await call(experimentRoute.PATCH, { method: "PATCH", params: { id: experimentId }, body: { status: "running" }, as: admin });
    expect(restart.status).toBe(409);
  });
});

describe("evaluate --sessions", () => {
  it("replays the lists viewers were shown since a day, with what they opened, against models trained on what came before", async () => {
    const since = new Date();
    const shown = await list("u-7", "k=5&model=popular");
    const last = shown.movieIds.at(-1)!;
    expect((await feedback({ sessionId: shown.sessionId, userId: "u-7", selectedMovieId: last })).status).toBe(201);

    // A movie opened from "popular in your genres" answers another question than a personal list: not replayed.
    const top = (await call(genresTopRoute.GET, { path: "/api/v1/genres/top?userId=u-7&limit=5", as: service })).body as { sessionId: string; items: { movieId: string }[] };
    expect((await feedback({ sessionId: top.sessionId, userId: "u-7", selectedMovieId: top.items[0]!.movieId })).status).toBe(201);

    const report = await replayLoggedSessions(t.db, { since, algorithms: ["popular", "ease"], k: 5, seed: 1 });
    expect(report.sessions).toBe(1);
    // Opened at the fifth and last place of the list as shown: NDCG@5 = 1 / log2(6).
    const logged = report.rows.find((r) => r.algorithm === "logged")!;
    expect(logged.ndcg).toBeCloseTo(1 / Math.log2(6), 6);
    expect(logged.precision).toBeCloseTo(1 / 5, 6);
    expect(report.rows.map((r) => r.algorithm)).toEqual(["logged", "popular", "ease"]);
    // Sessions before `since` are not replayed.
    const later = await replayLoggedSessions(t.db, { since: new Date(Date.now() + 60_000), algorithms: ["popular"], k: 5, seed: 1 });
    expect(later.sessions).toBe(0);
  });
});
