import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, count, eq, inArray, type SQL } from "drizzle-orm";
import { countUnprocessedEvents } from "@/db/queries/events";
import { insertMovie } from "@/db/queries/movies";
import { registerTrendMovie } from "@/db/queries/trends";
import { checkExternalScore } from "@/lib/trends/external-score";
import * as trendsRoute from "@/app/api/v1/trends/route";
import { deadLetters, events, movieDailyActivity, movieTrends, ratings, userFeatures, users } from "@/db/schema";
import { bossStarted, getBoss } from "@/lib/jobs/runtime";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, tokenFor, type Caller } from "@/test/http";
import { startFakeTmdb } from "@/test/fake-tmdb";
import { serveNode, type NodeServer } from "@/test/node-server";
import * as watchRoute from "@/pages/api/v1/events/watch";
import * as searchRoute from "@/pages/api/v1/events/search";
import * as ratingRoute from "@/pages/api/v1/events/rating";
import * as favoriteRoute from "@/pages/api/v1/events/favorite";
import * as batchRoute from "@/pages/api/v1/events/batch";
import * as featuresRoute from "@/app/api/v1/features/[userId]/route";
import * as refreshRoute from "@/app/api/v1/features/[userId]/refresh/route";
import * as deadLettersRoute from "@/app/api/v1/admin/dead-letters/route";
import * as retryRoute from "@/app/api/v1/admin/dead-letters/[id]/retry/route";
import * as discardRoute from "@/app/api/v1/admin/dead-letters/[id]/discard/route";
import * as movieRoute from "@/app/api/v1/movies/[id]/route";
import { createProcessingTrigger } from "./jobs";
import { BATCH_SIZE, processPendingEvents, PROCESS_EVENTS_QUEUE } from "./process-events";
import { MAX_EVENTS_PER_BATCH } from "./contract";

/**
 * The event API end to end: the contract of each event type, idempotency, who may send what, and
 * what the worker makes of the events (features, ratings, trends, dead letters). Route handlers
 * are called as Next.js calls them; the worker runs directly with a fixed clock.
 */

let t: TestDatabase;
let service: Caller; // a token with events:write
let reader: Caller; // a token with recs:read, which reads features
let admin: Caller;
let viewer: Caller;

const routes = { watch: watchRoute.POST, search: searchRoute.POST, rating: ratingRoute.POST, favorite: favoriteRoute.POST } as const;
type EventType = keyof typeof routes;

beforeAll(async () => {
  t = await createTestDatabase();
  service = await tokenFor(t.db, ["events:write"]);
  reader = await tokenFor(t.db, ["recs:read"]);
  admin = await sessionFor(t.db, "admin");
  viewer = await sessionFor(t.db, "viewer");
  await insertMovie(t.db, "heat", { title: "Heat", genres: ["Action", "Crime"], runtimeMinutes: 170 });
  await insertMovie(t.db, "toy", { title: "Toy Story", genres: ["Animation", "Children"], runtimeMinutes: 81 });
  await insertMovie(t.db, "up", { title: "Up", genres: ["Animation"], runtimeMinutes: 96 });
  // The event routes start the app's job queue; its own event worker would race processAll()
  // below (and stamp features with the real clock), so these tests do the processing themselves.
  await (await getBoss()).offWork(PROCESS_EVENTS_QUEUE);
});
afterAll(async () => {
  // The event routes start the job queue (with its workers) on first use.
  await (await bossStarted())?.stop({ graceful: false, timeout: 1_000 });
  await t.destroy();
});

// `as: null` sends no credentials at all.
const send = (type: EventType, body: unknown, as: Caller | null = service) => call(routes[type], { method: "POST", path: `/api/v1/events/${type}`, body, as: as ?? undefined });
const sendBatch = (body: unknown, as: Caller | null = service) => call(batchRoute.POST, { method: "POST", path: "/api/v1/events/batch", body, as: as ?? undefined });

async function storedEvents(where?: SQL) {
  return (await t.db.select({ n: count() }).from(events).where(where))[0]!.n;
}
const eventsOf = (userId: string) => storedEvents(eq(events.userId, userId));
const userExists = async (id: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.id, id))).length === 1;

