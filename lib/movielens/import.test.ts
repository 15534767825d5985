import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { movies, ratings, tags, users } from "@/db/schema";
import { importMovielens, type ImportProgress } from "./import";
import { MovielensFormatError } from "./errors";

let t: TestDatabase;
const tempDirs: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.destroy();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await t.db.delete(tags);
  await t.db.delete(ratings);
  await t.db.delete(movies);
  await t.db.delete(users);
});

function dataset(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-movielens-"));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

const crlf = (lines: string[]) => lines.join("\r\n") + "\r\n";
const lf = (lines: string[]) => lines.join("\n") + "\n";

const moviesCsv = crlf([
  "movieId,title,genres",
  "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy",
  '2,"""Great"" Escape, The (1963)",Action|Adventure|Drama|War',
  '3,"Misérables, Les (1995)",Drama|War',
  "4,千と千尋の神隠し (2001),Animation|Fantasy",
  "5,Babylon 5,Sci-Fi",
  "6,Nocturnal (2016),(no genres listed)",
  "296,Pulp Fiction (1994),Comedy|Crime|Drama|Thriller",
]);

const linksCsv = lf(["movieId,imdbId,tmdbId", "1,0114709,862", "2,57115,5925", "3,0113828,", "296,0110912,680"]);

const ratingRows = [
  "1,1,4.0,964982703",
  "1,2,4.5,964981247",
  "1,296,5.0,964983815",
  "2,3,0.5,1445714835",
  "2,4,3.5,1445714994",
  "2,296,4.0,1445715207",
  "3,5,2.0,1306463578",
  "3,6,3.0,1306464275",
  "3,296,1.5,1306463619",
  "3,1,5.0,1306463590",
];
const ratingsCsv = lf(["userId,movieId,rating,timestamp", ...ratingRows]);

// Some editors start UTF-8 files with a byte-order mark.
const tagsCsv = "\uFEFF" + crlf(["userId,movieId,tag,timestamp", "4,296,dark comedy,1445715000", '1,2,"classic, war",964983000', '1,2,"""the"" cooler",964983001']);

const latestSmall = () => dataset({ "movies.csv": moviesCsv, "links.csv": linksCsv, "ratings.csv": ratingsCsv, "tags.csv": tagsCsv });

async function snapshot() {
  return {
    movies: await t.db.select().from(movies).orderBy(asc(movies.id)),
    users: await t.db.select().from(users).orderBy(asc(users.id)),
    ratings: await t.db.select().from(ratings).orderBy(asc(ratings.userId), asc(ratings.movieId)),
    tags: await t.db.select().from(tags).orderBy(asc(tags.userId), asc(tags.movieId), asc(tags.tag)),
  };
}

async function importError(dir: string, batchSize = 3): Promise<MovielensFormatError> {
  const error = await importMovielens(t.db, dir, { batchSize }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MovielensFormatError);
  return error as MovielensFormatError;
}

describe("importMovielens, ml-latest layout", () => {
  it("imports every movie, user, rating, tag and link, keeping MovieLens ids as strings", async () => {
    const summary = await importMovielens(t.db, latestSmall(), { batchSize: 3 });

    expect(summary).toEqual({
      format: "ml-latest",
      movies: { inserted: 7, updated: 0, unchanged: 0 },
      links: { inserted: 4, updated: 0, unchanged: 0 },
      users: { inserted: 4, updated: 0, unchanged: 0 },
      ratings: { inserted: 10, updated: 0, unchanged: 0 },
      tags: { inserted: 3, updated: 0, unchanged: 0 },
    });
    const stored = await snapshot();
    expect(stored.movies.map((m) => m.id)).toEqual(["1", "2", "296", "3", "4", "5", "6"]);
    expect(stored.users.map((u) => [u.id, u.role, u.displayName, u.email])).toEqual([
      ["1", "viewer", "MovieLens user 1", null],
      ["2", "viewer", "MovieLens user 2", null],
      ["3", "viewer", "MovieLens user 3", null],
      ["4", "viewer", "MovieLens user 4", null],
    ]);
    expect(stored.ratings).toHaveLength(10);
    expect(stored.ratings[0]).toEqual({ userId: "1", movieId: "1", rating: 4, ratedAt: new Date(964982703_000) });
    expect(stored.ratings.find((r) => r.userId === "2" && r.movieId === "3")?.rating).toBe(0.5);
    expect(stored.tags.map((x) => [x.userId, x.movieId, x.tag])).toEqual([
      ["1", "2", '"the" cooler'],
      ["1", "2", "classic, war"],
      ["4", "296", "dark comedy"],
    ]);
  });

  it("parses titles, years and genres, quoted and UTF-8 titles included, and stores the links", async () => {
    await importMovielens(t.db, latestSmall());
    const byId = new Map((await snapshot()).movies.map((m) => [m.id, m]));

    expect(byId.get("2")).toMatchObject({ title: '"Great" Escape, The', year: 1963, genres: ["Action", "Adventure", "Drama", "War"], imdbId: "tt0057115", tmdbId: 5925 });
    expect(byId.get("3")).toMatchObject({ title: "Misérables, Les", year: 1995, imdbId: "tt0113828", tmdbId: null });
    expect(byId.get("4")).toMatchObject({ title: "千と千尋の神隠し", year: 2001, genres: ["Animation", "Fantasy"], imdbId: null });
    expect(byId.get("5")).toMatchObject({ title: "Babylon 5", year: null, genres: ["Sci-Fi"] });
    expect(byId.get("6")).toMatchObject({ title: "Nocturnal", year: 2016, genres: [] });
    expect(byId.get("296")).toMatchObject({ title: "Pulp Fiction", imdbId: "tt0110912", tmdbId: 680 });
  });

  it("changes nothing when run again, and says so", async () => {
    const dir = latestSmall();
    await importMovielens(t.db, dir, { batchSize: 4 });
    const before = await snapshot();

    const again = await importMovielens(t.db, dir, { batchSize: 4 });

    expect(again).toEqual({
      format: "ml-latest",
      movies: { inserted: 0, updated: 0, unchanged: 7 },
      links: { inserted: 0, updated: 0, unchanged: 4 },
      users: { inserted: 0, updated: 0, unchanged: 4 },
      ratings: { inserted: 0, updated: 0, unchanged: 10 },
      tags: { inserted: 0, updated: 0, unchanged: 3 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("applies a corrected title and a newer rating on a later run, and nothing else", async () => {
    await importMovielens(t.db, latestSmall());
    const corrected = dataset({
      "movies.csv": moviesCsv.replace("Babylon 5,Sci-Fi", "Babylon 5 (1994),Sci-Fi"),
      "ratings.csv": lf(["userId,movieId,rating,timestamp", "1,1,2.0,964990000", "2,296,1.0,1000000000", ...ratingRows.slice(2)]),
    });

    const summary = await importMovielens(t.db, corrected);

    expect(summary.movies).toEqual({ inserted: 0, updated: 1, unchanged: 6 });
    // User 2 rated 296 in 2015; the 2001 line is older and does not overwrite it.
    expect(summary.ratings).toEqual({ inserted: 0, updated: 1, unchanged: 9 });
    const stored = await snapshot();
    expect(stored.movies.find((m) => m.id === "5")).toMatchObject({ title: "Babylon 5", year: 1994 });
    expect(stored.ratings.find((r) => r.userId === "1" && r.movieId === "1")).toMatchObject({ rating: 2, ratedAt: new Date(964990000_000) });
    expect(stored.ratings.find((r) => r.userId === "2" && r.movieId === "296")?.rating).toBe(4);
    expect(stored.ratings.find((r) => r.userId === "1" && r.movieId === "2")?.rating).toBe(4.5);
  });

  it("keeps the later of two ratings a file gives for the same user and movie", async () => {
    const dir = dataset({ "movies.csv": moviesCsv, "ratings.csv": lf(["userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,296,2.0,964982800", "1,1,1.5,964999999"]) });

    const summary = await importMovielens(t.db, dir);

    expect(summary.ratings).toEqual({ inserted: 2, updated: 0, unchanged: 1 });
    expect((await snapshot()).ratings.find((r) => r.movieId === "1")).toMatchObject({ rating: 1.5, ratedAt: new Date(964999999_000) });
  });

  it("stops at a malformed line in the middle of ratings.csv, naming file and line, and keeps nothing", async () => {
    const rows = [...ratingRows];
    rows.splice(6, 0, "3,4,6,1306463600");
    const dir = dataset({ "movies.csv": moviesCsv, "links.csv": linksCsv, "ratings.csv": lf(["userId,movieId,rating,timestamp", ...rows]), "tags.csv": tagsCsv });

    // Batches of 3: two batches of ratings were already written when line 8 is read.
    const error = await importError(dir, 3);

    expect(error.message).toBe('ratings.csv:8: rating "6" is not between 0.5 and 5');
    expect([error.file, error.line]).toEqual(["ratings.csv", 8]);
    expect(await snapshot()).toEqual({ movies: [], users: [], ratings: [], tags: [] });
  });

  it("leaves an already imported database exactly as it was when a later import fails", async () => {
    await importMovielens(t.db, latestSmall());
    const before = await snapshot();
    const dir = dataset({
      "movies.csv": moviesCsv.replace("Babylon 5,Sci-Fi", "Babylon 5 (1994),Sci-Fi"),
      "ratings.csv": lf(["userId,movieId,rating,timestamp", "9,1,3.0,1500000000", "1,1,1.0,1600000000", "9,2,3.0,1500000000", "9,3,3.0,1500000000", "9,4,3.0,soon"]),
    });

    const error = await importError(dir, 2);

    expect(error.message).toBe('ratings.csv:6: timestamp "soon" is not a unix time in seconds');
    expect(await snapshot()).toEqual(before);
  });

  it("rejects a rating of a movie that is not in movies.csv", async () => {
    const dir = dataset({ "movies.csv": moviesCsv, "ratings.csv": lf(["userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,999,4.0,964982703"]) });

    const error = await importError(dir);

    expect(error.message).toBe('ratings.csv:3: movieId "999" is not in movies.csv');
    expect((await snapshot()).movies).toEqual([]);
  });

  it("rejects a wrong header, a broken quote and a repeated movie id", async () => {
    const wrongHeader = dataset({ "movies.csv": moviesCsv, "ratings.csv": lf(["user,movie,rating,time", "1,1,4.0,964982703"]) });
    expect((await importError(wrongHeader)).message).toBe('ratings.csv:1: expected the header "userId,movieId,rating,timestamp", found "user,movie,rating,time"');

    const brokenQuote = dataset({ "movies.csv": lf(["movieId,title,genres", '1,"Heat (1995),Action']), "ratings.csv": lf(["userId,movieId,rating,timestamp"]) });
    expect((await importError(brokenQuote)).message).toBe("movies.csv:2: unterminated quoted field starting at column 3");

    const repeated = dataset({ "movies.csv": lf(["movieId,title,genres", "1,Heat (1995),Action", "1,Heat (1995),Action"]), "ratings.csv": lf(["userId,movieId,rating,timestamp"]) });
    expect((await importError(repeated)).message).toBe('movies.csv:3: movie id "1" is already on line 2');
  });

  it("names a directory that holds no MovieLens files", async () => {
    const dir = dataset({ "notes.txt": "hello" });
    const error = await importError(dir);
    expect(error.message).toContain("no MovieLens files found");
  });

  it("reports progress up to every byte of every file", async () => {
    const dir = latestSmall();
    const reports: ImportProgress[] = [];
    await importMovielens(t.db, dir, { batchSize: 2, onProgress: (p) => reports.push(p) });

    const total = ["movies.csv", "links.csv", "ratings.csv", "tags.csv"].reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
    expect(reports.at(-1)).toEqual({ file: "tags.csv", records: 3, bytesRead: total, bytesTotal: total });
    expect(reports.filter((r) => r.file === "ratings.csv").map((r) => r.records)).toEqual([2, 4, 6, 8, 10, 10]);
  });
});

describe("importMovielens, ml-100k layout", () => {
  const genres = lf(["unknown|0", "Action|1", "Comedy|2", "Drama|3", ""]);
  const items = Buffer.from(
    lf([
      "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|1|0",
      "2|Misérables, Les (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Mis%E9rables,%20Les%20(1995)|0|0|0|1",
      "3|Heat (1995)|15-Dec-1995||http://us.imdb.com/M/title-exact?Heat%20(1995)|0|1|0|1",
      "267|unknown||||1|0|0|0",
    ]),
    "latin1",
  );
  const usersFile = lf(["1|24|M|technician|85711", "2|53|F|other|94043", "3|23|M|writer|32067"]);
  const data = lf(["1\t1\t5\t874965758", "1\t3\t3\t876893171", "2\t2\t4\t888550871", "2\t1\t4\t888551000"]);

  it("reads Latin-1 titles, genre flags, release dates, users and tab-separated ratings", async () => {
    const dir = dataset({ "u.genre": genres, "u.item": items, "u.user": usersFile, "u.data": data });

    const summary = await importMovielens(t.db, dir);

    expect(summary).toMatchObject({
      format: "ml-100k",
      movies: { inserted: 4 },
      users: { inserted: 3 },
      ratings: { inserted: 4 },
      tags: { inserted: 0 },
      links: { inserted: 0 },
    });
    const stored = await snapshot();
    const byId = new Map(stored.movies.map((m) => [m.id, m]));
    expect(byId.get("2")).toMatchObject({ title: "Misérables, Les", year: 1995, genres: ["Drama"], releaseDate: "1995-01-01" });
    expect(byId.get("3")).toMatchObject({ title: "Heat", genres: ["Action", "Drama"], releaseDate: "1995-12-15" });
    expect(byId.get("267")).toMatchObject({ title: "unknown", year: null, genres: [], releaseDate: null });
    expect(stored.users.map((u) => u.displayName)).toEqual(["MovieLens user 1", "MovieLens user 2", "MovieLens user 3"]);
    expect(stored.ratings.find((r) => r.userId === "1" && r.movieId === "1")).toEqual({ userId: "1", movieId: "1", rating: 5, ratedAt: new Date(874965758_000) });

    const again = await importMovielens(t.db, dir);
    expect(again.movies).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(again.ratings).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await snapshot()).toEqual(stored);
  });

  it("names the u.data line of a rating for an unknown item", async () => {
    const dir = dataset({ "u.genre": genres, "u.item": items, "u.data": lf(["1\t1\t5\t874965758", "1\t42\t3\t876893171"]) });
    expect((await importError(dir)).message).toBe('u.data:2: movieId "42" is not in u.item');
    expect((await snapshot()).movies).toEqual([]);
  });
});
