import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMovie } from "@/db/queries/movies";
import { addDailyActivity, addTrendActivity, registerTrendMovie, saveExternalResult } from "@/db/queries/trends";
import { movieDailyActivity, movies, movieTrends } from "@/db/schema";
import { bossStarted } from "@/lib/jobs/runtime";
import { trendHistory as trendHistorySchema, trendPage } from "@/lib/trends/contract";
import { FETCH_EXTERNAL_QUEUE } from "@/lib/trends/jobs";
import { utcDay } from "@/lib/trends/series";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, tokenFor, type Caller } from "@/test/http";
import * as listRoute from "../trends/route";
import * as historyRoute from "../trends/history/route";
import * as registerRoute from "../trends/movies/register/route";
import * as viewRoute from "../trends/movies/view/route";
import * as refreshRoute from "../trends/movies/[movieId]/refresh-external/route";

/**
 * The trend API as Next.js calls it: registering by TMDB id, adding views, the dashboard's list
 * and history, and refreshing the external score. TMDB_API_KEY is not set here, so the fetch job
 * the routes queue falls back to the movies' own ratings.
 */

let t: TestDatabase;
let admin: Caller;
let catalogToken: Caller;
let viewer: Caller;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await sessionFor(t.db, "admin");
  viewer = await sessionFor(t.db, "viewer");
  catalogToken = await tokenFor(t.db, ["catalog:write"]);
});
afterAll(async () => {
  // The register and refresh routes start the job queue (with its workers) on first use.
  await (await bossStarted())?.stop({ graceful: false, timeout: 1_000 });
  await t.destroy();
});

const register = (body: unknown, as: Caller = admin) => call(registerRoute.POST, { method: "POST", path: "/api/v1/trends/movies/register", body, as });
const view = (body: unknown, as: Caller = admin) => call(viewRoute.POST, { method: "POST", path: "/api/v1/trends/movies/view", body, as });
const list = (query = "") => call(listRoute.GET, { path: `/api/v1/trends${query}` });

async function trendRow(movieId: string) {
  return (await t.db.select().from(movieTrends).where(eq(movieTrends.movieId, movieId)))[0];
}
const movieCount = async () => (await t.db.select({ n: count() }).from(movies))[0]!.n;
const trendCount = async () => (await t.db.select({ n: count() }).from(movieTrends))[0]!.n;

/** A movie on the dashboard with a TMDB score, views and trending activity at a given time. */
async function tracked(id: string, options: { vote?: number; views?: number; trending?: number; at?: Date }) {
  const at = options.at ?? new Date();
  await insertMovie(t.db, id, { title: `Movie ${id}`, year: 2001, genres: ["Drama"] });
  await registerTrendMovie(t.db, id, at);
  await addTrendActivity(t.db, [{ movieId: id, views: options.views ?? 0, trending: options.trending ?? 0, at }], 24);
  if (options.views) await addDailyActivity(t.db, [{ movieId: id, day: utcDay(at), views: options.views, watches: 0, favorites: 0, ratings: 0 }]);
  if (options.vote !== undefined) await saveExternalResult(t.db, id, { voteAverage: options.vote, status: "ok", message: null, checkedAt: at });
}

