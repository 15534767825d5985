import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMovie } from "@/db/queries/movies";
import { insertTheater } from "@/db/queries/theaters";
import { showtimes } from "@/db/schema";
import { rectangularSeatMap } from "@/lib/theaters/seat-map";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { findMovieForPage, upcomingShowtimesByPlace } from "./movie-page-service";

let t: TestDatabase;
const now = new Date("2031-01-05T12:00:00Z");

async function show(theaterId: string, movieId: string, iso: string) {
  const startsAt = new Date(iso);
  await t.db.insert(showtimes).values({ theaterId, movieId, startsAt, endsAt: new Date(startsAt.getTime() + 120 * 60_000), availableAt: new Date(startsAt.getTime() + 135 * 60_000) });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await insertMovie(t.db, "heat", { title: "Heat" });
  await insertMovie(t.db, "toy", { title: "Toy Story" });
  await insertTheater(t.db, "zoo", { name: "Zoo Palast", city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 15, seatMap: rectangularSeatMap(2, 5) });
  await insertTheater(t.db, "gangnam", { name: "Gangnam", city: "Seoul", timeZone: "Asia/Seoul", turnoverMinutes: 15, seatMap: rectangularSeatMap(2, 5) });
  await show("zoo", "heat", "2031-01-05T10:00:00Z"); // already started
  await show("zoo", "heat", "2031-01-05T18:30:00Z");
  await show("gangnam", "heat", "2031-01-06T11:00:00Z");
  await show("zoo", "toy", "2031-01-05T15:00:00Z"); // another movie
});
afterAll(() => t.destroy());

describe("the movie page's showtimes", () => {
  it("lists only the movie's showtimes still to start, by city and theater, in local time", async () => {
    const { cities, truncated } = await upcomingShowtimesByPlace(t.db, "heat", now);
    expect(truncated).toBe(false);
    expect(cities.map((c) => [c.city, c.theaters.map((th) => [th.theaterName, th.days.map((d) => [d.day, d.times.map((x) => x.time)])])])).toEqual([
      ["Berlin", [["Zoo Palast", [["2031-01-05", ["19:30"]]]]]],
      ["Seoul", [["Gangnam", [["2031-01-06", ["20:00"]]]]]],
    ]);
  });

  it("finds a movie by its URL segment and nothing for a malformed one", async () => {
    expect((await findMovieForPage(t.db, "heat"))?.title).toBe("Heat");
    expect(await findMovieForPage(t.db, "%E0%A4%A")).toBeNull();
    expect(await findMovieForPage(t.db, "no-such-movie")).toBeNull();
  });
});
