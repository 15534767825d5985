import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { movies, seats, theaters } from "@/db/schema";
import { rectangularSeatMap } from "@/lib/theaters/seat-map";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, tokenFor, type Caller } from "@/test/http";
import * as movieRoutes from "../movies/route";
import * as movieRoute from "../movies/[id]/route";
import * as theaterRoutes from "../theaters/route";
import * as theaterRoute from "../theaters/[id]/route";
import * as genreRoutes from "../genres/route";

let t: TestDatabase;
let admin: Caller;
let catalogToken: Caller;
let viewer: Caller;

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await sessionFor(t.db, "admin");
  viewer = await sessionFor(t.db, "viewer");
  catalogToken = await tokenFor(t.db, ["catalog:write"]);
});
afterAll(() => t.destroy());

const heat = { id: "6", title: "Heat", year: 1995, runtimeMinutes: 170, genres: ["Action", "Crime", "Thriller"], releaseDate: "1995-12-15", imdbId: "tt0113277", tmdbId: 949 };

async function rowCount(table: typeof movies | typeof theaters | typeof seats) {
  return (await t.db.select({ n: count() }).from(table))[0]!.n;
}

describe("movies API", () => {
  it("creates a movie with a caller-chosen id and returns it without internal columns", async () => {
    const res = await call(movieRoutes.POST, { method: "POST", path: "/api/v1/movies", body: heat, as: admin });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: "6", title: "Heat", genres: ["Action", "Crime", "Thriller"], releaseDate: "1995-12-15" });
    const got = await call(movieRoute.GET, { path: "/api/v1/movies/6", params: { id: "6" } });
    expect(got.body.title).toBe("Heat");
  });

  it("generates an id when none is sent, and accepts a catalog:write token", async () => {
    const res = await call(movieRoutes.POST, { method: "POST", body: { title: "Untitled Project" }, as: catalogToken });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.genres).toEqual([]);
  });

  it("answers 409 naming the id when it is taken, and changes nothing", async () => {
    const res = await call(movieRoutes.POST, { method: "POST", body: { ...heat, title: "Other" }, as: admin });
    expect(res.status).toBe(409);
    expect(res.body.error.fields).toEqual({ id: "Already taken" });
    expect((await call(movieRoute.GET, { params: { id: "6" } })).body.title).toBe("Heat");
  });

  it("lists with search, genre filter and pagination", async () => {
    await call(movieRoutes.POST, { method: "POST", body: { id: "1", title: "Toy Story", genres: ["Animation", "Children"], year: 1995 }, as: admin });
    const search = await call(movieRoutes.GET, { path: "/api/v1/movies?q=toy" });
    expect(search.body.items.map((m: { title: string }) => m.title)).toEqual(["Toy Story"]);
    const crime = await call(movieRoutes.GET, { path: "/api/v1/movies?genre=Crime" });
    expect(crime.body.items.map((m: { id: string }) => m.id)).toEqual(["6"]);
    const first = await call(movieRoutes.GET, { path: "/api/v1/movies?limit=1&sort=title" });
    expect(first.body).toMatchObject({ total: 3, limit: 1, offset: 0, nextOffset: 1 });
    const genres = await call(genreRoutes.GET, {});
    expect(genres.body.items).toContainEqual({ genre: "Crime", movies: 1 });
  });

  it("updates only the fields sent", async () => {
    const res = await call(movieRoute.PATCH, { method: "PATCH", params: { id: "6" }, body: { runtimeMinutes: 171 }, as: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ runtimeMinutes: 171, title: "Heat", year: 1995 });
  });

  it("deletes, then answers 404 naming the movie", async () => {
    const created = await call(movieRoutes.POST, { method: "POST", body: { id: "doomed", title: "Doomed" }, as: admin });
    expect(created.status).toBe(201);
    expect((await call(movieRoute.DELETE, { method: "DELETE", params: { id: "doomed" }, as: admin })).status).toBe(204);
    const gone = await call(movieRoute.GET, { params: { id: "doomed" } });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("not_found:movie");
  });

  it("refuses writes from viewers (403) and strangers (401)", async () => {
    expect((await call(movieRoutes.POST, { method: "POST", body: { title: "X" }, as: viewer })).status).toBe(403);
    expect((await call(movieRoutes.POST, { method: "POST", body: { title: "X" } })).status).toBe(401);
    expect((await call(movieRoutes.POST, { method: "POST", body: { title: "X" }, headers: { authorization: "Bearer mq_not-a-real-token" } })).status).toBe(401);
  });
});