describe("POST /api/v1/trends/movies/register", () => {
  it("creates a movie for an unknown TMDB id, registers it and queues the fetch of its score", async () => {
    const res = await register({ tmdbId: 27205 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ movieId: "tmdb-27205", tmdbId: 27205, title: "TMDB movie 27205", created: true, externalStatus: "pending" });
    expect((await t.db.select().from(movies).where(eq(movies.id, "tmdb-27205")))[0]).toMatchObject({ tmdbId: 27205 });
    const boss = (await bossStarted())!;
    expect(await boss.findJobs(FETCH_EXTERNAL_QUEUE, { data: { movieId: "tmdb-27205" } })).toHaveLength(1);
  });

  it("without a TMDB key, the queued job falls back to the movie's own ratings and says so", async () => {
    const row = await waitFor(async () => {
      const r = await trendRow("tmdb-27205");
      return r?.externalStatus === "no_key" ? r : null;
    });
    expect(row.externalMessage).toContain("No TMDB_API_KEY is set");
    const item = (await list("?limit=200")).body.items.find((i: { movieId: string }) => i.movieId === "tmdb-27205");
    expect(item).toMatchObject({ externalStatus: "no_key", externalLabel: "No TMDB key, no ratings yet", finalScore: null });
  });

  it("registers a movie already in the catalog under its own id, for a catalog:write token too", async () => {
    await insertMovie(t.db, "heat", { title: "Heat", tmdbId: 949 });
    const res = await register({ tmdbId: 949 }, catalogToken);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ movieId: "heat", title: "Heat", created: false });
  });

  it("answers 409 naming tmdbId when the movie is already registered", async () => {
    const res = await register({ tmdbId: 949 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "conflict:trend_registered", fields: { tmdbId: "Already registered" } });
  });

  it("refuses bad input with a 400 naming the field, and writes nothing", async () => {
    const [moviesBefore, trendsBefore] = [await movieCount(), await trendCount()];
    for (const [body, field] of [
      [{}, "tmdbId"],
      [{ tmdbId: "27205" }, "tmdbId"],
      [{ tmdbId: -1 }, "tmdbId"],
      [{ tmdbId: 1.5 }, "tmdbId"],
      [{ tmdbId: 5, title: "x" }, "title"],
    ] as const) {
      const res = await register(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
    expect([await movieCount(), await trendCount()]).toEqual([moviesBefore, trendsBefore]);
  });

  it("is for admins and catalog:write tokens only", async () => {
    expect((await register({ tmdbId: 1 }, viewer)).status).toBe(403);
    expect((await call(registerRoute.POST, { method: "POST", body: { tmdbId: 1 } })).status).toBe(401);
  });
});

describe("POST /api/v1/trends/movies/view", () => {
  it("adds one view, and the final score follows at once", async () => {
    await tracked("seen", { vote: 8, views: 49 });
    expect((await trendRow("seen"))!.finalScore).toBe(7.1); // 0.7 × 8 + 0.3 × 4.9
    const res = await view({ movieId: "seen" });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ movieId: "seen", views: 50, finalScore: 7.1 });
    expect((await view({ movieId: "seen" })).body).toMatchObject({ views: 51, finalScore: 7.1 });
    for (let i = 0; i < 3; i++) await view({ movieId: "seen" });
    const row = (await trendRow("seen"))!;
    expect(row).toMatchObject({ views: 54, finalScore: 7.2 }); // 5.6 + 1.62
    const [today] = await t.db.select().from(movieDailyActivity).where(eq(movieDailyActivity.movieId, "seen"));
    expect(today).toMatchObject({ views: 54, watches: 0 });
  });

  it("finds the movie by TMDB id, and adds to trending now", async () => {
    const before = (await trendRow("heat"))!.trendingScore;
    const res = await view({ tmdbId: 949 }, catalogToken);
    expect(res.status).toBe(202);
    expect(res.body.movieId).toBe("heat");
    expect(res.body.trendingScore).toBeGreaterThan(before);
  });

  it("answers 404 naming the field for a movie that does not exist", async () => {
    expect((await view({ movieId: "nope" })).body.error.fields).toEqual({ movieId: "Not found" });
    expect((await view({ tmdbId: 123456 })).body.error.fields).toEqual({ tmdbId: "Not found" });
  });

  it("refuses bad input with a 400 naming the field, and writes nothing", async () => {
    const before = (await trendRow("seen"))!.views;
    for (const [body, field] of [
      [{}, "movieId"],
      [{ movieId: "seen", tmdbId: 949 }, "tmdbId"],
      [{ movieId: "no spaces" }, "movieId"],
      [{ movieId: "seen", views: 100 }, "views"],
    ] as const) {
      const res = await view(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
    const raw = await call(viewRoute.POST, { method: "POST", rawBody: "{", headers: { "content-type": "application/json" }, as: admin });
    expect(raw.status).toBe(400);
    expect((await trendRow("seen"))!.views).toBe(before);
  });

  it("is for admins and catalog:write tokens only", async () => {
    expect((await view({ movieId: "seen" }, viewer)).status).toBe(403);
  });
});

