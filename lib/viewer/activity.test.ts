import { describe, expect, it } from "vitest";
import { newRequestId } from "./request-id";
import { formatWatchTime, genreShares, movieIdsShown, recentRatings, timeAgo, type ViewerFeatures } from "./activity";

describe("the activity page", () => {
  it("shows watch time in hours and minutes", () => {
    expect(formatWatchTime(40)).toBe("40 s");
    expect(formatWatchTime(720)).toBe("12 min");
    expect(formatWatchTime(7500)).toBe("2 h 05 min");
  });

  it("lists genres by affinity, strongest first, in percent", () => {
    expect(genreShares({ Animation: 0.145, Action: 0.355, Crime: 0.355, Children: 0.145, Drama: 0 })).toEqual([
      { genre: "Action", percent: 35.5 },
      { genre: "Crime", percent: 35.5 },
      { genre: "Animation", percent: 14.5 },
      { genre: "Children", percent: 14.5 },
    ]);
  });

  it("lists ratings newest first", () => {
    expect(recentRatings({ heat: { rating: 4.5, at: "2026-11-01T12:05:00Z" }, toy: { rating: 2, at: "2026-11-01T12:06:00Z" } }).map((r) => r.movieId)).toEqual(["toy", "heat"]);
  });

  it("names every movie it shows once", () => {
    const f = {
      watchHistory: [{ movieId: "toy", watchDuration: 1, progressPercent: 1, at: "x" }],
      ratings: { heat: { rating: 4.5, at: "2026-11-01T12:05:00Z" } },
      favorites: ["heat", "up"],
      likedMovies: ["heat"],
    } as unknown as ViewerFeatures;
    expect(movieIdsShown(f)).toEqual(["toy", "heat", "up"]);
  });

  it("says how long ago", () => {
    const now = new Date("2026-11-01T12:00:00Z");
    expect(timeAgo("2026-11-01T11:59:50Z", now)).toBe("just now");
    expect(timeAgo("2026-11-01T11:50:00Z", now)).toBe("10 min ago");
    expect(timeAgo("2026-10-31T12:00:00Z", now)).toBe("1 day ago");
    expect(timeAgo(null, now)).toBe("never");
  });

  it("makes request ids the event API accepts", () => {
    const id = newRequestId("rating", (b) => b.fill(171));
    expect(id).toBe("rating-abababababababababababab");
    expect(id).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
  });
});
