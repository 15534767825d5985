import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, countDistinct, desc, eq, isNotNull, sum } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startFakeTmdb } from "@/test/fake-tmdb";
import { apiTokens, events, movies, movieTrends, ratings, seats, showtimes, tags, theaters, userFeatures, users } from "@/db/schema";
import { createUser } from "@/db/queries/users";
import { interactionRows } from "@/db/queries/recs";
import { findUpcomingShowtimes } from "@/db/queries/showtimes";
import { getFeatures } from "@/lib/features/feature-service";
import { trendListQuery } from "@/lib/trends/contract";
import { listTrends } from "@/lib/trends/trend-service";
import { createApiToken } from "@/lib/auth/token-service";
import { AppError } from "@/lib/errors/app-error";
import { isDatabaseEmpty, replaceWithDemoData, resetDemoData, seedEmptyDatabase, type DemoDataSummary } from "./seed-demo-data";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const now = new Date("2026-03-15T12:00:00Z");

async function countsInDatabase(): Promise<DemoDataSummary> {
  const n = async (table: typeof movies | typeof theaters | typeof seats | typeof ratings | typeof showtimes | typeof events) => (await t.db.select({ n: count() }).from(table))[0]!.n;
  const [audience] = await t.db.select({ n: count() }).from(users).where(eq(users.role, "viewer"));
  const [watches] = await t.db.select({ n: count() }).from(events).where(eq(events.type, "watch"));
  // A watch counts as a view too; the rest of the views are movie pages opened.
  const [views] = await t.db.select({ n: sum(movieTrends.views).mapWith(Number) }).from(movieTrends);
  const [registered] = await t.db.select({ n: count() }).from(movieTrends).where(isNotNull(movieTrends.registeredAt));
  return {
    movies: await n(movies), theaters: await n(theaters), seats: await n(seats), users: audience!.n, ratings: await n(ratings),
    showtimes: await n(showtimes), events: await n(events), trendViews: (views!.n ?? 0) - watches!.n, trendMovies: registered!.n,
  };
}

