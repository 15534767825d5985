import { generateAudience, type DemoRating, type DemoUser } from "./audience";
import { generateMovies, type DemoMovie } from "./movies";
import { Random } from "@/lib/random/random";
import { generateTheaters, type DemoTheater } from "./theaters";

export type { DemoMovie } from "./movies";
export type { DemoTheater } from "./theaters";
export type { DemoRating, DemoUser } from "./audience";

export interface DemoData {
  movies: DemoMovie[];
  theaters: DemoTheater[];
  users: DemoUser[];
  ratings: DemoRating[];
}

export interface DemoDataOptions {
  seed: number;
  /** The moment the data is made for: ratings lie in the three years before it. */
  now: Date;
  movies?: number;
  users?: number;
}

export const DEFAULT_DEMO_MOVIES = 500;
export const DEFAULT_DEMO_USERS = 1_000;

/**
 * A believable catalog, 20 theaters and an audience with rating histories. Pure: the same seed and
 * `now` give the same data, field for field. Each part draws from its own stream, so changing the
 * number of users leaves the movies and theaters as they were.
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  const { movies, traits } = generateMovies(Random.fromSeed(options.seed, "movies"), options.movies ?? DEFAULT_DEMO_MOVIES, options.now);
  const theaters = generateTheaters(Random.fromSeed(options.seed, "theaters"));
  const { users, ratings } = generateAudience(Random.fromSeed(options.seed, "audience"), options.users ?? DEFAULT_DEMO_USERS, movies, traits, options.now);
  return { movies, theaters, users, ratings };
}
