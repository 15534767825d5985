import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { applyEvents, emptyFeatures, FAVORITES_LIMIT, GENRE_LIMIT, KEYWORD_LIMIT, keywordsOf, RATINGS_SHOWN, withHistory, type FeatureEvent } from "./user-features";

const genres: Record<string, string[]> = { heat: ["Action", "Crime"], toy: ["Animation", "Children"], up: ["Animation"] };
const genresOf = (id: string) => genres[id] ?? [];
const at = (m: number) => new Date(Date.UTC(2026, 10, 1, 0, m)).toISOString();

const history: FeatureEvent[] = [
  { type: "watch", movieId: "heat", metadata: { watchDuration: 6000, progressPercent: 100 }, at: at(1) },
  { type: "watch", movieId: "toy", metadata: { watchDuration: 600, progressPercent: 20 }, at: at(2) },
  { type: "search", movieId: null, metadata: { query: "The Heat of the night" }, at: at(3) },
  { type: "search", movieId: null, metadata: { query: "heat" }, at: at(4) },
  { type: "rating", movieId: "heat", metadata: { rating: 4.5 }, at: at(5) },
  { type: "rating", movieId: "toy", metadata: { rating: 2 }, at: at(6) },
  { type: "favorite", movieId: "up", metadata: { action: "add" }, at: at(7) },
  { type: "favorite", movieId: "up", metadata: { action: "remove" }, at: at(8) },
  { type: "favorite", movieId: "heat", metadata: { action: "add" }, at: at(9) },
];

describe("user features", () => {
  const f = applyEvents(emptyFeatures(), history, genresOf);

  it("sums and averages watch time", () => {
    expect(f.totalWatchTime).toBe(6600);
    expect(f.averageWatchTime).toBe(3300);
  });

  it("counts search keywords without stop words", () => {
    expect(f.topKeywords).toEqual([
      { keyword: "heat", count: 2 },
      { keyword: "night", count: 1 },
    ]);
    expect(keywordsOf("Amélie, 2001!")).toEqual(["amélie", "2001"]);
  });

  it("averages the current ratings and lists the movies rated 4 or more, most recent first", () => {
    const shown = withHistory(f, {
      watches: [],
      searches: [],
      ratings: [
        { movieId: "toy", rating: 2, at: at(6) },
        { movieId: "heat", rating: 4.5, at: at(5) },
        { movieId: "up", rating: 4, at: at(10) },
      ],
    });
    expect(shown.averageRating).toBe(3.5);
    expect(shown.likedMovies).toEqual(["up", "heat"]);
    expect(shown.ratings.heat).toEqual({ rating: 4.5, at: at(5) });
    expect(withHistory(f, { watches: [], searches: [], ratings: [] }).averageRating).toBeNull();
  });

  it("keeps neither ratings nor histories in the stored document, so it does not grow with use", () => {
    const many = Array.from({ length: 500 }, (_, i): FeatureEvent => {
      const kind = i % 3;
      if (kind === 0) return { type: "rating", movieId: `m${i}`, metadata: { rating: 3 }, at: at(i) };
      if (kind === 1) return { type: "watch", movieId: "heat", metadata: { watchDuration: 100, progressPercent: 50 }, at: at(i) };
      return { type: "search", movieId: null, metadata: { query: `heat night ${i % 5}` }, at: at(i) };
    });
    const g = applyEvents(emptyFeatures(), many, genresOf);
    expect(g.interactionCounts).toEqual({ watch: 167, search: 166, rating: 167, favorite: 0 });
    expect(JSON.stringify(g).length).toBeLessThan(1_000);
  });

  it("keeps favorites as they stand now, and counts every interaction", () => {
    expect(f.favorites).toEqual(["heat"]);
    expect(f.interactionCounts).toEqual({ watch: 2, search: 2, rating: 2, favorite: 3 });
    expect(f.lastActiveAt).toBe(at(9));
  });

  it("weighs genres by the implicit-feedback signal; a removed favorite gives back its weight", () => {
    // heat: watch 1.0 + rating 0.9 + favorite 0.3 = 2.2 each for Action and Crime; toy: watch 0.5 + rating 0.4 = 0.9.
    expect(f.genreScores).toEqual({ Action: 2.2, Crime: 2.2, Animation: 0.9, Children: 0.9 });
    expect(f.genreAffinity.Action).toBeCloseTo(2.2 / 6.2, 3);
  });

  it("gives the same features applied in pieces as all at once (worker vs refresh)", () => {
    const inPieces = applyEvents(applyEvents(emptyFeatures(), history.slice(0, 4), genresOf), history.slice(4), genresOf);
    expect(inPieces).toEqual(f);
  });

  it("leaves the features it starts from as they were (the worker's copy is not the stored one)", () => {
    const stored = applyEvents(emptyFeatures(), history.slice(0, 5), genresOf);
    const snapshot = JSON.parse(JSON.stringify(stored));
    applyEvents(stored, history.slice(5), genresOf);
    applyEvents(stored, [{ type: "watch", movieId: "up", metadata: { watchDuration: 5, progressPercent: 1 }, at: at(20) }], genresOf);
    expect(stored).toEqual(snapshot);
  });
});