/** Processes every pending event (waiting a little if a transaction of an earlier call still holds some). */
async function processAll(now = new Date()) {
  const total = { processed: 0, deadLettered: 0 };
  for (let i = 0; i < 200; i++) {
    const r = await processPendingEvents(t.db, { now: () => now, halfLifeHours: 24 });
    total.processed += r.processed;
    total.deadLettered += r.deadLettered;
    if ((await countUnprocessedEvents(t.db)) === 0) return total;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("events stayed unprocessed");
}

const watch = (userId: string, movieId = "heat", extra: Record<string, unknown> = {}) => ({
  userId,
  movieId,
  metadata: { watchDuration: 3600, progressPercent: 95, device: "web", quality: "1080p", sessionId: "s-1" },
  ...extra,
});

describe("the event contract: valid events", () => {
  it("accepts a watch event with 202 and a receipt, and stores it once", async () => {
    // An hour ago, written in UTC+1 as a device there would.
    const anHourAgo = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000);
    const local = new Date(anHourAgo.getTime() + 3_600_000).toISOString().slice(0, 19) + "+01:00";
    const res = await send("watch", { ...watch("contract-1"), requestId: "contract-watch-1", clientTimestamp: local });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ requestId: "contract-watch-1", status: "accepted", serverTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
    const [row] = await t.db.select().from(events).where(eq(events.requestId, "contract-watch-1"));
    expect(row).toMatchObject({ type: "watch", userId: "contract-1", movieId: "heat", metadata: { watchDuration: 3600, progressPercent: 95, device: "web", quality: "1080p", sessionId: "s-1" } });
    expect(row!.clientTimestamp!.toISOString()).toBe(anHourAgo.toISOString());
  });

  it("generates a requestId when none is sent", async () => {
    const res = await send("watch", watch("contract-1"));
    expect(res.status).toBe(202);
    expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("accepts a search with filters and no movie", async () => {
    const res = await send("search", { userId: "contract-1", metadata: { query: "heist movies", resultsCount: 12, filters: { genre: "Crime", year: 1995 } } });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe("accepted");
  });

  it("accepts a rating in half stars with the previous rating", async () => {
    const res = await send("rating", { userId: "contract-1", movieId: "heat", metadata: { rating: 4.5, previousRating: 3 } });
    expect(res.status).toBe(202);
  });

  it("accepts adding and removing a favorite", async () => {
    expect((await send("favorite", { userId: "contract-1", movieId: "up", metadata: { action: "add", listId: "weekend" } })).status).toBe(202);
    expect((await send("favorite", { userId: "contract-1", movieId: "up", metadata: { action: "remove" } })).status).toBe(202);
  });

  it("accepts a batch of every type and answers a receipt per event, in order", async () => {
    const res = await sendBatch({
      events: [
        { type: "watch", requestId: "contract-batch-1", ...watch("contract-2") },
        { type: "search", requestId: "contract-batch-2", userId: "contract-2", metadata: { query: "pixar" } },
        { type: "rating", requestId: "contract-batch-3", userId: "contract-2", movieId: "toy", metadata: { rating: 5 } },
        { type: "favorite", requestId: "contract-batch-4", userId: "contract-2", movieId: "toy", metadata: { action: "add" } },
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(4);
    expect(res.body.duplicates).toBe(0);
    expect(res.body.results.map((r: { requestId: string; status: string }) => `${r.requestId}:${r.status}`)).toEqual([
      "contract-batch-1:accepted",
      "contract-batch-2:accepted",
      "contract-batch-3:accepted",
      "contract-batch-4:accepted",
    ]);
    expect(await eventsOf("contract-2")).toBe(4);
  });
});

describe("the seed's watch body, without progressPercent", () => {
  const seedWatch = (userId: string, movieId: string, watchDuration: number) => ({ userId, movieId, clientTimestamp: new Date().toISOString(), metadata: { watchDuration, device: "mobile", quality: "HD" } });

  it("is accepted, and counts as unfinished (0.5) unless watchDuration covers the runtime (1.0)", async () => {
    // Heat runs 170 minutes, Toy Story 81 (4,860 s).
    expect((await send("watch", seedWatch("seed-partial", "heat", 3_600))).status).toBe(202);
    expect((await send("watch", seedWatch("seed-whole", "toy", 5_000))).status).toBe(202);
    expect((await sendBatch({ events: [{ type: "watch", ...seedWatch("seed-batch", "toy", 4_000) }] })).body.accepted).toBe(1);
    await processAll();
    const features = async (userId: string) => (await call(featuresRoute.GET, { params: { userId }, as: reader })).body;
    expect((await features("seed-partial")).genreScores).toEqual({ Action: 0.5, Crime: 0.5 });
    expect((await features("seed-whole")).genreScores).toEqual({ Animation: 1, Children: 1 });
    expect((await features("seed-batch")).genreScores).toEqual({ Animation: 0.5, Children: 0.5 });
    expect((await features("seed-whole")).watchHistory[0]).toMatchObject({ movieId: "toy", watchDuration: 5_000, progressPercent: 100 });
  });
});

describe("the event routes as Next.js serves them (pages/api, over HTTP)", () => {
  const pages = { watch: watchRoute, search: searchRoute, rating: ratingRoute, favorite: favoriteRoute, batch: batchRoute };
  let server: NodeServer;
  beforeAll(async () => {
    server = await serveNode((req, res) => {
      const type = new URL(req.url ?? "/", "http://x").pathname.split("/").pop() as keyof typeof pages;
      return pages[type].default(req, res);
    });
  });
  afterAll(() => server.close());
  const post = (type: keyof typeof pages, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.origin}/api/v1/events/${type}`, { method: "POST", body, headers: { "content-type": "application/json", ...service.headers, ...headers } });

  it("accepts each event type with 202 and a receipt, and stores it", async () => {
    const bodies = {
      watch: watch("http-1"),
      search: { userId: "http-1", metadata: { query: "heat" } },
      rating: { userId: "http-1", movieId: "heat", metadata: { rating: 4 } },
      favorite: { userId: "http-1", movieId: "heat", metadata: { action: "add" } },
    };
    for (const [type, body] of Object.entries(bodies)) {
      const response = await post(type as EventType, JSON.stringify({ ...body, requestId: `http-${type}` }));
      expect(response.status, type).toBe(202);
      expect(await response.json()).toMatchObject({ requestId: `http-${type}`, status: "accepted" });
    }
    const batch = await post("batch", JSON.stringify({ events: [{ type: "watch", requestId: "http-batch-1", ...watch("http-1") }] }));
    expect(batch.status).toBe(202);
    expect((await batch.json()).accepted).toBe(1);
    expect(await eventsOf("http-1")).toBe(5);
  });

  it("answers a stranger 401 before reading the body", async () => {
    // A 2 MB batch announced, its first bytes sent, the rest never: the answer must not wait for it.
    for (const headers of [{}, { authorization: "Bearer mq_not-a-token" }]) {
      const request = http.request(`${server.origin}/api/v1/events/batch`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(2 * 1024 * 1024 - 1), ...headers } });
      request.write('{"events": [');
      try {
        const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
          request.on("response", resolve).on("error", reject);
          setTimeout(() => reject(new Error("no answer while the body was still coming")), 3_000);
        });
        expect(response.statusCode).toBe(401);
        const body = await new Promise<string>((resolve) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk)).on("end", () => resolve(text));
        });
        expect(JSON.parse(body).error.code).toMatch(/^unauthorized/);
      } finally {
        request.destroy();
      }
    }
  });

  it("names the bad field, refuses what is too big or not POST, and stores nothing", async () => {
    const bad = await post("rating", JSON.stringify({ userId: "http-2", movieId: "heat", metadata: { rating: 6 } }));
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(["metadata.rating"]);
    const big = await post("search", JSON.stringify({ userId: "http-2", metadata: { query: "x".repeat(40 * 1024) } }));
    expect(big.status).toBe(413);
    const anonymous = await fetch(`${server.origin}/api/v1/events/watch`, { method: "POST", body: JSON.stringify(watch("http-2")), headers: { "content-type": "application/json" } });
    expect(anonymous.status).toBe(401);
    const get = await fetch(`${server.origin}/api/v1/events/watch`);
    expect(get.status).toBe(405);
    expect(await eventsOf("http-2")).toBe(0);
  });
});

describe("the event contract: invalid events are refused with the field named, and nothing is stored", () => {
  const long = (n: number) => "x".repeat(n);
  const cases: { name: string; type: EventType | "batch"; body: unknown; field: string; status?: number }[] = [
    { name: "a rating of 6", type: "rating", body: { userId: "bad-1", movieId: "heat", metadata: { rating: 6 } }, field: "metadata.rating" },
    { name: "a rating of 0.3", type: "rating", body: { userId: "bad-1", movieId: "heat", metadata: { rating: 0.3 } }, field: "metadata.rating" },
    { name: "a rating of 3.7 (not a half step)", type: "rating", body: { userId: "bad-1", movieId: "heat", metadata: { rating: 3.7 } }, field: "metadata.rating" },
    { name: "a previous rating of 0", type: "rating", body: { userId: "bad-1", movieId: "heat", metadata: { rating: 3, previousRating: 0 } }, field: "metadata.previousRating" },
    { name: "a rating as a string", type: "rating", body: { userId: "bad-1", movieId: "heat", metadata: { rating: "4" } }, field: "metadata.rating" },
    { name: "a favorite action other than add/remove", type: "favorite", body: { userId: "bad-1", movieId: "heat", metadata: { action: "toggle" } }, field: "metadata.action" },
    { name: "a search without a query", type: "search", body: { userId: "bad-1", metadata: { resultsCount: 3 } }, field: "metadata.query" },
    { name: "a search with a blank query", type: "search", body: { userId: "bad-1", metadata: { query: "   " } }, field: "metadata.query" },
    { name: "a negative results count", type: "search", body: { userId: "bad-1", metadata: { query: "heat", resultsCount: -1 } }, field: "metadata.resultsCount" },
    { name: "metadata that is not an object", type: "watch", body: { userId: "bad-1", movieId: "heat", metadata: "3600 seconds" }, field: "metadata" },
    { name: "metadata that is an array", type: "favorite", body: { userId: "bad-1", movieId: "heat", metadata: ["add"] }, field: "metadata" },
    { name: "no metadata", type: "watch", body: { userId: "bad-1", movieId: "heat" }, field: "metadata" },
    { name: "a watch duration as a string", type: "watch", body: { userId: "bad-1", movieId: "heat", metadata: { watchDuration: "3600", progressPercent: 50 } }, field: "metadata.watchDuration" },
    { name: "a negative watch duration", type: "watch", body: { userId: "bad-1", movieId: "heat", metadata: { watchDuration: -1, progressPercent: 50 } }, field: "metadata.watchDuration" },
    { name: "progress over 100 %", type: "watch", body: { userId: "bad-1", movieId: "heat", metadata: { watchDuration: 1, progressPercent: 101 } }, field: "metadata.progressPercent" },
    { name: "a watch without a movie", type: "watch", body: { userId: "bad-1", metadata: { watchDuration: 1, progressPercent: 1 } }, field: "movieId" },
    { name: "a numeric userId", type: "watch", body: { ...watch("x"), userId: 42 }, field: "userId" },
    { name: "a userId with a space", type: "watch", body: watch("bad user"), field: "userId" },
    { name: "a userId over 64 characters", type: "watch", body: watch(long(65)), field: "userId" },
    { name: "a device name over 50 characters", type: "watch", body: { ...watch("bad-1"), metadata: { watchDuration: 1, progressPercent: 1, device: long(51) } }, field: "metadata.device" },
    { name: "a query over 500 characters", type: "search", body: { userId: "bad-1", metadata: { query: long(501) } }, field: "metadata.query" },
    { name: "a list id over 100 characters", type: "favorite", body: { userId: "bad-1", movieId: "heat", metadata: { action: "add", listId: long(101) } }, field: "metadata.listId" },
    { name: "a requestId over 100 characters", type: "watch", body: { ...watch("bad-1"), requestId: long(101) }, field: "requestId" },
    { name: "a clientTimestamp that is not ISO 8601", type: "watch", body: { ...watch("bad-1"), clientTimestamp: "yesterday" }, field: "clientTimestamp" },
    { name: "an unknown top-level field", type: "watch", body: { ...watch("bad-1"), rating: 5 }, field: "rating" },
    { name: "an unknown metadata field", type: "rating", body: { userId: "bad-1", movieId: "heat", metadata: { rating: 4, stars: 4 } }, field: "metadata.stars" },
    { name: "a body that is not an object", type: "search", body: ["heat"], field: "body" },
    { name: "a batch over 1,000 events", type: "batch", body: { events: Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, () => ({ type: "watch", ...watch("bad-1") })) }, field: "events" },
    { name: "an empty batch", type: "batch", body: { events: [] }, field: "events" },
    { name: "a batch without events", type: "batch", body: { items: [] }, field: "events" },
    {
      name: "a bad action in the 4th event of a batch",
      type: "batch",
      body: {
        events: [
          { type: "watch", ...watch("bad-1") },
          { type: "search", userId: "bad-1", metadata: { query: "ok" } },
          { type: "rating", userId: "bad-1", movieId: "heat", metadata: { rating: 4 } },
          { type: "favorite", userId: "bad-1", movieId: "heat", metadata: { action: "toggle" } },
        ],
      },
      field: "events.3.metadata.action",
    },
    { name: "an unknown event type in a batch", type: "batch", body: { events: [{ type: "watch", ...watch("bad-1") }, { type: "click", userId: "bad-1" }] }, field: "events.1.type" },
    { name: "an unknown field in a batched event", type: "batch", body: { events: [{ type: "watch", ...watch("bad-1"), extra: true }] }, field: "events.0.extra" },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} naming ${c.field}`, async () => {
      const before = await storedEvents();
      const res = c.type === "batch" ? await sendBatch(c.body) : await send(c.type, c.body);
      expect(res.status).toBe(c.status ?? 400);
      expect(res.body.error.code).toBe("bad_request:validation");
      expect(Object.keys(res.body.error.fields)).toContain(c.field);
      expect(await storedEvents()).toBe(before);
      expect(await userExists("bad-1")).toBe(false);
    });
  }

  it("refuses a body over 32 KiB with 413 before reading it all", async () => {
    const res = await send("search", { userId: "bad-1", metadata: { query: long(40_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.fields).toEqual({ body: "Too large" });
  });

  it("refuses malformed JSON and a body that is not JSON", async () => {
    const malformed = await call(watchRoute.POST, { method: "POST", rawBody: "{ nope", headers: { "content-type": "application/json" }, as: service });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toEqual({ body: "Malformed JSON" });
    const text = await call(watchRoute.POST, { method: "POST", rawBody: "userId=1", headers: { "content-type": "text/plain" }, as: service });
    expect(text.status).toBe(415);
    expect(await userExists("bad-1")).toBe(false);
  });

  it("stores nothing of a batch when one event in it is refused", async () => {
    const before = await storedEvents();
    const res = await sendBatch({ events: [{ type: "watch", ...watch("bad-1") }, { type: "rating", userId: "bad-1", movieId: "heat", metadata: { rating: 9 } }] });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(["events.1.metadata.rating"]);
    expect(await storedEvents()).toBe(before);
  });
});

describe("client timestamps are believed only within their window", () => {
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  const DAY = 86_400_000;

  it("refuses one from 2001 or from the future with a 400 naming clientTimestamp, and stores nothing", async () => {
    for (const clientTimestamp of ["2001-01-01T00:00:00Z", ago(31 * DAY), ago(-10 * 60_000), "2030-01-01T00:00:00Z"]) {
      const res = await send("watch", { ...watch("clock-1"), clientTimestamp });
      expect(res.status, clientTimestamp).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(["clientTimestamp"]);
    }
    const batch = await sendBatch({ events: [{ type: "watch", ...watch("clock-1") }, { type: "search", userId: "clock-1", clientTimestamp: "2001-01-01T00:00:00Z", metadata: { query: "old" } }] });
    expect(batch.status).toBe(400);
    expect(batch.body.error.fields).toEqual({ "events.1.clientTimestamp": expect.stringContaining("30 days") });
    expect(await eventsOf("clock-1")).toBe(0);
  });

  it("accepts one from 29 days ago or 4 minutes ahead", async () => {
    expect((await send("watch", { ...watch("clock-2"), clientTimestamp: ago(29 * DAY) })).status).toBe(202);
    expect((await send("watch", { ...watch("clock-2"), clientTimestamp: ago(-4 * 60_000) })).status).toBe(202);
  });

  it("decays trending from the time the server received the event, not the device's time", async () => {
    await insertMovie(t.db, "clocked", { title: "Clocked", genres: ["Drama"] });
    expect((await send("watch", { ...watch("clock-3", "clocked"), clientTimestamp: ago(20 * DAY) })).status).toBe(202);
    await processAll();
    const [row] = await t.db.select({ trendingScore: movieTrends.trendingScore, trendingAt: movieTrends.trendingAt }).from(movieTrends).where(eq(movieTrends.movieId, "clocked"));
    // A watch adds 2; dated 20 days back it would have been stored as 2 at that instant.
    expect(row!.trendingScore).toBe(2);
    expect(Date.now() - row!.trendingAt!.getTime()).toBeLessThan(60_000);
  });
});

describe("idempotency by requestId", () => {
  it("answers the same requestId a second time as a duplicate and stores it once", async () => {
    const first = await send("rating", { requestId: "idem-1", userId: "idem-user", movieId: "heat", metadata: { rating: 4 } });
    const second = await send("rating", { requestId: "idem-1", userId: "idem-user", movieId: "heat", metadata: { rating: 4 } });
    expect(first.body.status).toBe("accepted");
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ requestId: "idem-1", status: "duplicate" });
    expect(await storedEvents(eq(events.requestId, "idem-1"))).toBe(1);
  });

  it("treats a requestId repeated inside one batch, or sent before, as a duplicate", async () => {
    const res = await sendBatch({
      events: [
        { type: "search", requestId: "idem-2", userId: "idem-user", metadata: { query: "one" } },
        { type: "search", requestId: "idem-2", userId: "idem-user", metadata: { query: "one again" } },
        { type: "search", requestId: "idem-1", userId: "idem-user", metadata: { query: "sent before" } },
        { type: "search", requestId: "idem-3", userId: "idem-user", metadata: { query: "three" } },
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "duplicate", "duplicate", "accepted"]);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 2 });
    expect(await eventsOf("idem-user")).toBe(3);
    const [kept] = await t.db.select({ metadata: events.metadata }).from(events).where(eq(events.requestId, "idem-2"));
    expect(kept!.metadata).toEqual({ query: "one" });
  });

  it("scopes the requestId to the user: the same key for two users stores both events", async () => {
    const first = await send("rating", { requestId: "idem-shared", userId: "idem-ann", movieId: "heat", metadata: { rating: 4 } });
    const second = await send("rating", { requestId: "idem-shared", userId: "idem-bob", movieId: "heat", metadata: { rating: 2 } });
    expect([first.body.status, second.body.status]).toEqual(["accepted", "accepted"]);
    const batch = await sendBatch({
      events: [
        { type: "search", requestId: "idem-shared-2", userId: "idem-ann", metadata: { query: "ann" } },
        { type: "search", requestId: "idem-shared-2", userId: "idem-bob", metadata: { query: "bob" } },
        { type: "search", requestId: "idem-shared-2", userId: "idem-bob", metadata: { query: "bob again" } },
      ],
    });
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted", "duplicate"]);
    const stored = await t.db.select({ userId: events.userId, metadata: events.metadata }).from(events).where(inArray(events.requestId, ["idem-shared", "idem-shared-2"])).orderBy(events.id);
    expect(stored).toEqual([
      { userId: "idem-ann", metadata: { rating: 4 } },
      { userId: "idem-bob", metadata: { rating: 2 } },
      { userId: "idem-ann", metadata: { query: "ann" } },
      { userId: "idem-bob", metadata: { query: "bob" } },
    ]);
  });

  it("sends the same request twice at the same moment and still stores it once", async () => {
    const body = { requestId: "idem-race", userId: "idem-user", movieId: "toy", metadata: { action: "add" } };
    const answers = await Promise.all([send("favorite", body), send("favorite", body), send("favorite", body)]);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(answers.filter((a) => a.body.status === "accepted")).toHaveLength(1);
    expect(await storedEvents(eq(events.requestId, "idem-race"))).toBe(1);
  });
});

describe("many requests at once", () => {
  it("answers each concurrent request with its own receipts, and stores every event once", async () => {
    const singles = Array.from({ length: 40 }, (_, i) => send("watch", { ...watch(`crowd-${i % 7}`), requestId: `crowd-single-${i}` }));
    const batches = Array.from({ length: 3 }, (_, b) =>
      sendBatch({ events: Array.from({ length: 50 }, (_, i) => ({ type: "search", requestId: `crowd-batch-${b}-${i}`, userId: `crowd-${i % 7}`, metadata: { query: `q${i}` } })) }),
    );
    const [singleAnswers, batchAnswers] = await Promise.all([Promise.all(singles), Promise.all(batches)]);
    expect(singleAnswers.map((a) => `${a.status} ${a.body.requestId} ${a.body.status}`)).toEqual(Array.from({ length: 40 }, (_, i) => `202 crowd-single-${i} accepted`));
    batchAnswers.forEach((a, b) => {
      expect(a.status).toBe(202);
      expect(a.body.results.map((r: { requestId: string }) => r.requestId)).toEqual(Array.from({ length: 50 }, (_, i) => `crowd-batch-${b}-${i}`));
      expect(a.body.accepted).toBe(50);
    });
    const stored = await t.db.select({ n: count() }).from(events).where(inArray(events.userId, Array.from({ length: 7 }, (_, i) => `crowd-${i}`)));
    expect(stored[0]!.n).toBe(40 + 150);
  });
});

describe("users and movies", () => {
  it("registers a user seen for the first time", async () => {
    expect(await userExists("newcomer-7")).toBe(false);
    expect((await send("watch", watch("newcomer-7"))).status).toBe(202);
    const [user] = await t.db.select({ role: users.role, email: users.email }).from(users).where(eq(users.id, "newcomer-7"));
    expect(user).toEqual({ role: "viewer", email: null });
    // and their features can be read
    expect((await call(featuresRoute.GET, { params: { userId: "newcomer-7" }, as: reader })).status).toBe(200);
  });

  it("answers 404 naming movieId for an unknown movie, and stores nothing (not even the user)", async () => {
    const res = await send("rating", { userId: "ghost-fan", movieId: "no-such-movie", metadata: { rating: 3 } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: "not_found:movie", fields: { movieId: "Not found" } });
    expect(await eventsOf("ghost-fan")).toBe(0);
    expect(await userExists("ghost-fan")).toBe(false);
  });

  it("names the event in a batch whose movie is unknown", async () => {
    const res = await sendBatch({ events: [{ type: "watch", ...watch("ghost-fan") }, { type: "search", userId: "ghost-fan", movieId: "no-such-movie", metadata: { query: "x" } }] });
    expect(res.status).toBe(404);
    expect(res.body.error.fields).toEqual({ "events.1.movieId": "Not found" });
    expect(await eventsOf("ghost-fan")).toBe(0);
  });
});

describe("who may send events", () => {
  it("lets a signed-in viewer send their own events", async () => {
    const res = await send("favorite", { userId: viewer.userId, movieId: "heat", metadata: { action: "add" } }, viewer);
    expect(res.status).toBe(202);
  });

  it("refuses a viewer's event for someone else with 403 naming userId, and stores nothing", async () => {
    const res = await send("rating", { userId: "someone-else", movieId: "heat", metadata: { rating: 1 } }, viewer);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "forbidden:other_user", fields: { userId: "Not you" } });
    const batch = await sendBatch({ events: [{ type: "search", userId: viewer.userId, metadata: { query: "me" } }, { type: "search", userId: "someone-else", metadata: { query: "not me" } }] }, viewer);
    expect(batch.status).toBe(403);
    expect(batch.body.error.fields).toEqual({ "events.1.userId": "Not you" });
    expect(await eventsOf("someone-else")).toBe(0);
    expect(await storedEvents(and(eq(events.userId, viewer.userId), eq(events.type, "search")))).toBe(0);
  });

  it("refuses a token without events:write with 403", async () => {
    const reader = await tokenFor(t.db, ["recs:read", "catalog:write"]);
    const res = await send("watch", watch("token-user"), reader);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden:events:write");
    expect((await sendBatch({ events: [{ type: "watch", ...watch("token-user") }] }, reader)).status).toBe(403);
    expect(await eventsOf("token-user")).toBe(0);
  });

  it("answers 401 to a stranger, and lets an admin token send for anyone", async () => {
    expect((await send("watch", watch("token-user"), null)).status).toBe(401);
    expect((await sendBatch({ events: [{ type: "watch", ...watch("token-user") }] }, null)).status).toBe(401);
    const adminToken = await tokenFor(t.db, ["admin"]);
    expect((await send("watch", watch("token-user"), adminToken)).status).toBe(202);
  });
});

describe("a viewer's rate limit", () => {
  /** The limits count in fixed windows: start a test well inside one, so it cannot turn over midway. */
  async function awayFromWindowEnd(windowMs: number) {
    const left = windowMs - (Date.now() % windowMs);
    if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
  }

  it("lets a signed-in viewer send 120 events a minute, then answers 429 with Retry-After and stores nothing more", async () => {
    await awayFromWindowEnd(60_000);
    const busy = await sessionFor(t.db, "viewer");
    const searches = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "search", userId: busy.userId, metadata: { query: `q${i}` } }));
    expect((await sendBatch({ events: searches(100) }, busy)).status).toBe(202);
    for (let i = 0; i < 20; i++) expect((await send("search", { userId: busy.userId, metadata: { query: "more" } }, busy)).status).toBe(202);
    const refused = await send("watch", watch(busy.userId), busy);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limited:viewer_events", message: expect.stringContaining("120 events a minute") });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await sendBatch({ events: searches(2) }, busy)).status).toBe(429);
    expect(await eventsOf(busy.userId)).toBe(120);
  });

  it("keeps a service's throughput: a token sends thousands of events a minute", async () => {
    const many = (b: number) => Array.from({ length: MAX_EVENTS_PER_BATCH }, (_, i) => ({ type: "search", userId: `svc-${i % 50}`, requestId: `svc-${b}-${i}`, metadata: { query: "bulk" } }));
    for (let b = 0; b < 3; b++) expect((await sendBatch({ events: many(b) })).status).toBe(202);
  });

  it("lets a viewer refresh their features 10 times an hour, then answers 429 with Retry-After", async () => {
    await awayFromWindowEnd(3_600_000);
    const eager = await sessionFor(t.db, "viewer");
    const refresh = () => call(refreshRoute.POST, { method: "POST", path: `/api/v1/features/${eager.userId}/refresh?daysBack=3650`, params: { userId: eager.userId }, as: eager });
    for (let i = 0; i < 10; i++) expect((await refresh()).status).toBe(200);
    const refused = await refresh();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited:viewer_refresh");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // An admin is not limited.
    const admin = await sessionFor(t.db, "admin");
    for (let i = 0; i < 12; i++) expect((await call(refreshRoute.POST, { method: "POST", path: `/api/v1/features/${eager.userId}/refresh?daysBack=30`, params: { userId: eager.userId }, as: admin })).status).toBe(200);
  });
});

