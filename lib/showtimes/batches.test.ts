import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { showtimeBatches, showtimes, tickets } from "@/db/schema";
import { insertMovie } from "@/db/queries/movies";
import { insertTheater } from "@/db/queries/theaters";
import { insertShowtimes } from "@/db/queries/showtimes";
import { rectangularSeatMap } from "@/lib/theaters/seat-map";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, type Caller } from "@/test/http";
import { readSse } from "@/test/sse";
import * as createRoute from "@/app/api/v1/showtime-creation/showtimes/route";
import * as findRoute from "@/app/api/v1/showtime-creation/showtimes/find/route";
import * as batchRoute from "@/app/api/v1/showtime-creation/batches/[transactionId]/route";
import * as eventsRoute from "@/app/api/v1/showtime-creation/batches/[transactionId]/events/route";
import * as moviesRoute from "@/app/api/v1/showtime-creation/movies/route";
import { submitShowtimeBatch } from "./batch-service";
import { planSlot } from "./conflicts";
import { runShowtimeBatch } from "./run-batch";
import { warmUpConflictChecks } from "./warm-up";
import { bossStarted } from "@/lib/jobs/runtime";

let t: TestDatabase;
let admin: Caller;
const day = (n: number, time: string) => new Date(Date.UTC(2031, 0, n, +time.slice(0, 2), +time.slice(3, 5))).toISOString();

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await sessionFor(t.db, "admin");
  await insertMovie(t.db, "heat", { title: "Heat", runtimeMinutes: 170, releaseDate: "1995-12-15" });
  await insertMovie(t.db, "toy", { title: "Toy Story", runtimeMinutes: 81, releaseDate: "1995-11-22" });
  await insertTheater(t.db, "a", { name: "Hall A", city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 15, seatMap: rectangularSeatMap(2, 5) }); // 10 seats
  await insertTheater(t.db, "b", { name: "Hall B", city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 20, seatMap: rectangularSeatMap(3, 4) }); // 12 seats
  await insertTheater(t.db, "c", { name: "Hall C", city: "Seoul", timeZone: "Asia/Seoul", turnoverMinutes: 10, seatMap: rectangularSeatMap(1, 7) }); // 7 seats
});
afterAll(async () => {
  await (await bossStarted())?.stop({ graceful: false, timeout: 1_000 });
  await t.destroy();
});

async function countRows(table: typeof showtimes | typeof tickets | typeof showtimeBatches) {
  return (await t.db.select({ n: count() }).from(table))[0]!.n;
}

async function submit(body: unknown, headers: Record<string, string> = {}) {
  return call(createRoute.POST, { method: "POST", body, headers, as: admin });
}

async function events(transactionId: string, lastEventId?: number) {
  const request = new Request(`http://localhost/x`, { headers: { ...admin.headers, ...(lastEventId ? { "last-event-id": String(lastEventId) } : {}) } });
  const response = await eventsRoute.GET(request, { params: Promise.resolve({ transactionId }) });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  return readSse(response);
}