describe("GET /api/v1/trends", () => {
  const ids = ["a-high-score", "b-trending", "c-many-views", "d-faded"];
  beforeAll(async () => {
    const now = Date.now();
    await tracked("a-high-score", { vote: 9.5, views: 2, trending: 2 });
    await tracked("b-trending", { vote: 5, views: 5, trending: 6 });
    await tracked("c-many-views", { vote: 4, views: 300, trending: 1, at: new Date(now - 30 * HOUR) });
    // The most activity of all, but three days ago: at a 24 h half-life it is worth an eighth now.
    await tracked("d-faded", { views: 0, trending: 20, at: new Date(now - 72 * HOUR) });
  });

  const order = (body: { items: { movieId: string }[] }) => body.items.map((i) => i.movieId).filter((id) => ids.includes(id));

  it("sorts by final score, nulls last", async () => {
    const res = await list("?sort=final&limit=200");
    expect(res.status).toBe(200);
    expect(order(res.body)).toEqual(["a-high-score", "c-many-views", "b-trending", "d-faded"]);
  });

  it("sorts by trending now, with stored scores decayed to now so old activity fades", async () => {
    const res = await list("?sort=trending&limit=200");
    expect(order(res.body)).toEqual(["b-trending", "d-faded", "a-high-score", "c-many-views"]);
    const faded = res.body.items.find((i: { movieId: string }) => i.movieId === "d-faded");
    expect(faded.trendingScore).toBeCloseTo(20 / 8, 2);
    expect((await trendRow("d-faded"))!.trendingScore).toBe(20); // nothing was written
  });

  it("sorts by views", async () => {
    expect(order((await list("?sort=views&limit=200")).body)).toEqual(["c-many-views", "b-trending", "a-high-score", "d-faded"]);
  });

  it("describes each movie with its scores, the source of the external score and 14 days of activity", async () => {
    const res = await list("?limit=200&window=24h");
    expect(trendPage.safeParse(res.body).error?.issues ?? []).toEqual([]);
    const a = res.body.items.find((i: { movieId: string }) => i.movieId === "a-high-score");
    expect(a).toMatchObject({ title: "Movie a-high-score", year: 2001, genres: ["Drama"], views: 2, viewsInWindow: 2, externalVoteAverage: 9.5, externalSource: "tmdb", externalLabel: "TMDB", externalStatus: "ok", finalScore: 6.7, registered: true });
    expect(a.daily).toHaveLength(14);
    expect(a.daily.at(-1)).toEqual({ day: utcDay(new Date()), views: 2, activity: 2 });
    expect(res.body).toMatchObject({ sort: "final", window: "24h", halfLifeHours: 24 });
  });

  it("lists a movie with activity but no registration, saying so", async () => {
    await insertMovie(t.db, "watched-only", { title: "Watched Only" });
    await addTrendActivity(t.db, [{ movieId: "watched-only", views: 1, trending: 2, at: new Date() }], 24);
    const item = (await list("?limit=200")).body.items.find((i: { movieId: string }) => i.movieId === "watched-only");
    expect(item).toMatchObject({ registered: false, views: 1, externalStatus: "pending", externalLabel: "Not registered", externalSource: null, finalScore: null });
  });

  it("pages through every tracked movie", async () => {
    const all = (await list("?sort=views&limit=200")).body;
    const first = (await list("?sort=views&limit=2")).body;
    expect(first).toMatchObject({ total: all.total, limit: 2, offset: 0, nextOffset: 2 });
    const rest = (await list(`?sort=views&limit=200&offset=2`)).body;
    expect([...first.items, ...rest.items].map((i: { movieId: string }) => i.movieId)).toEqual(all.items.map((i: { movieId: string }) => i.movieId));
    expect(rest.nextOffset).toBeNull();
  });

  it("refuses an unknown sort or window with a 400 naming the parameter", async () => {
    expect((await list("?sort=popular")).body.error.fields).toHaveProperty(["query.sort"]);
    expect((await list("?window=30d")).body.error.fields).toHaveProperty(["query.window"]);
    expect((await list("?limit=0")).status).toBe(400);
    expect((await list("?color=red")).body.error.fields).toEqual({ "query.color": "Unknown field" });
  });
});