describe("features computed from events, end to end", () => {
  // Three days ago (within the window a client timestamp is believed in), a day no other test uses.
  const base = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 86_400_000;
  const at = (minute: number) => new Date(base + minute * 60_000).toISOString();
  const processedAt = new Date(base + 3_600_000);
  const ada = "ada-features";
  // The same history as lib/features/user-features.test.ts, sent through the API.
  const history = [
    { type: "watch", requestId: "ada-1", userId: ada, movieId: "heat", clientTimestamp: at(1), metadata: { watchDuration: 6000, progressPercent: 100 } },
    { type: "watch", requestId: "ada-2", userId: ada, movieId: "toy", clientTimestamp: at(2), metadata: { watchDuration: 600, progressPercent: 20 } },
    { type: "search", requestId: "ada-3", userId: ada, clientTimestamp: at(3), metadata: { query: "The Heat of the night", resultsCount: 2 } },
    { type: "search", requestId: "ada-4", userId: ada, clientTimestamp: at(4), metadata: { query: "heat" } },
    { type: "rating", requestId: "ada-5", userId: ada, movieId: "heat", clientTimestamp: at(5), metadata: { rating: 4.5 } },
    { type: "rating", requestId: "ada-6", userId: ada, movieId: "toy", clientTimestamp: at(6), metadata: { rating: 2 } },
    { type: "favorite", requestId: "ada-7", userId: ada, movieId: "up", clientTimestamp: at(7), metadata: { action: "add" } },
    { type: "favorite", requestId: "ada-8", userId: ada, movieId: "up", clientTimestamp: at(8), metadata: { action: "remove" } },
    { type: "favorite", requestId: "ada-9", userId: ada, movieId: "heat", clientTimestamp: at(9), metadata: { action: "add" } },
  ] as const;
  let features: Record<string, unknown>;

  beforeAll(async () => {
    // The first four one by one through each type's route, the rest as a batch.
    for (const { type, ...event } of history.slice(0, 4)) expect((await send(type, event)).status).toBe(202);
    expect((await sendBatch({ events: history.slice(4) })).body.accepted).toBe(5);
    await processAll(processedAt);
    const res = await call(featuresRoute.GET, { params: { userId: ada }, as: reader });
    expect(res.status).toBe(200);
    features = res.body;
  });

  it("counts every interaction and keeps the watch history newest first", () => {
    expect(features.interactionCounts).toEqual({ watch: 2, search: 2, rating: 2, favorite: 3 });
    expect(features.watchCount).toBe(2);
    expect(features.watchHistory).toEqual([
      { movieId: "toy", watchDuration: 600, progressPercent: 20, at: at(2) },
      { movieId: "heat", watchDuration: 6000, progressPercent: 100, at: at(1) },
    ]);
    expect(features.totalWatchTime).toBe(6600);
    expect(features.averageWatchTime).toBe(3300);
    expect(features.lastActiveAt).toBe(at(9));
  });

  it("averages ratings, lists liked movies and favorites as they stand", () => {
    expect(features.averageRating).toBe(3.25);
    expect(features.likedMovies).toEqual(["heat"]);
    expect(features.favorites).toEqual(["heat"]);
  });

  it("keeps search keywords and genre affinity, without internal counters", () => {
    expect(features.topKeywords).toEqual([
      { keyword: "heat", count: 2 },
      { keyword: "night", count: 1 },
    ]);
    expect(features.searchHistory).toEqual([
      { query: "heat", at: at(4) },
      { query: "The Heat of the night", at: at(3) },
    ]);
    expect(features.genreScores).toEqual({ Action: 2.2, Crime: 2.2, Animation: 0.9, Children: 0.9 });
    // A JSON object has no order to rely on (jsonb keeps its own), so compare the shares.
    expect(features.genreAffinity).toEqual({ Action: 0.355, Crime: 0.355, Animation: 0.145, Children: 0.145 });
    expect(features).not.toHaveProperty("keywordCounts");
    expect(features.updatedAt).toBe(processedAt.toISOString());
  });

  it("writes the current ratings, movie views and daily activity", async () => {
    const rows = await t.db.select({ movieId: ratings.movieId, rating: ratings.rating }).from(ratings).where(eq(ratings.userId, ada)).orderBy(ratings.movieId);
    expect(rows).toEqual([
      { movieId: "heat", rating: 4.5 },
      { movieId: "toy", rating: 2 },
    ]);
    const day = await t.db
      .select({ movieId: movieDailyActivity.movieId, watches: movieDailyActivity.watches, ratings: movieDailyActivity.ratings, favorites: movieDailyActivity.favorites })
      .from(movieDailyActivity)
      .where(eq(movieDailyActivity.day, at(0).slice(0, 10)))
      .orderBy(movieDailyActivity.movieId);
    expect(day).toEqual([
      { movieId: "heat", watches: 1, ratings: 1, favorites: 1 },
      { movieId: "toy", watches: 1, ratings: 1, favorites: 0 },
      { movieId: "up", watches: 0, ratings: 0, favorites: 1 },
    ]);
  });

  it("rebuilds the same features from the raw events with POST refresh?daysBack=90", async () => {
    const res = await call(refreshRoute.POST, { method: "POST", path: `/api/v1/features/${ada}/refresh?daysBack=90`, params: { userId: ada }, as: admin });
    expect(res.status).toBe(200);
    const { updatedAt: _a, rebuiltFrom, ...rebuilt } = res.body;
    const { updatedAt: _b, ...stored } = features;
    void _a;
    void _b;
    expect(rebuiltFrom).toEqual({ events: history.length, daysBack: 90 });
    expect(rebuilt).toEqual(stored);
  });

  it("refuses daysBack out of range, naming it", async () => {
    const res = await call(refreshRoute.POST, { method: "POST", path: `/api/v1/features/${ada}/refresh?daysBack=0`, params: { userId: ada }, as: admin });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(["query.daysBack"]);
  });

  it("counts each event exactly once, however often processing runs and requests are resent", async () => {
    const views = async () => (await t.db.select({ movieId: movieTrends.movieId, views: movieTrends.views }).from(movieTrends).where(inArray(movieTrends.movieId, ["heat", "toy"])).orderBy(movieTrends.movieId));
    const before = await views();
    await processAll(new Date(base + 2 * 3_600_000));
    await processAll(new Date(base + 2 * 3_600_000));
    const resent = await sendBatch({ events: history.slice(0, 3) });
    expect(resent.body).toMatchObject({ accepted: 0, duplicates: 3 });
    await processAll(new Date(base + 2 * 3_600_000));
    const again = (await call(featuresRoute.GET, { params: { userId: ada }, as: reader })).body;
    expect(again.interactionCounts).toEqual({ watch: 2, search: 2, rating: 2, favorite: 3 });
    expect(again.totalWatchTime).toBe(6600);
    expect(again.watchHistory).toHaveLength(2);
    expect(await views()).toEqual(before);
    expect(await eventsOf(ada)).toBe(history.length);
  });

  it("works off a backlog of more than one batch in one run, and then ends", async () => {
    const backlog = Array.from({ length: BATCH_SIZE + 1 }, (_, i) => ({ type: "search", requestId: `backlog-${i}`, userId: `backlog-${i % 40}`, metadata: { query: "night" } }));
    for (let i = 0; i < backlog.length; i += MAX_EVENTS_PER_BATCH) expect((await sendBatch({ events: backlog.slice(i, i + MAX_EVENTS_PER_BATCH) })).status).toBe(202);
    const outcome = await processPendingEvents(t.db, { now: () => new Date(), halfLifeHours: 24 });
    expect(outcome).toEqual({ processed: BATCH_SIZE + 1, deadLettered: 0 });
    expect(await countUnprocessedEvents(t.db)).toBe(0);
  });

  it("updates every user of a batch that spans many users", async () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ type: "watch", requestId: `many-${i}`, ...watch(`many-${i}`, i % 2 ? "heat" : "toy") }));
    expect((await sendBatch({ events: many })).body.accepted).toBe(250);
    await processAll();
    const rows = await t.db.select({ userId: userFeatures.userId, features: userFeatures.features }).from(userFeatures).where(inArray(userFeatures.userId, many.map((e) => e.userId)));
    expect(rows).toHaveLength(250);
    expect(rows.every((r) => (r.features as { watchCount?: number }).watchCount === 1)).toBe(true);
  });

  it("shows the latest 100 watches and 50 searches, newest first, once the worker has applied them", async () => {
    const fan = "history-fan";
    const watches = Array.from({ length: 130 }, (_, i) => ({ type: "watch", requestId: `hist-w-${i}`, ...watch(fan, i % 2 ? "heat" : "toy", { metadata: { watchDuration: i + 1, progressPercent: 50 } }) }));
    const searches = Array.from({ length: 60 }, (_, i) => ({ type: "search", requestId: `hist-s-${i}`, userId: fan, metadata: { query: `query ${i}` } }));
    expect((await sendBatch({ events: [...watches, ...searches] })).body.accepted).toBe(190);
    const pending = (await call(featuresRoute.GET, { params: { userId: fan }, as: reader })).body;
    expect(pending).toMatchObject({ watchHistory: [], searchHistory: [], watchCount: 0 });
    await processAll();
    const shown = (await call(featuresRoute.GET, { params: { userId: fan }, as: reader })).body;
    expect(shown.watchCount).toBe(130);
    expect(shown.watchHistory).toHaveLength(100);
    expect(shown.watchHistory.map((w: { watchDuration: number }) => w.watchDuration).slice(0, 3)).toEqual([130, 129, 128]);
    expect(shown.watchHistory.at(-1).watchDuration).toBe(31);
    expect(shown.searchHistory).toHaveLength(50);
    expect(shown.searchHistory[0].query).toBe("query 59");
    expect(shown.searchHistory.at(-1).query).toBe("query 10");
  });

  it("rebuilds only from applied events: a refresh while events wait does not count them twice", async () => {
    const before = (await call(featuresRoute.GET, { params: { userId: ada }, as: reader })).body;
    const waiting = [
      { type: "watch", requestId: "ada-waiting-1", ...watch(ada, "up", { metadata: { watchDuration: 100, progressPercent: 100 } }) },
      { type: "search", requestId: "ada-waiting-2", userId: ada, metadata: { query: "pixar" } },
    ];
    expect((await sendBatch({ events: waiting })).body.accepted).toBe(2);
    const refreshed = await call(refreshRoute.POST, { method: "POST", path: `/api/v1/features/${ada}/refresh?daysBack=3650`, params: { userId: ada }, as: admin });
    expect(refreshed.body.interactionCounts).toEqual(before.interactionCounts);
    await processAll();
    const after = (await call(featuresRoute.GET, { params: { userId: ada }, as: reader })).body;
    expect(after.interactionCounts).toEqual({ ...before.interactionCounts, watch: before.interactionCounts.watch + 1, search: before.interactionCounts.search + 1 });
    expect(after.totalWatchTime).toBe(before.totalWatchTime + 100);
    expect(after.watchHistory[0].movieId).toBe("up");
    expect(after.searchHistory[0].query).toBe("pixar");
  });

  it("lets viewers read only their own features", async () => {
    const mine = await call(featuresRoute.GET, { params: { userId: viewer.userId }, as: viewer });
    expect(mine.status).toBe(200);
    expect(mine.body.userId).toBe(viewer.userId);
    const theirs = await call(featuresRoute.GET, { params: { userId: ada }, as: viewer });
    expect(theirs.status).toBe(403);
    expect((await call(featuresRoute.GET, { params: { userId: "nobody-at-all" }, as: reader })).status).toBe(404);
  });
});

