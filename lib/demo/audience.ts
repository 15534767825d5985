import { KNOWN_GENRES } from "@/lib/catalog/contract";
import { LATENT_FACTORS, type DemoMovie, type Genre, type MovieTraits } from "./movies";
import type { Random } from "@/lib/random/random";
import { FIRST_NAMES, LAST_NAMES } from "./word-lists";

/** An audience member: no email and no password, so nobody can sign in as one. */
export interface DemoUser {
  id: string;
  displayName: string;
  role: "viewer";
  createdAt: Date;
}

export interface DemoRating {
  userId: string;
  movieId: string;
  rating: number;
  ratedAt: Date;
}

export const MIN_RATINGS_PER_USER = 5;
export const MAX_RATINGS_PER_USER = 300;
const DAY = 86_400_000;
const HISTORY_DAYS = Math.round(3 * 365.25);

/** How much one person likes each genre, plus a general harshness and a position in the hidden style space. */
export interface Taste {
  genre: Map<Genre, number>;
  bias: number;
  factors: number[];
  wholeStars: boolean;
}

function drawTaste(rng: Random): Taste {
  const genre = new Map<Genre, number>();
  for (const g of KNOWN_GENRES) genre.set(g, rng.normal(0, 0.2));
  // A few genres someone loves and a few they avoid: what makes "for you" lists differ.
  for (const g of rng.shuffled(KNOWN_GENRES).slice(0, rng.int(2, 4))) genre.set(g, rng.float(0.5, 1.1));
  for (const g of rng.shuffled(KNOWN_GENRES.filter((g) => genre.get(g)! < 0.5)).slice(0, rng.int(1, 3))) genre.set(g, -rng.float(0.5, 1.3));
  return {
    genre,
    bias: rng.normal(0, 0.35),
    factors: Array.from({ length: LATENT_FACTORS }, () => rng.normal(0, 1)),
    // Older rating scales had whole stars only; some people still never use the half.
    wholeStars: rng.chance(0.2),
  };
}

export function genreAffinity(taste: Taste, movie: DemoMovie): number {
  let sum = 0;
  for (const g of movie.genres) sum += taste.genre.get(g) ?? 0;
  return sum / movie.genres.length;
}

/** How much someone would enjoy a movie before noise, on the rating scale's offsets (0 = an average film for them). */
export function expectedEnjoyment(taste: Taste, movie: DemoMovie, traits: MovieTraits): number {
  return traits.quality + taste.bias + genreAffinity(taste, movie) + 0.15 * dot(taste.factors, traits.factors);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** A rating in 0.5 steps from 0.5 to 5 (whole stars from 1 for people who never use halves). */
function toStars(score: number, wholeStars: boolean): number {
  if (wholeStars) return Math.max(1, Math.min(5, Math.round(score)));
  return Math.max(0.5, Math.min(5, Math.round(score * 2) / 2));
}

/** Long-tailed: most people rate a couple of dozen films, a few rate hundreds (mean about 40). */
function ratingCount(rng: Random): number {
  return Math.max(MIN_RATINGS_PER_USER, Math.min(MAX_RATINGS_PER_USER, Math.round(rng.logNormal(25, 1))));
}

export function generateAudience(
  rng: Random,
  count: number,
  movies: readonly DemoMovie[],
  traits: readonly MovieTraits[],
  now: Date,
): { users: DemoUser[]; ratings: DemoRating[]; tastes: Taste[] } {
  const nowMs = now.getTime();
  const historyStart = nowMs - HISTORY_DAYS * DAY;
  const width = Math.max(4, String(count).length);
  const users: DemoUser[] = [];
  const ratings: DemoRating[] = [];
  const tastes: Taste[] = [];

  for (let u = 0; u < count; u++) {
    const id = `demo-user-${String(u + 1).padStart(width, "0")}`;
    const taste = drawTaste(rng);
    tastes.push(taste);
    const wanted = ratingCount(rng);
    // Each person is active for a stretch of the last three years; heavy raters tend to stay longer.
    const firstActive = historyStart + rng.next() * (nowMs - historyStart - DAY);
    const stay = Math.min(1, 0.25 + 0.6 * rng.next() + wanted / 400);
    const lastActive = firstActive + (nowMs - firstActive) * stay * 0.999_999;

    // People find what is popular and what they like; films released after they stopped are out of reach.
    const weights = movies.map((movie, i) => {
      const t = traits[i]!;
      if (t.releasedAt >= lastActive) return 0;
      return t.popularity * Math.exp(1.3 * genreAffinity(taste, movie));
    });
    const chosen = rng.weightedSample(weights, wanted);

    const history: DemoRating[] = [];
    for (const index of chosen) {
      const movie = movies[index]!;
      const t = traits[index]!;
      const score =
        3.25 + t.quality + taste.bias + genreAffinity(taste, movie) + 0.15 * dot(taste.factors, t.factors) + rng.normal(0, 0.55);
      const from = Math.max(firstActive, t.releasedAt);
      const ratedAt = Math.floor((from + rng.next() * (lastActive - from)) / 1000) * 1000;
      history.push({ userId: id, movieId: movie.id, rating: toStars(score, taste.wholeStars), ratedAt: new Date(ratedAt) });
    }
    history.sort((a, b) => a.ratedAt.getTime() - b.ratedAt.getTime() || (a.movieId < b.movieId ? -1 : 1));
    ratings.push(...history);

    const joined = Math.floor((firstActive - rng.float(0, 30) * DAY) / 1000) * 1000;
    users.push({ id, displayName: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, role: "viewer", createdAt: new Date(joined) });
  }
  return { users, ratings, tastes };
}
