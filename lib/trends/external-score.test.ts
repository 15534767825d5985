import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMovie } from "@/db/queries/movies";
import { addTrendActivity, registerTrendMovie, saveExternalResult } from "@/db/queries/trends";
import { createUser } from "@/db/queries/users";
import { deadLetters, movies, movieTrends, ratings } from "@/db/schema";
import { retryDeadLetter } from "@/lib/dead-letters/dead-letter-service";
import { startBoss } from "@/lib/jobs/boss";
import { createQueues, startWorkers } from "@/lib/jobs/registry";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { checkExternalScore, placeholderTitle } from "./external-score";
import { createFetchExternalJob, enqueueExternalFetch, FETCH_EXTERNAL_QUEUE, fetchExternalFailedJob, refreshExternalScoresJob } from "./jobs";
import { createTmdbClient } from "./tmdb-client";
import { trendListQuery } from "./contract";
import { listTrends, requestExternalRefresh } from "./trend-service";

/**
 * The external score job against a real HTTP server standing in for TMDB: what each answer does
 * to the movie's trend row, and the retries and dead letter when TMDB stays unavailable.
 */

let t: TestDatabase;
let boss: PgBoss;
let server: http.Server;
let baseUrl: string;
const hanging = new Set<http.ServerResponse>();
const requests = new Map<string, number>();

