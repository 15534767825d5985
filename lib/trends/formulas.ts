import type { OwnRatingsStatus } from "./contract";

/**
 * The trend analyzer seed's (002) final score: 70% the external vote average (0–10), 30% the
 * views, saturating at 100 views, on the same 0–10 scale, rounded to one decimal.
 */
export function finalTrendScore(externalVoteAverage: number, views: number): number {
  const viewsPart = Math.min(views / 100, 1) * 10;
  return Math.round((0.7 * externalVoteAverage + 0.3 * viewsPart) * 10) / 10;
}

/** Without TMDB: the movie's own average rating (0.5–5) on TMDB's 0–10 scale. */
export function internalVoteAverage(averageRating: number | null): number | null {
  return averageRating === null ? null : Math.round(averageRating * 2 * 100) / 100;
}

/**
 * Without a TMDB score (no key, or no TMDB id for the movie): the stand-in vote average from the
 * movie's own ratings, and the words for the dashboard saying why it is a stand-in.
 */
export function ownRatingsScore(averageRating: number | null, count: number, reason: OwnRatingsStatus): { voteAverage: number | null; message: string } {
  const voteAverage = count > 0 ? internalVoteAverage(averageRating) : null;
  const why = reason === "no_key" ? "No TMDB_API_KEY is set" : "This movie has no TMDB id";
  const hint = reason === "no_key" ? "" : "; add its TMDB id in the catalog to get its TMDB score";
  const message =
    voteAverage === null
      ? `${why}, and nobody has rated this movie yet: there is no score to fall back on${hint}`
      : `${why}: using the movie's own average rating, ${averageRating!.toFixed(2)}/5 from ${count} rating${count === 1 ? "" : "s"}, as ${voteAverage}/10${hint}`;
  return { voteAverage, message };
}

/** What each kind of activity adds to "trending now" before decay. */
export const ACTIVITY_WEIGHTS = { view: 1, watch: 2, favorite: 3, rating: 1.5 } as const;
export type ActivityKind = keyof typeof ACTIVITY_WEIGHTS;

export const DEFAULT_HALF_LIFE_HOURS = 24;

/**
 * "Trending now": activity with exponential time decay. A score S held at instant t0 is worth
 * S·2^(−Δt/halfLife) at t0+Δt, so the stored score can be brought forward and added to without
 * rereading history.
 */
export function decay(score: number, fromMs: number, toMs: number, halfLifeHours = DEFAULT_HALF_LIFE_HOURS): number {
  if (toMs <= fromMs) return score;
  const halfLives = (toMs - fromMs) / (halfLifeHours * 3_600_000);
  // As in SQL (db/queries/trends.ts): past 60 half-lives a score is worth nothing.
  return halfLives >= 60 ? 0 : score * Math.pow(2, -halfLives);
}

export function addActivity(
  current: { score: number; atMs: number | null },
  activity: { kind: ActivityKind; atMs: number }[],
  halfLifeHours = DEFAULT_HALF_LIFE_HOURS,
): { score: number; atMs: number } {
  let atMs = current.atMs ?? activity.reduce((m, a) => Math.min(m, a.atMs), Number.POSITIVE_INFINITY);
  if (!Number.isFinite(atMs)) return { score: current.score, atMs: current.atMs ?? 0 };
  let score = current.score;
  for (const a of activity) {
    // Every contribution is expressed at the latest instant seen; older ones arrive decayed.
    if (a.atMs > atMs) {
      score = decay(score, atMs, a.atMs, halfLifeHours);
      atMs = a.atMs;
    }
    score += ACTIVITY_WEIGHTS[a.kind] * decay(1, a.atMs, atMs, halfLifeHours);
  }
  return { score, atMs };
}
