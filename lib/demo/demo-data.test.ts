import { describe, expect, it } from "vitest";
import { KNOWN_GENRES } from "@/lib/catalog/contract";
import { isValidTimeZone } from "@/lib/catalog/contract";
import { countSeats, seatMapSchema } from "@/lib/theaters/seat-map";
import { generateDemoData, type DemoData } from "./demo-data";

const now = new Date("2026-03-15T12:00:00Z");
const data = generateDemoData({ seed: 42, now });

function pearson(xs: number[], ys: number[]): number {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function meanBy<T>(items: T[], key: (item: T) => string, value: (item: T) => number): Map<string, { sum: number; n: number }> {
  const acc = new Map<string, { sum: number; n: number }>();
  for (const item of items) {
    const entry = acc.get(key(item)) ?? { sum: 0, n: 0 };
    entry.sum += value(item);
    entry.n++;
    acc.set(key(item), entry);
  }
  return acc;
}

describe("demo data generator", () => {
  it("makes byte-identical data from the same seed and different data from another seed", () => {
    const again = generateDemoData({ seed: 42, now });
    expect(again).toEqual(data);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    const other: DemoData = generateDemoData({ seed: 7, now });
    expect(other.movies.map((m) => m.title)).not.toEqual(data.movies.map((m) => m.title));
    expect(other.theaters.map((t) => t.seatMap)).not.toEqual(data.theaters.map((t) => t.seatMap));
    expect(other.ratings.length).not.toBe(data.ratings.length);
  });

  it("makes about 500 movies with unique titles, 1–3 known genres, plausible years and runtimes", () => {
    expect(data.movies).toHaveLength(500);
    expect(new Set(data.movies.map((m) => m.id)).size).toBe(500);
    expect(new Set(data.movies.map((m) => m.title.toLowerCase())).size).toBe(500);
    const genreCount = new Map<string, number>();
    for (const movie of data.movies) {
      expect(movie.genres.length).toBeGreaterThanOrEqual(1);
      expect(movie.genres.length).toBeLessThanOrEqual(3);
      expect(new Set(movie.genres).size).toBe(movie.genres.length);
      for (const g of movie.genres) {
        expect(KNOWN_GENRES).toContain(g);
        genreCount.set(g, (genreCount.get(g) ?? 0) + 1);
      }
      expect(movie.year).toBeGreaterThanOrEqual(1970);
      expect(movie.year).toBeLessThanOrEqual(2026);
      expect(movie.releaseDate.startsWith(`${movie.year}-`)).toBe(true);
      expect(movie.runtimeMinutes).toBeGreaterThanOrEqual(80);
      expect(movie.runtimeMinutes).toBeLessThanOrEqual(180);
      expect(movie.overview.length).toBeGreaterThan(40);
      expect(movie.title).not.toMatch(/[{}]/);
    }
    // Weighted like real catalogs: drama and comedy everywhere, film noir and IMAX rare.
    expect(genreCount.get("Drama")!).toBeGreaterThan(genreCount.get("Western") ?? 0);
    expect(genreCount.get("Comedy")!).toBeGreaterThan(80);
    expect(genreCount.get("Film-Noir") ?? 0).toBeLessThan(20);
    expect(genreCount.get("IMAX") ?? 0).toBeLessThan(20);
    // Skewed recent: more of the last 15 years than of the 40 before.
    expect(data.movies.filter((m) => m.year > 2011).length).toBeGreaterThan(data.movies.filter((m) => m.year <= 2011).length);
  });

  it("makes 20 theaters of 80–300 seats whose seat maps pass the seat map schema", () => {
    expect(data.theaters).toHaveLength(20);
    expect(new Set(data.theaters.map((t) => t.id)).size).toBe(20);
    expect(new Set(data.theaters.map((t) => t.timeZone)).size).toBeGreaterThanOrEqual(2);
    for (const theater of data.theaters) {
      expect(seatMapSchema.safeParse(theater.seatMap).success).toBe(true);
      const seats = countSeats(theater.seatMap);
      expect(seats).toBeGreaterThanOrEqual(80);
      expect(seats).toBeLessThanOrEqual(300);
      expect(theater.turnoverMinutes).toBeGreaterThanOrEqual(10);
      expect(theater.turnoverMinutes).toBeLessThanOrEqual(30);
      expect(isValidTimeZone(theater.timeZone)).toBe(true);
      expect(theater.name).toMatch(/^Marquee .+ \d$/);
    }
    // Some shape variety: not every room is one rectangle.
    expect(data.theaters.some((t) => t.seatMap.blocks.length > 1)).toBe(true);
  });

  it("makes about 1,000 audience users without email and long-tailed rating histories", () => {
    expect(data.users).toHaveLength(1000);
    expect(data.users[0]!.id).toBe("demo-user-0001");
    for (const user of data.users) {
      expect(user.role).toBe("viewer");
      expect(user).not.toHaveProperty("email");
      expect(user.displayName).toMatch(/^\S+ \S+/);
    }
    const perUser = meanBy(data.ratings, (r) => r.userId, () => 1);
    expect(perUser.size).toBe(1000);
    const counts = [...perUser.values()].map((v) => v.n).sort((a, b) => a - b);
    expect(counts[0]).toBeGreaterThanOrEqual(5);
    expect(counts[counts.length - 1]).toBeLessThanOrEqual(300);
    const mean = data.ratings.length / data.users.length;
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(50);
    // Long tail: the median person rates far fewer than the heaviest tenth.
    expect(counts[500]!).toBeLessThan(counts[900]! / 2);
  });

  it("rates in half stars from 0.5 to 5, before now, after release, once per user and movie", () => {
    const releases = new Map(data.movies.map((m) => [m.id, Date.parse(`${m.releaseDate}T00:00:00Z`)]));
    const threeYearsAgo = now.getTime() - 3 * 366 * 86_400_000;
    const pairs = new Set<string>();
    // Collected first: one expect per rating would make this test slow.
    const wrong = data.ratings.filter(
      (r) =>
        r.rating < 0.5 ||
        r.rating > 5 ||
        !Number.isInteger(r.rating * 2) ||
        r.ratedAt.getTime() >= now.getTime() ||
        r.ratedAt.getTime() <= threeYearsAgo ||
        r.ratedAt.getTime() < releases.get(r.movieId)! - 1000,
    );
    expect(wrong).toEqual([]);
    for (const r of data.ratings) pairs.add(`${r.userId}/${r.movieId}`);
    expect(pairs.size).toBe(data.ratings.length);
    const mean = data.ratings.reduce((s, r) => s + r.rating, 0) / data.ratings.length;
    expect(mean).toBeGreaterThan(3);
    expect(mean).toBeLessThan(4);
  });

  it("carries signal a recommender can learn: movies and users rate consistently across halves of the audience", () => {
    // Movie quality: two disjoint halves of the audience agree on which movies are good.
    const isEven = (userId: string) => Number(userId.slice(-4)) % 2 === 0;
    const even = meanBy(data.ratings.filter((r) => isEven(r.userId)), (r) => r.movieId, (r) => r.rating);
    const odd = meanBy(data.ratings.filter((r) => !isEven(r.userId)), (r) => r.movieId, (r) => r.rating);
    const shared = [...even.keys()].filter((id) => even.get(id)!.n >= 10 && (odd.get(id)?.n ?? 0) >= 10);
    expect(shared.length).toBeGreaterThan(100);
    expect(pearson(shared.map((id) => even.get(id)!.sum / even.get(id)!.n), shared.map((id) => odd.get(id)!.sum / odd.get(id)!.n))).toBeGreaterThan(0.7);

    // Genre taste: how far above a movie's average someone rates a genre holds across two halves of their history.
    const movieMean = meanBy(data.ratings, (r) => r.movieId, (r) => r.rating);
    const genresOf = new Map(data.movies.map((m) => [m.id, m.genres]));
    const halves = [new Map<string, { sum: number; n: number }>(), new Map<string, { sum: number; n: number }>()];
    data.ratings.forEach((r, i) => {
      const m = movieMean.get(r.movieId)!;
      for (const g of genresOf.get(r.movieId)!) {
        const key = `${r.userId}/${g}`;
        const half = halves[i % 2]!;
        const entry = half.get(key) ?? { sum: 0, n: 0 };
        entry.sum += r.rating - m.sum / m.n;
        entry.n++;
        half.set(key, entry);
      }
    });
    const keys = [...halves[0]!.keys()].filter((k) => halves[0]!.get(k)!.n >= 4 && (halves[1]!.get(k)?.n ?? 0) >= 4);
    expect(keys.length).toBeGreaterThan(500);
    const a = keys.map((k) => halves[0]!.get(k)!.sum / halves[0]!.get(k)!.n);
    const b = keys.map((k) => halves[1]!.get(k)!.sum / halves[1]!.get(k)!.n);
    expect(pearson(a, b)).toBeGreaterThan(0.5);
  });
});