const now = new Date("2026-03-10T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase({ serveRoutes: false });
  server = http.createServer((req, res) => {
    const id = /\/movie\/(\d+)/.exec(req.url ?? "")?.[1] ?? "";
    const n = (requests.get(id) ?? 0) + 1;
    requests.set(id, n);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (id === "27205") return send(200, { title: "Inception", vote_average: 8.4, release_date: "2010-07-15", runtime: 148, overview: "Dreams.", genres: [{ id: 1, name: "Action" }] });
    if (id === "404") return send(404, { status_code: 34, status_message: "The resource you requested could not be found." });
    if (id === "401") return send(401, { status_code: 7, status_message: "Invalid API key" });
    if (id === "500") return send(500, { status_message: "Internal error" });
    // Fails once, then answers: a retry gets through.
    if (id === "503") return n === 1 ? send(503, {}) : send(200, { title: "Flaky", vote_average: 6, release_date: "" });
    hanging.add(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/3`;
});

afterAll(async () => {
  await boss?.stop({ graceful: false, timeout: 1_000 });
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.destroy();
});

const tmdb = () => createTmdbClient({ baseUrl, apiKey: "test-key", timeoutMs: 300 });

/** A registered movie with some views, as the register route leaves it. */
async function registered(id: string, tmdbId: number | null, views = 0, title = tmdbId ? placeholderTitle(tmdbId) : id) {
  await insertMovie(t.db, id, { title, tmdbId });
  await registerTrendMovie(t.db, id, now);
  if (views) await addTrendActivity(t.db, [{ movieId: id, views, trending: views, at: now }], 24);
}

async function trendRow(id: string) {
  const [row] = await t.db.select().from(movieTrends).where(eq(movieTrends.movieId, id));
  return row!;
}
const movieRow = async (id: string) => (await t.db.select().from(movies).where(eq(movies.id, id)))[0];
const totalRequests = () => [...requests.values()].reduce((sum, n) => sum + n, 0);
/** The movie as the dashboard lists it. */
async function listed(movieId: string) {
  const { items } = await listTrends(t.db, trendListQuery.parse({ limit: 200 }), { now, halfLifeHours: 24 });
  return items.find((i) => i.movieId === movieId);
}
const openDeadLetters = (movieId: string) => t.db.select().from(deadLetters).where(eq(deadLetters.payload, { movieId }));

describe("checking a movie's external score", () => {
  it("stores TMDB's vote average, the final score from it and the views, and fills in the placeholder movie", async () => {
    await registered("tmdb-27205", 27205, 50);
    expect(await checkExternalScore(t.db, "tmdb-27205", { tmdb: tmdb(), now })).toEqual({ outcome: "ok", voteAverage: 8.4 });
    expect(await trendRow("tmdb-27205")).toMatchObject({ externalVoteAverage: 8.4, externalStatus: "ok", externalMessage: null, finalScore: 7.4, externalCheckedAt: now });
    expect(await movieRow("tmdb-27205")).toMatchObject({ title: "Inception", year: 2010, releaseDate: "2010-07-15", runtimeMinutes: 148, overview: "Dreams.", genres: ["Action"] });
  });

  it("keeps what an admin entered in the catalog", async () => {
    await t.db.insert(movies).values({ id: "inception", title: "Inception (Director's Cut)", tmdbId: 27205, genres: ["Sci-Fi"], year: 2010 });
    await registerTrendMovie(t.db, "inception", now);
    await checkExternalScore(t.db, "inception", { tmdb: tmdb(), now });
    expect(await movieRow("inception")).toMatchObject({ title: "Inception (Director's Cut)", genres: ["Sci-Fi"], runtimeMinutes: 148 });
  });

  it("marks a TMDB 404 as a missing external link, says why, and keeps the movie", async () => {
    await registered("tmdb-404", 404, 10);
    const result = await checkExternalScore(t.db, "tmdb-404", { tmdb: tmdb(), now });
    expect(result.outcome).toBe("missing");
    const row = await trendRow("tmdb-404");
    expect(row).toMatchObject({ externalStatus: "missing", externalVoteAverage: null, finalScore: null, views: 10 });
    expect(row.externalMessage).toBe("TMDB has no movie with id 404 (404: The resource you requested could not be found.). The movie stays in the catalog; check its TMDB id.");
    expect(await movieRow("tmdb-404")).toBeDefined();
  });

  it("marks another 4xx as an error without asking for a retry, keeping the last known score", async () => {
    await registered("tmdb-401", 401);
    await t.db.update(movieTrends).set({ externalVoteAverage: 7, externalStatus: "ok", finalScore: 4.9 }).where(eq(movieTrends.movieId, "tmdb-401"));
    expect(await checkExternalScore(t.db, "tmdb-401", { tmdb: tmdb(), now })).toMatchObject({ outcome: "error" });
    expect(await trendRow("tmdb-401")).toMatchObject({ externalStatus: "error", externalVoteAverage: 7, finalScore: 4.9, externalMessage: "TMDB refused the request with 401: Invalid API key; check TMDB_API_KEY" });
  });

  it("asks for a retry when TMDB is down or never answers, noting it on the movie", async () => {
    await registered("tmdb-500", 500);
    await registered("tmdb-hang", 77);
    expect(await checkExternalScore(t.db, "tmdb-500", { tmdb: tmdb(), now })).toEqual({ outcome: "retry", message: "TMDB answered 500: Internal error" });
    expect(await checkExternalScore(t.db, "tmdb-hang", { tmdb: tmdb(), now })).toEqual({ outcome: "retry", message: "TMDB did not answer within 0.3 s" });
    expect(await trendRow("tmdb-hang")).toMatchObject({ externalStatus: "pending", externalMessage: "TMDB did not answer within 0.3 s; trying again shortly" });
  });

  it("without a TMDB key, falls back to the movie's own average rating on a 10-point scale", async () => {
    await registered("own", 12, 100, "Own Ratings");
    const none = await checkExternalScore(t.db, "own", { tmdb: null, now });
    expect(none).toMatchObject({ outcome: "no_key", voteAverage: null });
    expect(await trendRow("own")).toMatchObject({ externalStatus: "no_key", finalScore: null });

    for (const [user, rating] of [["u1", 4], ["u2", 5]] as const) {
      await createUser(t.db, { id: user, role: "viewer", displayName: user });
      await t.db.insert(ratings).values({ userId: user, movieId: "own", rating, ratedAt: now });
    }
    expect(await checkExternalScore(t.db, "own", { tmdb: null, now })).toMatchObject({ outcome: "no_key", voteAverage: 9 });
    const row = await trendRow("own");
    // 0.7 × 9 + 0.3 × 10 (100 views, the cap) = 9.3
    expect(row).toMatchObject({ externalStatus: "no_key", externalVoteAverage: 9, finalScore: 9.3 });
    expect(row.externalMessage).toContain("own average rating, 4.50/5 from 2 ratings, as 9/10");
  });

  it("with a TMDB key, scores a movie without a TMDB id from its own ratings, says it has no TMDB id, and never asks TMDB", async () => {
    const asked = totalRequests();
    await registered("no-tmdb", null, 100, "No TMDB Id");
    expect(await checkExternalScore(t.db, "no-tmdb", { tmdb: tmdb(), now })).toMatchObject({ outcome: "no_tmdb_id", voteAverage: null });
    expect(await trendRow("no-tmdb")).toMatchObject({ externalStatus: "no_tmdb_id", finalScore: null, externalMessage: expect.stringContaining("no TMDB id") });
    expect(await listed("no-tmdb")).toMatchObject({ externalSource: null, externalLabel: "No TMDB id, no ratings yet", finalScore: null });

    for (const [user, rating] of [["u3", 4], ["u4", 5]] as const) {
      await createUser(t.db, { id: user, role: "viewer", displayName: user });
      await t.db.insert(ratings).values({ userId: user, movieId: "no-tmdb", rating, ratedAt: now });
    }
    expect(await checkExternalScore(t.db, "no-tmdb", { tmdb: tmdb(), now })).toMatchObject({ outcome: "no_tmdb_id", voteAverage: 9 });
    // 0.7 × 9 + 0.3 × 10 (100 views, the cap) = 9.3
    expect(await listed("no-tmdb")).toMatchObject({
      externalStatus: "no_tmdb_id", externalVoteAverage: 9, finalScore: 9.3, externalSource: "own_ratings", externalLabel: "Own ratings (no TMDB id)",
      externalMessage: expect.stringContaining("own average rating, 4.50/5 from 2 ratings, as 9/10"),
    });
    expect(totalRequests()).toBe(asked);
  });

  it("skips a movie deleted since the job was queued", async () => {
    expect(await checkExternalScore(t.db, "gone", { tmdb: tmdb(), now })).toMatchObject({ outcome: "skipped" });
  });
});

describe("the fetch job in pg-boss", () => {
  // A second of backoff and one retry keep the test short; production waits 30 s and retries 4 times.
  const fetchJob = createFetchExternalJob({ tmdb, retryLimit: 1, retryDelaySeconds: 1 });
  const jobs = [fetchJob, fetchExternalFailedJob];

  beforeAll(async () => {
    boss = await startBoss(t, { schedule: false });
    await createQueues(boss, jobs);
    await startWorkers(boss, t, jobs);
  });

  it("retries a TMDB 5xx with backoff and stores the score when a retry gets through", async () => {
    await registered("tmdb-503", 503, 100);
    await enqueueExternalFetch(boss, ["tmdb-503"]);
    const row = await waitFor(async () => {
      const r = await trendRow("tmdb-503");
      return r.externalStatus === "ok" ? r : null;
    });
    expect(row).toMatchObject({ externalVoteAverage: 6, finalScore: 7.2 });
    expect(requests.get("503")).toBe(2);
    expect(await openDeadLetters("tmdb-503")).toEqual([]);
  });

  it("after the last retry of a 5xx or a timeout, files a dead letter with the error and tells the admin", async () => {
    await registered("dead-500", 500);
    await registered("dead-hang", 78);
    const before = requests.get("500") ?? 0;
    await enqueueExternalFetch(boss, ["dead-500", "dead-hang"]);
    const [letter] = await waitFor(async () => {
      const found = await openDeadLetters("dead-500");
      return found.length ? found : null;
    });
    expect(letter).toMatchObject({ queue: FETCH_EXTERNAL_QUEUE, status: "open", attempts: 2, error: "TMDB answered 500: Internal error" });
    expect(requests.get("500")! - before).toBe(2);
    const row = await trendRow("dead-500");
    expect(row.externalStatus).toBe("error");
    expect(row.externalMessage).toContain("TMDB could not be reached after 2 attempts (TMDB answered 500: Internal error)");
    expect(await movieRow("dead-500")).toBeDefined();

    const [timedOut] = await waitFor(async () => {
      const found = await openDeadLetters("dead-hang");
      return found.length ? found : null;
    });
    expect(timedOut).toMatchObject({ attempts: 2, error: "TMDB did not answer within 0.3 s" });
  });

  it("an admin's refresh of a movie without a TMDB id keeps its own-ratings score instead of an error, without asking TMDB", async () => {
    // As an earlier version left it: "missing", no score.
    await saveExternalResult(t.db, "no-tmdb", { voteAverage: null, status: "missing", message: "This movie has no TMDB id", checkedAt: now });
    const asked = totalRequests();
    expect(await requestExternalRefresh(t.db, "no-tmdb", (ids) => enqueueExternalFetch(boss, ids))).toEqual({ movieId: "no-tmdb", status: "queued" });
    // The job checks it at the real time, after the test's fixed `now`.
    const row = await waitFor(async () => {
      const r = await trendRow("no-tmdb");
      return r.externalCheckedAt!.getTime() > now.getTime() ? r : null;
    });
    expect(row).toMatchObject({ externalStatus: "no_tmdb_id", externalVoteAverage: 9, finalScore: 9.3 });
    expect(await openDeadLetters("no-tmdb")).toEqual([]);
    expect(totalRequests()).toBe(asked);
  });

  it("the daily refresh queues a fetch for every registered movie, and only those", async () => {
    await insertMovie(t.db, "never-registered", { title: "Never Registered", tmdbId: 27205 });
    await addTrendActivity(t.db, [{ movieId: "never-registered", views: 1, trending: 1, at: now }], 24);
    const queued = async (movieId: string) => (await boss.findJobs(FETCH_EXTERNAL_QUEUE, { data: { movieId } })).length;
    const before = { registered: await queued("tmdb-27205"), unregistered: await queued("never-registered") };
    const result = (await refreshExternalScoresJob.run({}, { db: t.db, handle: t, boss, now })) as { queued: number };
    expect(result.queued).toBeGreaterThanOrEqual(8);
    expect(await queued("tmdb-27205")).toBe(before.registered + 1);
    expect(await queued("never-registered")).toBe(before.unregistered);
  });

  it("retrying the dead letter queues the fetch again", async () => {
    const [letter] = await openDeadLetters("dead-500");
    const before = requests.get("500")!;
    await retryDeadLetter(t.db, boss, letter!.id, now);
    await waitFor(async () => ((requests.get("500") ?? 0) > before ? true : null));
  });
});

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
