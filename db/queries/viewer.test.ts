import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMovie } from "@/db/queries/movies";
import { createUser } from "@/db/queries/users";
import { events, ratings, userFeatures } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { findLastWatchProgress, findViewerRating, isViewerFavorite, movieTitles } from "./viewer";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ serveRoutes: false });
  await createUser(t.db, { id: "vera", role: "viewer", displayName: "Vera" });
  await insertMovie(t.db, "heat", { title: "Heat" });
  await insertMovie(t.db, "up", { title: "Up" });
  await t.db.insert(ratings).values({ userId: "vera", movieId: "heat", rating: 4.5, ratedAt: new Date() });
  await t.db.insert(userFeatures).values({ userId: "vera", features: { favorites: ["up"] } });
  const applied = new Date("2026-11-01T13:00:00Z");
  const watched = (requestId: string, movieId: string, progressPercent: number, extra: Partial<typeof events.$inferInsert> = {}) => ({
    requestId,
    type: "watch" as const,
    userId: "vera",
    movieId,
    metadata: { watchDuration: 60, progressPercent },
    processedAt: applied,
    ...extra,
  });
  // In id order: the last applied watch of "up" stopped at 42.5%; a later one is still waiting for
  // the worker, and one of "heat" went to the dead letters.
  await t.db.insert(events).values([
    watched("w1", "up", 10),
    watched("w2", "heat", 100),
    watched("w3", "up", 42.5),
    watched("w4", "up", 99, { processedAt: null }),
    watched("w5", "heat", 5, { deadLetteredAt: applied }),
  ]);
});
afterAll(() => t.destroy());

describe("a viewer's state on a movie page", () => {
  it("reads their current rating, or null", async () => {
    expect(await findViewerRating(t.db, "vera", "heat")).toBe(4.5);
    expect(await findViewerRating(t.db, "vera", "up")).toBeNull();
    expect(await findViewerRating(t.db, "nobody", "heat")).toBeNull();
  });

  it("knows whether the movie is among their favorites", async () => {
    expect(await isViewerFavorite(t.db, "vera", "up")).toBe(true);
    expect(await isViewerFavorite(t.db, "vera", "heat")).toBe(false);
    expect(await isViewerFavorite(t.db, "nobody", "up")).toBe(false);
  });

  it("finds where they stopped the last time they watched it, as far as the worker has applied it", async () => {
    expect(await findLastWatchProgress(t.db, "vera", "up")).toBe(42.5);
    expect(await findLastWatchProgress(t.db, "vera", "heat")).toBe(100);
    expect(await findLastWatchProgress(t.db, "vera", "toy")).toBeNull();
    expect(await findLastWatchProgress(t.db, "nobody", "up")).toBeNull();
  });

  it("looks titles up by id, leaving out unknown ones", async () => {
    expect(await movieTitles(t.db, ["heat", "up", "gone"])).toEqual({ heat: "Heat", up: "Up" });
    expect(await movieTitles(t.db, [])).toEqual({});
  });
});