describe("the trend score's stand-in without a TMDB score (no key, or no TMDB id)", () => {
  it("follows the movie's ratings as they are applied, not only the daily refresh", async () => {
    await insertMovie(t.db, "own-rated", { title: "Own Rated", genres: ["Drama"] });
    await registerTrendMovie(t.db, "own-rated", new Date());
    expect(await checkExternalScore(t.db, "own-rated", { tmdb: null, now: new Date() })).toMatchObject({ outcome: "no_key", voteAverage: null });
    const listed = async () => (await call(trendsRoute.GET, { path: "/api/v1/trends?limit=200" })).body.items.find((i: { movieId: string }) => i.movieId === "own-rated");
    expect(await listed()).toMatchObject({ finalScore: null, externalLabel: "No TMDB key, no ratings yet" });

    expect((await send("rating", { userId: "own-1", movieId: "own-rated", metadata: { rating: 4 } })).status).toBe(202);
    await processAll();
    // 0.7 × 8 + 0.3 × 0 views
    expect(await listed()).toMatchObject({ externalVoteAverage: 8, finalScore: 5.6, externalSource: "own_ratings", externalLabel: "Own ratings (no TMDB key)" });

    expect((await send("rating", { userId: "own-2", movieId: "own-rated", metadata: { rating: 5 } })).status).toBe(202);
    await processAll();
    expect(await listed()).toMatchObject({ externalVoteAverage: 9, finalScore: 6.3, externalMessage: expect.stringContaining("4.50/5 from 2 ratings") });
  });

  it("with a TMDB key, a movie without a TMDB id is scored from its ratings as they are applied, labelled as having no TMDB id", async () => {
    const tmdb = await startFakeTmdb();
    try {
      await insertMovie(t.db, "no-tmdb-rated", { title: "No TMDB Id", genres: ["Drama"] });
      await registerTrendMovie(t.db, "no-tmdb-rated", new Date());
      expect(await checkExternalScore(t.db, "no-tmdb-rated", { tmdb: tmdb.client, now: new Date() })).toMatchObject({ outcome: "no_tmdb_id", voteAverage: null });
      const listed = async () => (await call(trendsRoute.GET, { path: "/api/v1/trends?limit=200" })).body.items.find((i: { movieId: string }) => i.movieId === "no-tmdb-rated");
      expect(await listed()).toMatchObject({ finalScore: null, externalStatus: "no_tmdb_id", externalLabel: "No TMDB id, no ratings yet" });

      expect((await send("rating", { userId: "no-tmdb-1", movieId: "no-tmdb-rated", metadata: { rating: 3 } })).status).toBe(202);
      await processAll();
      // 0.7 × 6 + 0.3 × 0 views
      expect(await listed()).toMatchObject({ externalVoteAverage: 6, finalScore: 4.2, externalSource: "own_ratings", externalLabel: "Own ratings (no TMDB id)" });

      expect((await send("rating", { userId: "no-tmdb-2", movieId: "no-tmdb-rated", metadata: { rating: 4 } })).status).toBe(202);
      await processAll();
      expect(await listed()).toMatchObject({
        externalStatus: "no_tmdb_id", externalVoteAverage: 7, finalScore: 4.9,
        externalMessage: expect.stringMatching(/^This movie has no TMDB id: .*3\.50\/5 from 2 ratings/),
      });
      expect(tmdb.requests).toEqual([]);
    } finally {
      await tmdb.close();
    }
  });
});