describe("creating a batch of showtimes", () => {
  let transactionId: string;

  it("answers 202 at once and the job creates every showtime and one ticket per seat", async () => {
    const res = await submit({ movieId: "toy", theaterIds: ["a", "b"], durationInMinutes: 95, startTimes: [day(5, "10:00"), day(5, "13:00"), day(5, "16:00")] });
    expect(res.status).toBe(202);
    transactionId = res.body.transactionId;
    expect(res.body).toEqual({ transactionId, statusUrl: `/api/v1/showtime-creation/batches/${transactionId}`, eventsUrl: `/api/v1/showtime-creation/batches/${transactionId}/events` });

    const stream = await events(transactionId);
    const terminal = stream.at(-1)!;
    expect(terminal.data).toMatchObject({ status: "succeeded", createdShowtimes: 6, createdTickets: 3 * 10 + 3 * 12 });
    expect(stream[0]!.data.status).toBe("waiting");
    expect(stream.map((e) => e.id)).toEqual(stream.map((_, i) => i + 1));
    expect(stream.some((e) => e.data.phase === "creating_tickets")).toBe(true);

    expect(await countRows(showtimes)).toBe(6);
    expect(await countRows(tickets)).toBe(66);
    const status = await call(batchRoute.GET, { params: { transactionId }, as: admin });
    expect(status.body).toMatchObject({ status: "succeeded", progress: { createdShowtimes: 6, createdTickets: 66, totalShowtimes: 6, totalTickets: 66 } });
  });

  it("replays what a client missed after Last-Event-ID, then closes with the terminal event", async () => {
    const all = await events(transactionId);
    const rest = await events(transactionId, 2);
    expect(rest.map((e) => e.id)).toEqual(all.slice(2).map((e) => e.id));
    expect(rest.at(-1)!.data.status).toBe("succeeded");
  });

  it("refuses a Last-Event-ID that is no event of the batch, naming the header, instead of a stream that never closes", async () => {
    const all = await events(transactionId);
    const ask = async (headers: Record<string, string>, query = "") => {
      const response = await eventsRoute.GET(new Request(`http://localhost/x${query}`, { headers: { ...admin.headers, ...headers } }), { params: Promise.resolve({ transactionId }) });
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    };
    for (const id of ["2000000000", "2147483648", "99999999999999999999", "-1", "1.5", "abc"]) {
      const refused = await ask({ "last-event-id": id });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.error.fields)).toEqual(["Last-Event-ID"]);
    }
    expect((await ask({}, "?lastEventId=2147483648")).body.error.fields).toEqual({ "query.lastEventId": "Not an event id" });
    expect((await ask({ "last-event-id": String(all.length + 1) })).body.error.fields).toEqual({ "Last-Event-ID": "No such event" });
    // The client has the terminal event already: nothing more will come, and EventSource stops on a 204.
    expect(await ask({ "last-event-id": String(all.at(-1)!.id) })).toEqual({ status: 204, body: null });
  });

  it("lists the new showtimes for the wizard's timeline, and sums them up per movie", async () => {
    const found = await call(findRoute.POST, { method: "POST", body: { theaterIds: ["a"] }, as: admin });
    expect(found.body.items.map((s: { startTime: string }) => new Date(s.startTime).toISOString())).toEqual([day(5, "10:00"), day(5, "13:00"), day(5, "16:00")]);
    expect(found.body.items[0]).toMatchObject({ theaterName: "Hall A", movieTitle: "Toy Story" });
    const movies = await call(moviesRoute.GET, { path: "/x?q=toy", as: admin });
    expect(movies.body.items[0].showtimes).toEqual({ upcoming: 6, firstStart: day(5, "10:00"), lastStart: day(5, "16:00"), theaters: 2 });
  });

  it("fails the whole batch when one theater conflicts, reports each conflict once, and writes nothing", async () => {
    const before = { showtimes: await countRows(showtimes), tickets: await countRows(tickets) };
    // Hall A is busy 10:00–11:50 (95 min + 15); Hall C is free.
    const res = await submit({ movieId: "heat", theaterIds: ["c", "a"], durationInMinutes: 60, startTimes: [day(5, "08:30"), day(5, "11:30")] });
    const stream = await events(res.body.transactionId);
    const terminal = stream.at(-1)!;
    expect(terminal.data.status).toBe("failed");
    const conflicts = terminal.data.conflictingShowtimes as { theaterId: string; startTime: string; movieTitle: string; requestedStartTimes: string[] }[];
    expect(conflicts.map((c) => [c.theaterId, c.startTime, c.movieTitle])).toEqual([
      ["a", day(5, "10:00"), "Toy Story"],
    ]);
    expect(conflicts[0]!.requestedStartTimes).toEqual([day(5, "11:30")]);
    expect(await countRows(showtimes)).toBe(before.showtimes);
    expect(await countRows(tickets)).toBe(before.tickets);
  });

  it("allows a show that starts exactly when the previous one's turnover ends", async () => {
    // Hall A: 16:00 + 95 + 15 = 17:50.
    const res = await submit({ movieId: "heat", theaterIds: ["a"], durationInMinutes: 60, startTimes: [day(5, "17:50")] });
    expect((await events(res.body.transactionId)).at(-1)!.data.status).toBe("succeeded");
  });

  it("returns the same transactionId for the same Idempotency-Key and body, and starts nothing new", async () => {
    const body = { movieId: "heat", theaterIds: ["c"], durationInMinutes: 100, startTimes: [day(9, "18:00")] };
    const first = await submit(body, { "idempotency-key": "wizard-123" });
    const batches = await countRows(showtimeBatches);
    const again = await submit({ ...body, theaterIds: ["c"] }, { "idempotency-key": "wizard-123" });
    expect(again.status).toBe(202);
    expect(again.body.transactionId).toBe(first.body.transactionId);
    expect(await countRows(showtimeBatches)).toBe(batches);
    const other = await submit({ ...body, durationInMinutes: 101 }, { "idempotency-key": "wizard-123" });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("conflict:idempotency_key");
    await events(first.body.transactionId);
  });
});

