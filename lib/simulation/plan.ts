import { deriveSeed, Random } from "@/lib/random/random";

/**
 * What the simulation replays (seed 000's MovieFlix client): the movies of a MovieLens set released
 * one by one in a seeded order, each followed by the users who rated it. Pure: the dataset comes
 * in, the schedule comes out; nothing here talks to the network.
 */

export interface SimulationMovie {
  id: string;
  title: string;
  year: number | null;
  genres: string[];
}

export interface SimulationRating {
  userId: string;
  movieId: string;
  /** 0.5 to 5 in steps of 0.5, as MovieLens gives it. */
  rating: number;
}

export interface SimulationDataset {
  movies: SimulationMovie[];
  ratings: SimulationRating[];
}

export interface SimulationPlan {
  /** Release order: every movie once (never the same one twice), the first `movieLimit` of a seeded shuffle. */
  movies: SimulationMovie[];
  /** Per movie id, the users who rated it, in a stable order. */
  ratersOf: Map<string, string[]>;
  /** Each user's real ratings, for choosing from a list and for the rating they send. */
  ratingsOf: Map<string, Map<string, number>>;
  /** Reactions (one per rating) of the planned movies. */
  totalReactions: number;
}

export function planSimulation(dataset: SimulationDataset, options: { seed: number; movieLimit?: number | null }): SimulationPlan {
  const ratersOf = new Map<string, string[]>();
  const ratingsOf = new Map<string, Map<string, number>>();
  for (const r of dataset.ratings) {
    let raters = ratersOf.get(r.movieId);
    if (!raters) ratersOf.set(r.movieId, (raters = []));
    raters.push(r.userId);
    let mine = ratingsOf.get(r.userId);
    if (!mine) ratingsOf.set(r.userId, (mine = new Map()));
    mine.set(r.movieId, r.rating);
  }
  // A user rated a movie once in MovieLens; a later duplicate line would be one reaction, not two.
  for (const [movieId, raters] of ratersOf) ratersOf.set(movieId, [...new Set(raters)].sort(compareIds));
  const byId = [...dataset.movies].sort((a, b) => compareIds(a.id, b.id));
  const order = Random.fromSeed(options.seed, "simulation-release-order").shuffled(byId);
  const movies = options.movieLimit ? order.slice(0, options.movieLimit) : order;
  const totalReactions = movies.reduce((n, m) => n + (ratersOf.get(m.id)?.length ?? 0), 0);
  return { movies, ratersOf, ratingsOf, totalReactions };
}

/** Numeric ids in numeric order ("2" before "10"), others after them as strings. */
function compareIds(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isInteger(x) && Number.isInteger(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The movie as the seed's client sent it: MovieLens's form, the year in the title and genres joined by "|". */
export function movieLensForm(movie: SimulationMovie): { movieId: string; title: string; genres: string } {
  return {
    movieId: movie.id,
    title: movie.year === null ? movie.title : `${movie.title} (${movie.year})`,
    genres: movie.genres.length ? movie.genres.join("|") : "(no genres listed)",
  };
}

/**
 * Cycles alternate A/A and A/B, starting with A/A, every `cycleLength` movies (the seed's 2,000):
 * the app reads an even action cycle as A/A (lib/experiments/experiment-service.ts phaseOfCycle).
 */
export function cycleOf(movieIndex: number, cycleLength: number): { actionCycle: number; phase: "A/A" | "A/B" } {
  const actionCycle = Math.floor(movieIndex / cycleLength);
  return { actionCycle, phase: actionCycle % 2 === 0 ? "A/A" : "A/B" };
}

/** A training starts as the movie at this index is released, every `trainEvery` movies (the seed's 500), not at the first. */
export function startsTraining(movieIndex: number, trainEvery: number): boolean {
  return movieIndex > 0 && movieIndex % trainEvery === 0;
}

/** The seed's user group, A or B: fixed per user (a hash of the id), about half each. */
export function userGroup(userId: string): "A" | "B" {
  return deriveSeed(0, userId) % 2 === 0 ? "A" : "B";
}

/**
 * What the user opens from the list they were shown: the movie just released if it is there;
 * otherwise the one they rated highest in MovieLens among those shown, if they liked it (4 or more);
 * otherwise nothing (they saw the list and left).
 */
export function chooseMovie(shown: readonly string[], releasedMovieId: string, ratings: ReadonlyMap<string, number> | undefined): string | null {
  if (shown.includes(releasedMovieId)) return releasedMovieId;
  let best: string | null = null;
  let bestRating = 0;
  for (const movieId of shown) {
    const rating = ratings?.get(movieId);
    if (rating !== undefined && rating >= LIKED_RATING && rating > bestRating) {
      best = movieId;
      bestRating = rating;
    }
  }
  return best;
}

export const LIKED_RATING = 4;

/** The watch the rating implies: more of the movie the better they liked it, of a 100-minute film. */
export function watchOf(rating: number): { watchDuration: number; progressPercent: number } {
  const progressPercent = Math.min(100, Math.round((rating / 5) * 1000) / 10);
  return { watchDuration: Math.round(progressPercent * 60), progressPercent };
}
