import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMovie } from "@/db/queries/movies";
import { createUser } from "@/db/queries/users";
import { ratings, userFeatures } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { findLastWatchProgress, findViewerRating, isViewerFavorite, movieTitles } from "./viewer";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ serveRoutes: false });
  await createUser(t.db, { id: "vera", role: "viewer", displayName: "Vera" });
  await insertMovie(t.db, "heat", { title: "Heat" });
  await insertMovie(t.db, "up", { title: "Up" });
  await t.db.insert(ratings).values({ userId: "vera", movieId: "heat", rating: 4.5, ratedAt: new Date() });
  const watchHistory = [
    { movieId: "up", watchDuration: 60, progressPercent: 42.5, at: "2026-11-01T12:02:00Z" },
    { movieId: "heat", watchDuration: 60, progressPercent: 100, at: "2026-11-01T12:01:00Z" },
    { movieId: "up", watchDuration: 60, progressPercent: 10, at: "2026-11-01T12:00:00Z" },
  ];
  await t.db.insert(userFeatures).values({ userId: "vera", features: { favorites: ["up"], watchHistory } });
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

  it("finds where they stopped the last time they watched it (the history is newest first)", async () => {
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