describe("requests rejected at once, writing nothing", () => {
  const base = { movieId: "heat", theaterIds: ["a"], durationInMinutes: 90, startTimes: [day(20, "10:00")] };
  const cases: [string, unknown, number, string][] = [
    ["start times that overlap each other in one theater", { ...base, startTimes: [day(20, "10:00"), day(20, "11:00")] }, 400, "startTimes"],
    ["a duplicate start time", { ...base, startTimes: [day(20, "10:00"), day(20, "10:00")] }, 400, "startTimes.1"],
    ["a start time in the past", { ...base, startTimes: ["2020-01-01T10:00:00Z"] }, 400, "startTimes.0"],
    ["a start time without an offset", { ...base, startTimes: ["2031-01-20T10:00:00"] }, 400, "startTimes.0"],
    ["a zero duration", { ...base, durationInMinutes: 0 }, 400, "durationInMinutes"],
    ["an empty theater list", { ...base, theaterIds: [] }, 400, "theaterIds"],
    ["an empty start time list", { ...base, startTimes: [] }, 400, "startTimes"],
    ["an unknown movie", { ...base, movieId: "nope" }, 404, "movieId"],
    ["an unknown theater", { ...base, theaterIds: ["a", "zzz"] }, 404, "theaterIds.1"],
    ["too many theaters", { ...base, theaterIds: Array.from({ length: 501 }, (_, i) => `t${i}`) }, 400, "theaterIds"],
    ["too many showtimes in total", { ...base, theaterIds: Array.from({ length: 11 }, (_, i) => `t${i}`), startTimes: Array.from({ length: 2000 }, (_, i) => new Date(Date.UTC(2031, 0, 1) + i * 4 * 3600_000).toISOString()), durationInMinutes: 60 }, 413, "startTimes"],
    ["an unknown field", { ...base, seats: 5 }, 400, "seats"],
  ];
  for (const [name, body, status, field] of cases) {
    it(`rejects ${name} (${status}, naming ${field})`, async () => {
      const batches = await countRows(showtimeBatches);
      const res = await submit(body);
      expect(res.status).toBe(status);
      expect(Object.keys(res.body.error.fields)).toContain(field);
      expect(await countRows(showtimeBatches)).toBe(batches);
    });
  }

  it("names both start times of an overlapping pair in the message", async () => {
    const res = await submit({ ...base, startTimes: [day(20, "10:00"), day(20, "11:00")] });
    expect(res.body.error.message).toContain(day(20, "10:00"));
    expect(res.body.error.message).toContain(day(20, "11:00"));
  });
});

describe("concurrent batches", () => {
  it("two overlapping batches validated at the same time: exactly one wins, the other fails with its conflicts", async () => {
    const noQueue = async () => {};
    const now = new Date();
    const body = (movieId: string, time: string) => ({ input: { movieId, theaterIds: ["b"], durationInMinutes: 120, startTimes: [day(25, time)] }, idempotencyKey: null, requestedBy: admin.userId, now });
    const first = await submitShowtimeBatch(t.db, noQueue, body("heat", "18:00"));
    const second = await submitShowtimeBatch(t.db, noQueue, body("toy", "19:00"));
    const run = (id: string) => runShowtimeBatch({ handle: t, now: () => new Date() }, id);
    const outcomes = await Promise.all([run(first.batchId), run(second.batchId)]);
    expect(outcomes.sort()).toEqual(["failed", "succeeded"]);
    const rows = await t.db.select({ startsAt: showtimes.startsAt }).from(showtimes).where(eq(showtimes.theaterId, "b"));
    expect(rows.filter((r) => r.startsAt.toISOString().startsWith("2031-01-25"))).toHaveLength(1);
  });

  it("the database itself refuses an overlapping showtime, whatever the application checked", async () => {
    const slot = planSlot("c", new Date(day(9, "18:30")), 30, 10);
    await expect(insertShowtimes(t.db, (await t.db.select({ id: showtimeBatches.id }).from(showtimeBatches).limit(1))[0]!.id, "toy", [slot])).rejects.toThrow();
  });
});

describe("the catalog under scheduled showtimes", () => {
  it("refuses to delete a movie or theater with showtimes (409), and to change a seat map under upcoming shows", async () => {
    const movieRoute = await import("@/app/api/v1/movies/[id]/route");
    const theaterRoute = await import("@/app/api/v1/theaters/[id]/route");
    const movie = await call(movieRoute.DELETE, { method: "DELETE", params: { id: "toy" }, as: admin });
    expect(movie.status).toBe(409);
    expect(movie.body.error.code).toBe("conflict:movie_in_use");
    const theater = await call(theaterRoute.DELETE, { method: "DELETE", params: { id: "a" }, as: admin });
    expect(theater.status).toBe(409);
    const seatMap = await call(theaterRoute.PATCH, { method: "PATCH", params: { id: "a" }, body: { seatMap: rectangularSeatMap(1, 3) }, as: admin });
    expect(seatMap.status).toBe(409);
    expect(seatMap.body.error.fields).toHaveProperty("seatMap");
    expect(await countRows(tickets)).toBeGreaterThan(0);
  });
});

describe("the embedded database's start-up warm-up", () => {
  it("runs the conflict check over every theater without finding or writing anything, and not at all with no budget", async () => {
    const before = { showtimes: await countRows(showtimes), batches: await countRows(showtimeBatches) };
    const warmed = await warmUpConflictChecks(t.db, { budgetMs: 100, now: new Date() });
    expect(warmed.runs).toBeGreaterThan(0);
    expect({ showtimes: await countRows(showtimes), batches: await countRows(showtimeBatches) }).toEqual(before);
    expect(await warmUpConflictChecks(t.db, { budgetMs: 0, now: new Date() })).toEqual({ runs: 0, ms: 0 });
  });
});