describe("dead letters", () => {
  const listAs = (query: string, as: Caller = admin) => call(deadLettersRoute.GET, { path: `/api/v1/admin/dead-letters${query}`, as });
  type Letter = { id: number; queue: string; payload: Record<string, unknown>; error: string; attempts: number; status: string };

  /**
   * An event accepted for a movie that is deleted before the event is processed. The movie is
   * looked up once first (a search naming it), so ingestion still knows it after the delete.
   */
  async function eventForDeletedMovie(movieId: string, requestId: string) {
    await insertMovie(t.db, movieId, { title: `Doomed ${movieId}`, genres: ["Drama"] });
    expect((await send("search", { userId: "doomed-fan", movieId, metadata: { query: "doomed" } })).status).toBe(202);
    await processAll();
    expect((await call(movieRoute.DELETE, { method: "DELETE", params: { id: movieId }, as: admin })).status).toBe(204);
    expect((await send("watch", { ...watch("doomed-fan", movieId), requestId })).status).toBe(202);
    const outcome = await processAll();
    const [letter] = (await listAs("?status=open")).body.items.filter((l: Letter) => l.payload.movieId === movieId) as Letter[];
    return { letter: letter!, outcome };
  }

  let letter: Letter;

  it("moves an event that keeps failing to the dead letters, with its error, after its retries", async () => {
    const found = await eventForDeletedMovie("doomed-1", "doomed-watch-1");
    letter = found.letter;
    expect(letter).toMatchObject({ queue: PROCESS_EVENTS_QUEUE, status: "open", attempts: 3, payload: { type: "watch", userId: "doomed-fan", movieId: "doomed-1" } });
    expect(letter.error).toMatch(/foreign key|violates/i);
    // The rest of the stream kept flowing: nothing is left pending.
    expect(await countUnprocessedEvents(t.db)).toBe(0);
    const page = (await listAs("")).body;
    expect(page).toMatchObject({ total: expect.any(Number), limit: 25, offset: 0 });
    expect(page.items.some((l: Letter) => l.id === letter.id)).toBe(true);
  });

  it("retries a dead letter: the event goes back to the queue and, with its movie back, is processed", async () => {
    await insertMovie(t.db, "doomed-1", { title: "Doomed, restored", genres: ["Drama"] });
    const res = await call(retryRoute.POST, { method: "POST", params: { id: String(letter.id) }, as: admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: letter.id, status: "retried" });
    await processAll();
    const features = (await call(featuresRoute.GET, { params: { userId: "doomed-fan" }, as: reader })).body;
    expect(features.watchHistory.map((w: { movieId: string }) => w.movieId)).toEqual(["doomed-1"]);
    const [views] = await t.db.select({ views: movieTrends.views }).from(movieTrends).where(eq(movieTrends.movieId, "doomed-1"));
    expect(views!.views).toBe(1);
    expect((await listAs("?status=retried")).body.items.map((l: Letter) => l.id)).toContain(letter.id);
    expect((await listAs("?status=open")).body.items.map((l: Letter) => l.id)).not.toContain(letter.id);
    // Only open letters can be retried or discarded.
    const again = await call(retryRoute.POST, { method: "POST", params: { id: String(letter.id) }, as: admin });
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toEqual({ id: "Already retried" });
  });

  it("discards a dead letter: it is closed and its event stays out of the features", async () => {
    const { letter: other } = await eventForDeletedMovie("doomed-2", "doomed-watch-2");
    const res = await call(discardRoute.POST, { method: "POST", params: { id: String(other.id) }, as: admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: other.id, status: "discarded" });
    expect((await listAs("?status=discarded")).body.items.map((l: Letter) => l.id)).toEqual([other.id]);
    expect((await call(retryRoute.POST, { method: "POST", params: { id: String(other.id) }, as: admin })).status).toBe(409);
    const [row] = await t.db.select({ status: deadLetters.status, resolvedAt: deadLetters.resolvedAt }).from(deadLetters).where(eq(deadLetters.id, other.id));
    expect(row!.status).toBe("discarded");
    expect(row!.resolvedAt).toBeInstanceOf(Date);
    await processAll();
    const features = (await call(featuresRoute.GET, { params: { userId: "doomed-fan" }, as: reader })).body;
    expect(features.watchHistory.map((w: { movieId: string }) => w.movieId)).toEqual(["doomed-1"]);
  });

  it("answers 404 for an unknown dead letter, 400 for a bad id and a bad status filter", async () => {
    expect((await call(retryRoute.POST, { method: "POST", params: { id: "999999" }, as: admin })).status).toBe(404);
    const badId = await call(discardRoute.POST, { method: "POST", params: { id: "abc" }, as: admin });
    expect(badId.status).toBe(400);
    expect(Object.keys(badId.body.error.fields)).toEqual(["path.id"]);
    const badStatus = await listAs("?status=lost");
    expect(badStatus.status).toBe(400);
    expect(Object.keys(badStatus.body.error.fields)).toEqual(["query.status"]);
  });

  it("is for admins only", async () => {
    expect((await listAs("", viewer)).status).toBe(403);
    expect((await call(retryRoute.POST, { method: "POST", params: { id: String(letter.id) }, as: service })).status).toBe(403);
  });
});

describe("asking for processing", () => {
  it("coalesces a burst of requests into one send, and never drops the request of the last one", () => {
    vi.useFakeTimers();
    try {
      const sends: number[] = [];
      const request = createProcessingTrigger(() => sends.push(Date.now()));
      request();
      request();
      request();
      expect(sends).toHaveLength(1);
      // Events stored after that first job may already be running need a job that starts later.
      vi.advanceTimersByTime(300);
      expect(sends).toHaveLength(2);
      vi.advanceTimersByTime(1_000);
      expect(sends).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("text Postgres cannot store", () => {
  it("refuses a NUL character with a 400 naming the field, not a 500", async () => {
    const res = await send("search", { userId: "nul-user", metadata: { query: "heat\u0000night" } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(["metadata.query"]);
    const device = await send("watch", { ...watch("nul-user"), metadata: { watchDuration: 1, progressPercent: 1, device: "tv\u0000" } });
    expect(device.status).toBe(400);
    const filter = await send("search", { userId: "nul-user", metadata: { query: "heat", filters: { genre: "Cri\u0000me" } } });
    expect(filter.status).toBe(400);
    expect(await eventsOf("nul-user")).toBe(0);
  });
});
