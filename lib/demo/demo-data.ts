import { ACTIVITY_DAYS, generateActivity, type DemoEvent, type DemoTrendView } from "./activity";
import { generateAudience, type DemoRating, type DemoUser } from "./audience";
import { generateMovies, type DemoMovie } from "./movies";
import { Random } from "@/lib/random/random";
import { generateShowtimes, nowShowing, type DemoShowtimeBatch } from "./showtimes";
import { generateTheaters, type DemoTheater } from "./theaters";

export type { DemoMovie } from "./movies";
export type { DemoTheater } from "./theaters";
export type { DemoRating, DemoUser } from "./audience";
export type { DemoEvent, DemoTrendView } from "./activity";
export type { DemoShowtimeBatch } from "./showtimes";

/** A movie on the trend dashboard, registered as an admin would (POST /api/v1/trends/movies). */
export interface DemoTrendMovie {
  movieId: string;
  registeredAt: Date;
}

export interface DemoData {
  movies: DemoMovie[];
  theaters: DemoTheater[];
  users: DemoUser[];
  ratings: DemoRating[];
  /** The last few weeks' watches, searches and favorites, in time order. */
  events: DemoEvent[];
  /** Movie pages opened in those weeks (the trend dashboard's views), in time order. */
  trendViews: DemoTrendView[];
  /** The coming days' programme in every theater, one batch per movie. */
  showtimes: DemoShowtimeBatch[];
  trendMovies: DemoTrendMovie[];
}

export interface DemoDataOptions {
  seed: number;
  /** The moment the data is made for: ratings lie in the three years before it, activity in the weeks before it, showtimes in the days after. */
  now: Date;
  movies?: number;
  users?: number;
  /**
   * Accounts that exist already (the admin a first start creates), each given the history of one
   * of the busiest demo viewers, so their own pages (activity, "For you") show something too.
   */
  accountIds?: readonly string[];
}

export const DEFAULT_DEMO_MOVIES = 500;
export const DEFAULT_DEMO_USERS = 1_000;
/** Besides the films now showing, the most watched of the last weeks are registered for trends. */
const MOST_WATCHED_REGISTERED = 4;

/** What now shows and what the audience watched most: the movies an admin would register for trends. */
function trendMoviesOf(rng: Random, showing: string[], events: readonly DemoEvent[], now: Date): DemoTrendMovie[] {
  const watches = new Map<string, number>();
  for (const e of events) if (e.type === "watch" && e.movieId) watches.set(e.movieId, (watches.get(e.movieId) ?? 0) + 1);
  const mostWatched = [...watches]
    .filter(([id]) => !showing.includes(id))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MOST_WATCHED_REGISTERED)
    .map(([id]) => id);
  const seconds = Math.floor(now.getTime() / 1000);
  return [...showing, ...mostWatched].map((movieId) => ({ movieId, registeredAt: new Date((seconds - rng.int(3_600, ACTIVITY_DAYS * 86_400)) * 1000) }));
}

/** The ratings and events of the busiest demo viewers, copied to each account (ids of their own). */
function lendHistories(accountIds: readonly string[], ratings: DemoRating[], events: DemoEvent[]): { ratings: DemoRating[]; events: DemoEvent[] } {
  if (!accountIds.length) return { ratings, events };
  const perUser = new Map<string, number>();
  for (const e of events) perUser.set(e.userId, (perUser.get(e.userId) ?? 0) + 1);
  const busiest = [...perUser].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  const lent = new Map(accountIds.map((accountId, i) => [busiest[i % busiest.length]!, accountId] as const).filter(([from]) => from !== undefined));
  const extraRatings = ratings.flatMap((r) => (lent.has(r.userId) ? [{ ...r, userId: lent.get(r.userId)! }] : []));
  const extraEvents = events.flatMap((e, i) => (lent.has(e.userId) ? [{ ...e, userId: lent.get(e.userId)!, requestId: `${e.requestId}-lent-${i}` }] : []));
  const byTime = (a: DemoEvent, b: DemoEvent) => a.at.getTime() - b.at.getTime() || (a.requestId < b.requestId ? -1 : 1);
  return { ratings: [...ratings, ...extraRatings], events: [...events, ...extraEvents].sort(byTime) };
}

/**
 * A believable catalog, 20 theaters with the coming days' showtimes, an audience with rating
 * histories and the last weeks' activity, and the movies tracked for trends. Pure: the same seed
 * and `now` give the same data, field for field. Each part draws from its own stream, so changing
 * the number of users leaves the movies and theaters as they were.
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  const { seed, now } = options;
  const { movies, traits } = generateMovies(Random.fromSeed(seed, "movies"), options.movies ?? DEFAULT_DEMO_MOVIES, now);
  const theaters = generateTheaters(Random.fromSeed(seed, "theaters"));
  const audience = generateAudience(Random.fromSeed(seed, "audience"), options.users ?? DEFAULT_DEMO_USERS, movies, traits, now);
  const { users, tastes } = audience;
  const activity = generateActivity(Random.fromSeed(seed, "activity"), { seed, users, tastes, movies, traits, now });
  const { trendViews } = activity;
  const { ratings, events } = lendHistories(options.accountIds ?? [], audience.ratings, activity.events);
  const showtimes = generateShowtimes(Random.fromSeed(seed, "showtimes"), { theaters, movies, traits, now });
  const showing = nowShowing(movies, traits, now).map((i) => movies[i]!.id);
  const trendMovies = trendMoviesOf(Random.fromSeed(seed, "trends"), showing, activity.events, now);
  return { movies, theaters, users, ratings, events, trendViews, showtimes, trendMovies };
}
