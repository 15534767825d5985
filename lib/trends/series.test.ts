import { describe, expect, it } from "vitest";
import { dailyActivityScore, dailyViews, lastDays, lookbackDays, trendingByDay, windowStartDay } from "./series";

const now = new Date("2026-03-10T18:00:00Z");
const day = (d: string, counts: Partial<{ views: number; watches: number; favorites: number; ratings: number }>) => ({ day: d, views: 0, watches: 0, favorites: 0, ratings: 0, ...counts });

describe("days of the dashboard", () => {
  it("lists the last days in UTC, oldest first, ending today", () => {
    expect(lastDays(now, 3)).toEqual(["2026-03-08", "2026-03-09", "2026-03-10"]);
    expect(lastDays(new Date("2026-03-01T00:30:00Z"), 2)).toEqual(["2026-02-28", "2026-03-01"]);
  });

  it("counts a window by the days it touches: 24h is yesterday and today, 7d the last seven days", () => {
    expect(windowStartDay(now, "24h")).toBe("2026-03-09");
    expect(windowStartDay(now, "7d")).toBe("2026-03-04");
  });

  it("fills days without activity with zero views", () => {
    expect(dailyViews(lastDays(now, 3), [day("2026-03-09", { views: 4 })])).toEqual([0, 4, 0]);
  });
});

describe("daily activity", () => {
  it("weighs a watch (also counted as a view) 2, a view on its own 1, a favorite 3 and a rating 1.5", () => {
    expect(dailyActivityScore({ views: 5, watches: 2, favorites: 1, ratings: 2 })).toBe(3 * 1 + 2 * 2 + 3 + 3);
  });

  it("turns into a trending curve that halves every half-life without new activity", () => {
    const days = lastDays(now, 3);
    // Four plain views at noon two days ago: 4 at noon, 2 by the next noon, 1 the noon after.
    const curve = trendingByDay(days, [day("2026-03-08", { views: 4 })], now, 24);
    expect(curve[0]).toBeCloseTo(4 * 2 ** -0.5, 3); // end of that day, 12 h after noon
    expect(curve[1]).toBeCloseTo(4 * 2 ** -1.5, 3);
    expect(curve[2]).toBeCloseTo(4 * 2 ** -(54 / 24), 3); // today at 18:00, 54 h after
  });

  it("carries activity from before the first day into it", () => {
    const curve = trendingByDay(lastDays(now, 2), [day("2026-03-01", { favorites: 10 })], now, 24);
    expect(curve[0]).toBeGreaterThan(0);
    expect(curve[1]).toBeLessThan(curve[0]!);
    expect(lookbackDays(24)).toBe(10);
  });
});