describe("bad input gets a 4xx naming the field and writes nothing", () => {
  const cases: { name: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; status: number; field: string }[] = [
    { name: "malformed JSON", rawBody: '{"title": "Heat",', headers: { "content-type": "application/json" }, status: 400, field: "body" },
    { name: "not JSON at all", rawBody: "title=Heat", headers: { "content-type": "application/x-www-form-urlencoded" }, status: 415, field: "body" },
    { name: "a missing title", body: { year: 1999 }, status: 400, field: "title" },
    { name: "a year of the wrong type", body: { title: "A", year: "1999" }, status: 400, field: "year" },
    { name: "a negative runtime", body: { title: "A", runtimeMinutes: -5 }, status: 400, field: "runtimeMinutes" },
    { name: "an unknown field", body: { title: "A", rating: 5 }, status: 400, field: "rating" },
    { name: "an id outside the charset", body: { id: "bad id/../", title: "A" }, status: 400, field: "id" },
    { name: "an id that is too long", body: { id: "x".repeat(65), title: "A" }, status: 400, field: "id" },
    { name: "a release date that is not a date", body: { title: "A", releaseDate: "15/12/1995" }, status: 400, field: "releaseDate" },
    { name: "an array for a body", body: [{ title: "A" }], status: 400, field: "body" },
    { name: "an oversized body", body: { title: "A", overview: "x".repeat(300 * 1024) }, status: 413, field: "body" },
  ];
  for (const c of cases) {
    it(`rejects ${c.name}`, async () => {
      const before = await rowCount(movies);
      const res = await call(movieRoutes.POST, { method: "POST", body: c.body, rawBody: c.rawBody, headers: c.headers, as: admin });
      expect(res.status).toBe(c.status);
      expect(Object.keys(res.body.error.fields)).toContain(c.field);
      expect(await rowCount(movies)).toBe(before);
    });
  }

  it("rejects bad query parameters and path ids with 400", async () => {
    const res = await call(movieRoutes.GET, { path: "/api/v1/movies?limit=0&sort=sideways" });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["query.limit", "query.sort"]);
    const badId = await call(movieRoute.GET, { params: { id: "../etc/passwd" } });
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields).toHaveProperty("path.id");
  });

  it("refuses a query parameter given twice instead of silently keeping one of them", async () => {
    const res = await call(movieRoutes.GET, { path: "/api/v1/movies?sort=title&sort=-year" });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(["query.sort"]);
  });
});

describe("theaters API", () => {
  it("creates a theater with its seats in one go", async () => {
    const before = await rowCount(seats);
    const res = await call(theaterRoutes.POST, {
      method: "POST",
      body: { id: "kino-1", name: "Kino 1", city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 20, seatMap: rectangularSeatMap(8, 12, [6]) },
      as: admin,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: "kino-1", seatCount: 96, turnoverMinutes: 20 });
    expect((await rowCount(seats)) - before).toBe(96);
    const list = await call(theaterRoutes.GET, { path: "/api/v1/theaters?city=Berlin&minSeats=90" });
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual(["kino-1"]);
  });

  it("rejects a seat map with a gap past the row, naming the exact row, and writes nothing", async () => {
    const beforeTheaters = await rowCount(theaters);
    const beforeSeats = await rowCount(seats);
    const seatMap = { blocks: [{ name: "Main", rows: [{ label: "A", positions: 10, gaps: [] }, { label: "B", positions: 10, gaps: [11] }] }] };
    const res = await call(theaterRoutes.POST, { method: "POST", body: { name: "Bad", city: "Berlin", timeZone: "Europe/Berlin", seatMap }, as: admin });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty(["seatMap.blocks.0.rows.1.gaps.0"]);
    expect(await rowCount(theaters)).toBe(beforeTheaters);
    expect(await rowCount(seats)).toBe(beforeSeats);
  });

  it("rejects an unknown time zone", async () => {
    const res = await call(theaterRoutes.POST, { method: "POST", body: { name: "Bad", city: "Mars", timeZone: "Mars/Olympus", seatMap: rectangularSeatMap(1, 5) }, as: admin });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty("timeZone");
  });

  it("replaces the seats when the map is edited", async () => {
    const res = await call(theaterRoute.PATCH, { method: "PATCH", params: { id: "kino-1" }, body: { seatMap: rectangularSeatMap(2, 10) }, as: admin });
    expect(res.body.seatCount).toBe(20);
    const got = await call(theaterRoute.GET, { params: { id: "kino-1" } });
    expect(got.body.seatMap.blocks[0].rows).toHaveLength(2);
  });
});