describe("bounds of every per-user collection", () => {
  const search = (query: string, minute = 0): FeatureEvent => ({ type: "search", movieId: null, metadata: { query }, at: at(minute) });

  it("keeps at most KEYWORD_LIMIT search words, the most used and the newest surviving", () => {
    const many = Array.from({ length: 1_000 }, (_, i) => search(`word${i} favourite`));
    const f = applyEvents(emptyFeatures(), many, genresOf);
    expect(Object.keys(f.keywordCounts).length).toBeLessThanOrEqual(KEYWORD_LIMIT);
    expect(f.topKeywords[0]).toEqual({ keyword: "favourite", count: 1_000 });
    // A word searched later still gets in, however full the counts were.
    const later = applyEvents(f, [search("newcomer")], genresOf);
    expect(later.keywordCounts.newcomer).toBe(1);
    expect(Object.keys(later.keywordCounts).length).toBeLessThanOrEqual(KEYWORD_LIMIT);
    // Folded again and again, it stays bounded.
    let g = later;
    for (let round = 0; round < 5; round++) g = applyEvents(g, Array.from({ length: 300 }, (_, i) => search(`r${round}w${i}`)), genresOf);
    expect(Object.keys(g.keywordCounts).length).toBeLessThanOrEqual(KEYWORD_LIMIT);
    expect(g.keywordCounts.favourite).toBe(1_000);
  });

  it("keeps the latest FAVORITES_LIMIT favorites and the GENRE_LIMIT largest genre scores", () => {
    const favorites: FeatureEvent[] = Array.from({ length: FAVORITES_LIMIT + 100 }, (_, i) => ({ type: "favorite", movieId: `m${i}`, metadata: { action: "add" }, at: at(i) }));
    const manyGenres = (id: string) => (id.startsWith("m") ? [`Genre ${Number(id.slice(1)) % (GENRE_LIMIT + 50)}`] : []);
    const f = applyEvents(emptyFeatures(), favorites, manyGenres);
    expect(f.favorites).toHaveLength(FAVORITES_LIMIT);
    expect(f.favorites[0]).toBe(`m${FAVORITES_LIMIT + 99}`);
    expect(Object.keys(f.genreScores)).toHaveLength(GENRE_LIMIT);
    expect(Object.keys(f.genreAffinity).length).toBeLessThanOrEqual(GENRE_LIMIT);
  });

  it("shows the latest RATINGS_SHOWN ratings, averaged over all of them", () => {
    const ratings = Array.from({ length: RATINGS_SHOWN + 10 }, (_, i) => ({ movieId: `r${i}`, rating: i < 10 ? 1 : 5, at: at(i) }));
    const shown = withHistory(emptyFeatures(), { watches: [], searches: [], ratings });
    expect(Object.keys(shown.ratings)).toHaveLength(RATINGS_SHOWN);
    expect(shown.likedMovies).toHaveLength(RATINGS_SHOWN);
    expect(shown.averageRating).toBe(Math.round(((10 + 5 * RATINGS_SHOWN) / (RATINGS_SHOWN + 10)) * 100) / 100);
  });

  it("says the bounds in the API document", () => {
    const schema = buildOpenApiDocument().components.schemas.UserFeatures as { properties: Record<string, { description?: string }> };
    expect(schema.properties.topKeywords!.description).toContain(`${KEYWORD_LIMIT} distinct words`);
    expect(schema.properties.favorites!.description).toContain(`at most ${FAVORITES_LIMIT}`);
    expect(schema.properties.genreScores!.description).toContain(`${GENRE_LIMIT} largest`);
    expect(schema.properties.ratings!.description).toContain(`${RATINGS_SHOWN} most recently`);
  });
});