describe("GET /api/v1/trends/history", () => {
  it("gives the top movies day by day, for the chart", async () => {
    const res = await call(historyRoute.GET, { path: "/api/v1/trends/history?top=3&days=7" });
    expect(res.status).toBe(200);
    expect(trendHistorySchema.safeParse(res.body).error?.issues ?? []).toEqual([]);
    expect(res.body.days).toHaveLength(7);
    expect(res.body.movies).toHaveLength(3);
    expect(res.body.movies[0].movieId).toBe("b-trending");
    for (const m of res.body.movies) expect(m.views).toHaveLength(7);
    const views = res.body.movies.find((m: { movieId: string }) => m.movieId === "seen")?.views;
    if (views) expect(views.at(-1)).toBe(54);
  });

  it("refuses a top beyond 20", async () => {
    expect((await call(historyRoute.GET, { path: "/api/v1/trends/history?top=50" })).body.error.fields).toHaveProperty(["query.top"]);
  });
});

describe("POST /api/v1/trends/movies/{movieId}/refresh-external", () => {
  const refresh = (movieId: string, as: Caller = admin) => call(refreshRoute.POST, { method: "POST", params: { movieId }, as });

  it("queues a fetch of the external score", async () => {
    await tracked("refresh-me", { vote: 6 });
    const res = await refresh("refresh-me");
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ movieId: "refresh-me", status: "queued" });
    expect(await (await bossStarted())!.findJobs(FETCH_EXTERNAL_QUEUE, { data: { movieId: "refresh-me" } })).toHaveLength(1);
  });

  it("answers 404 for a movie that does not exist or is not on the dashboard", async () => {
    expect((await refresh("nope")).status).toBe(404);
    await insertMovie(t.db, "untracked", { title: "Untracked" });
    const res = await refresh("untracked");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found:trend");
  });

  it("is for admins and catalog:write tokens only", async () => {
    expect((await refresh("refresh-me", viewer)).status).toBe(403);
  });
});

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("activity thousands of half-lives old", () => {
  // Stored as the worker stored a watch dated 2001 before client timestamps had a window, and as
  // any quiet movie ends up on its own: power(2, -age/halfLife) underflowed and every listing
  // sorted by "trending now" answered 500.
  beforeAll(async () => {
    await tracked("ancient", { vote: 6, views: 1, trending: 2, at: new Date("2001-01-01T00:00:00Z") });
    await tracked("quiet", { vote: 6, views: 1, trending: 3, at: new Date(Date.now() - 5_000 * 24 * HOUR) });
  });

  it("keeps the trends listing answering, with their trending score at 0", async () => {
    for (const sort of ["trending", "final", "views"]) {
      const res = await list(`?sort=${sort}&limit=200`);
      expect(res.status, sort).toBe(200);
      const ancient = res.body.items.find((i: { movieId: string }) => i.movieId === "ancient");
      expect(ancient.trendingScore).toBe(0);
    }
    expect((await call(historyRoute.GET, { path: "/api/v1/trends/history?days=7&sort=trending" })).status).toBe(200);
  });

  it("adds new activity to them: the old score has decayed to nothing, the new one counts", async () => {
    const res = await view({ movieId: "quiet" });
    expect(res.status).toBe(202);
    expect(res.body.trendingScore).toBe(1);
    await addTrendActivity(t.db, [{ movieId: "ancient", views: 1, trending: 2, at: new Date() }], 24);
    expect((await trendRow("ancient"))!.trendingScore).toBe(2);
    const item = (await list("?sort=trending&limit=200")).body.items.find((i: { movieId: string }) => i.movieId === "ancient");
    expect(item.trendingScore).toBeCloseTo(2, 2);
  });
});
