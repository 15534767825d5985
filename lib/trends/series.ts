import { ACTIVITY_WEIGHTS, decay } from "./formulas";

/**
 * Day-by-day trend data for the dashboard's sparklines and its top-10 chart, from the stored
 * daily activity. Days are UTC calendar days ("YYYY-MM-DD"), as the event worker writes them.
 */

const DAY_MS = 86_400_000;

export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The `count` days ending with the day of `now`, oldest first. */
export function lastDays(now: Date, count: number): string[] {
  const today = Date.parse(utcDay(now));
  return Array.from({ length: count }, (_, i) => utcDay(today - (count - 1 - i) * DAY_MS));
}

export const trendWindows = ["24h", "7d"] as const;
export type TrendWindow = (typeof trendWindows)[number];

/**
 * The first day counted in "views in the window". Activity is kept per day, so a window covers
 * every day it touches: 24h is yesterday and today, 7d is the last seven days including today.
 */
export function windowStartDay(now: Date, window: TrendWindow): string {
  return window === "24h" ? utcDay(now.getTime() - DAY_MS) : lastDays(now, 7)[0]!;
}

export interface DailyCounts {
  day: string;
  views: number;
  watches: number;
  favorites: number;
  ratings: number;
}

/**
 * What a day's activity adds to "trending now", before decay. A watch is also counted as a view,
 * so views beyond the watches are the views added on their own.
 */
export function dailyActivityScore(d: Omit<DailyCounts, "day">): number {
  const plainViews = Math.max(0, d.views - d.watches);
  return plainViews * ACTIVITY_WEIGHTS.view + d.watches * ACTIVITY_WEIGHTS.watch + d.favorites * ACTIVITY_WEIGHTS.favorite + d.ratings * ACTIVITY_WEIGHTS.rating;
}

/** Daily views for each of `days`, zero where nothing happened. */
export function dailyViews(days: string[], rows: DailyCounts[]): number[] {
  const byDay = new Map(rows.map((r) => [r.day, r.views]));
  return days.map((day) => byDay.get(day) ?? 0);
}

/**
 * "Trending now" as it stood at the end of each of `days` (today: at `now`), from daily activity
 * that may start before the first day. A day's activity is placed at its noon, since the hour is
 * not kept; the value for today is therefore close to, not equal to, the stored score.
 */
export function trendingByDay(days: string[], rows: DailyCounts[], now: Date, halfLifeHours: number): number[] {
  const activity = rows.map((r) => ({ day: r.day, atMs: Date.parse(r.day) + DAY_MS / 2, score: dailyActivityScore(r) })).filter((a) => a.score > 0);
  return days.map((day) => {
    const atMs = Math.min(Date.parse(day) + DAY_MS, now.getTime());
    let total = 0;
    for (const a of activity) if (a.day <= day) total += decay(a.score, a.atMs, atMs, halfLifeHours);
    return Math.round(total * 1000) / 1000;
  });
}

/** How far back activity still matters to a trending curve: beyond ten half-lives it is under 0.1%. */
export function lookbackDays(halfLifeHours: number): number {
  return Math.min(365, Math.ceil((halfLifeHours * 10) / 24));
}