describe("seeding demo data", () => {
  it("fills an empty database with exactly what the summary reports, reporting progress up to every row", async () => {
    await createUser(t.db, { id: "admin-1", email: "admin@example.com", role: "admin", displayName: "Admin" });
    expect(await isDatabaseEmpty(t.db)).toBe(true);

    const progress: number[] = [];
    let total = 0;
    const summary = await seedEmptyDatabase(t.db, { seed: 42, now, accountIds: ["admin-1"], onProgress: (p) => ((total = p.total), progress.push(p.done)) });

    expect(summary.movies).toBe(500);
    expect(summary.theaters).toBe(20);
    expect(summary.users).toBe(1000);
    expect(await countsInDatabase()).toEqual(summary);
    expect(progress.at(-1)).toBe(total);
    expect(total).toBe(summary.movies + summary.seats + summary.users + summary.ratings + summary.showtimes + summary.events + summary.trendViews + summary.trendMovies);
    expect(await isDatabaseEmpty(t.db)).toBe(false);
  });

  it("leaves a first start with trends, viewers' features, showtimes in every theater and more than ratings to train on", async () => {
    const trends = await listTrends(t.db, trendListQuery.parse({ sort: "trending" }), { now, halfLifeHours: 24 });
    expect(trends.total).toBeGreaterThan(12);
    expect(trends.items[0]!.trendingScore).toBeGreaterThan(0);
    expect(trends.items[0]!.daily.some((d) => d.views > 0)).toBe(true);
    const registered = (await listTrends(t.db, trendListQuery.parse({ sort: "final" }), { now, halfLifeHours: 24 })).items.filter((i) => i.registered);
    expect(registered.length).toBeGreaterThan(0);
    // No TMDB id on demo movies: the score comes from their own ratings.
    for (const item of registered) expect(item.finalScore).not.toBeNull();

    // Every viewer with events has features; the busiest watcher's show their history and favorite genres.
    const [withEvents] = await t.db.select({ n: countDistinct(events.userId) }).from(events);
    const [withFeatures] = await t.db.select({ n: count() }).from(userFeatures);
    expect(withFeatures!.n).toBe(withEvents!.n);
    const [busiest] = await t.db.select({ userId: events.userId, n: count() }).from(events).where(eq(events.type, "watch")).groupBy(events.userId).orderBy(desc(count()), events.userId).limit(1);
    const features = await getFeatures(t.db, busiest!.userId);
    expect(features.watchCount).toBe(busiest!.n);
    expect(features.watchHistory.length).toBeGreaterThan(0);
    expect(features.totalWatchTime).toBeGreaterThan(0);
    expect(Object.keys(features.genreAffinity).length).toBeGreaterThan(0);

    // The admin of a first start was lent a viewer's history: their activity page is not empty.
    const admin = await getFeatures(t.db, "admin-1");
    expect(admin.watchCount).toBeGreaterThan(0);
    expect(Object.keys(admin.ratings).length).toBeGreaterThan(0);

    const allTheaters = (await t.db.select({ id: theaters.id }).from(theaters)).map((r) => r.id);
    const upcoming = await findUpcomingShowtimes(t.db, { theaterIds: allTheaters, from: now, limit: 5_000 });
    expect(new Set(upcoming.items.map((s) => s.theaterId))).toEqual(new Set(allTheaters));

    // Pairs whose strongest signal is a watch: what the first model learns beyond the ratings.
    const watchedOnly = (await interactionRows(t.db)).filter((r) => r.kind === "watched");
    expect(watchedOnly.length).toBeGreaterThan(1_000);
  });

  it("refuses to seed a database that already has a catalog, and writes nothing", async () => {
    const before = await countsInDatabase();
    const attempt = seedEmptyDatabase(t.db, { seed: 7, now });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "conflict:demo_data" });
    expect(await countsInDatabase()).toEqual(before);
  });

  it("reset removes catalog, showtimes and audience but keeps admins, accounts with an email and API tokens", async () => {
    await createUser(t.db, { id: "member-1", email: "member@example.com", role: "viewer", displayName: "Member" });
    await createApiToken(t.db, "admin-1", { name: "sim", scopes: ["events:write"] });
    await t.db.insert(tags).values({ userId: "member-1", movieId: "demo-movie-0001", tag: "cozy", taggedAt: now });
    await t.db.insert(ratings).values({ userId: "member-1", movieId: "demo-movie-0001", rating: 4, ratedAt: now });
    // After the demo programme's week, so it overlaps none of its showtimes.
    const startsAt = new Date("2026-04-20T18:00:00Z");
    await t.db.insert(showtimes).values({
      theaterId: "marquee-alexanderplatz-1", movieId: "demo-movie-0001", startsAt,
      endsAt: new Date(startsAt.getTime() + 120 * 60_000), availableAt: new Date(startsAt.getTime() + 140 * 60_000),
    });

    await resetDemoData(t.db);

    expect(await countsInDatabase()).toEqual({ movies: 0, theaters: 0, seats: 0, users: 1, ratings: 0, showtimes: 0, events: 0, trendViews: 0, trendMovies: 0 });
    expect((await t.db.select({ id: users.id }).from(users).orderBy(users.id)).map((u) => u.id)).toEqual(["admin-1", "member-1"]);
    expect((await t.db.select({ n: count() }).from(tags))[0]!.n).toBe(0);
    expect((await t.db.select({ n: count() }).from(showtimes))[0]!.n).toBe(0);
    expect((await t.db.select({ n: count() }).from(apiTokens))[0]!.n).toBe(1);
    expect(await isDatabaseEmpty(t.db)).toBe(true);
  });

  it("replaces existing data with another seed in one go", async () => {
    await seedEmptyDatabase(t.db, { seed: 1, now, movies: 40, users: 30 });
    const summary = await replaceWithDemoData(t.db, { seed: 2, now, movies: 60, users: 25 });
    expect(await countsInDatabase()).toEqual({ ...summary, users: summary.users + 1 });
    expect((await t.db.select({ n: count() }).from(users).where(eq(users.id, "admin-1")))[0]!.n).toBe(1);
  });

  it("with a TMDB key, labels the registered demo movies as having no TMDB id, not as lacking a key, and never asks TMDB", async () => {
    const tmdb = await startFakeTmdb();
    try {
      await replaceWithDemoData(t.db, { seed: 3, now, movies: 60, users: 40, tmdb: tmdb.client });
      const registered = (await listTrends(t.db, trendListQuery.parse({ limit: 200 }), { now, halfLifeHours: 24 })).items.filter((i) => i.registered);
      expect(registered.length).toBeGreaterThan(0);
      for (const item of registered) {
        expect(item.externalStatus).toBe("no_tmdb_id");
        expect(item.externalLabel).not.toMatch(/no TMDB key/i);
      }
      // Their own ratings stand in for TMDB's score, as without a key.
      const scored = registered.filter((i) => i.externalLabel === "Own ratings (no TMDB id)");
      expect(scored.length).toBeGreaterThan(0);
      for (const item of scored) expect(item).toMatchObject({ externalSource: "own_ratings", finalScore: expect.any(Number) });
      expect(tmdb.requests).toEqual([]);
    } finally {
      await tmdb.close();
    }
  });
});
