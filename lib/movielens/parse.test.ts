import { describe, expect, it } from "vitest";
import { detectFormat } from "./formats";
import { genreColumns, parseItemRow, parseLinkRow, parseMovieRow, parseRatingRow, parseTagRow, splitTitleYear } from "./parse";

describe("splitTitleYear", () => {
  it("takes the year off the end of the title", () => {
    expect(splitTitleYear("Heat (1995)")).toEqual({ title: "Heat", year: 1995 });
    expect(splitTitleYear("Seven (a.k.a. Se7en) (1995) ")).toEqual({ title: "Seven (a.k.a. Se7en)", year: 1995 });
    expect(splitTitleYear("(500) Days of Summer (2009)")).toEqual({ title: "(500) Days of Summer", year: 2009 });
  });

  it("reads the first year of a range and leaves titles without a year whole", () => {
    expect(splitTitleYear("Death Note: Desu nôto (2006–2007)")).toEqual({ title: "Death Note: Desu nôto", year: 2006 });
    expect(splitTitleYear("Babylon 5")).toEqual({ title: "Babylon 5", year: null });
    expect(splitTitleYear("(1995)")).toEqual({ title: "(1995)", year: null });
  });
});

describe("MovieLens rows", () => {
  it("parses a movie with its genres, and '(no genres listed)' as none", () => {
    expect(parseMovieRow(["296", "Pulp Fiction (1994)", "Comedy|Crime|Drama|Thriller"])).toEqual({
      ok: true,
      value: { id: "296", title: "Pulp Fiction", year: 1994, genres: ["Comedy", "Crime", "Drama", "Thriller"], releaseDate: null },
    });
    expect(parseMovieRow(["171495", "Cosmos", "(no genres listed)"])).toMatchObject({ ok: true, value: { genres: [], year: null } });
  });

  it("names the field that is wrong", () => {
    expect(parseMovieRow(["x1", "Heat (1995)", "Action"])).toEqual({ ok: false, reason: 'movieId "x1" is not a MovieLens id (a whole number)' });
    expect(parseMovieRow(["1", "Heat (1995)"])).toEqual({ ok: false, reason: "expected 3 fields (movieId, title, genres), found 2" });
    expect(parseRatingRow(["1", "2", "6", "964982703"])).toEqual({ ok: false, reason: 'rating "6" is not between 0.5 and 5' });
    expect(parseRatingRow(["1", "2", "3.7", "964982703"])).toEqual({ ok: false, reason: 'rating "3.7" is not a whole or half star' });
    expect(parseRatingRow(["1", "2", "4", "yesterday"])).toEqual({ ok: false, reason: 'timestamp "yesterday" is not a unix time in seconds' });
    expect(parseTagRow(["1", "2", " ", "964982703"])).toEqual({ ok: false, reason: "tag is empty" });
  });

  it("keeps the rating's original time", () => {
    expect(parseRatingRow(["1", "296", "4.5", "964982703"])).toEqual({
      ok: true,
      value: { userId: "1", movieId: "296", rating: 4.5, ratedAt: new Date(964982703_000) },
    });
  });

  it("pads IMDb ids to tt + 7 digits and reads an empty TMDB id as null", () => {
    expect(parseLinkRow(["1", "0114709", "862"])).toEqual({ ok: true, value: { movieId: "1", imdbId: "tt0114709", tmdbId: 862 } });
    expect(parseLinkRow(["2", "57115", ""])).toEqual({ ok: true, value: { movieId: "2", imdbId: "tt0057115", tmdbId: null } });
    expect(parseLinkRow(["3", "10872600", "1"])).toMatchObject({ value: { imdbId: "tt10872600" } });
    expect(parseLinkRow(["4", "0114709", "abc"])).toEqual({ ok: false, reason: 'tmdbId "abc" is not a whole number below 2^31' });
  });

  it("reads a u.item line: genres from the flag columns, release date, year", () => {
    const columns = genreColumns([
      { name: "unknown", index: 0 },
      { name: "Action", index: 1 },
      { name: "Comedy", index: 2 },
    ]);
    expect(columns).toEqual({ ok: true, value: ["unknown", "Action", "Comedy"] });
    const names = columns.ok ? columns.value : [];
    expect(parseItemRow(["1", "Toy Story (1995)", "01-Jan-1995", "", "http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)", "0", "1", "1"], names)).toEqual({
      ok: true,
      value: { id: "1", title: "Toy Story", year: 1995, genres: ["Action", "Comedy"], releaseDate: "1995-01-01" },
    });
    expect(parseItemRow(["267", "unknown", "", "", "", "1", "0", "0"], names)).toEqual({
      ok: true,
      value: { id: "267", title: "unknown", year: null, genres: [], releaseDate: null },
    });
    expect(parseItemRow(["2", "GoldenEye (1995)", "1995-01-01", "", "", "0", "1", "0"], names)).toMatchObject({ ok: false, reason: expect.stringContaining("release date") });
    expect(parseItemRow(["2", "GoldenEye (1995)", "", "", "", "0", "2", "0"], names)).toEqual({ ok: false, reason: 'genre flag Action "2" is not 0 or 1' });
  });
});

describe("detectFormat", () => {
  it("tells ml-latest from ml-100k by the files present", () => {
    expect(detectFormat(["movies.csv", "ratings.csv", "README.txt"])).toEqual({
      ok: true,
      value: { kind: "ml-latest", movies: "movies.csv", ratings: "ratings.csv", links: null, tags: null },
    });
    expect(detectFormat(["u.item", "u.data", "u.genre", "u.user", "u1.base"])).toMatchObject({ ok: true, value: { kind: "ml-100k", users: "u.user" } });
  });

  it("says which file is missing, and that ml-1m is not read", () => {
    expect(detectFormat(["movies.csv", "links.csv"])).toEqual({ ok: false, reason: "looks like ml-latest but ratings.csv is missing" });
    expect(detectFormat(["movies.dat", "ratings.dat"])).toMatchObject({ ok: false, reason: expect.stringContaining("not supported") });
    expect(detectFormat([])).toMatchObject({ ok: false });
  });
});
