import { KNOWN_GENRES } from "@/lib/catalog/contract";
import type { Random } from "@/lib/random/random";
import {
  ADJECTIVES, ANIMALS, FIRST_NAMES, GENERAL_TITLE_TEMPLATES, GENRE_NOUNS, GENRE_TITLE_TEMPLATES, LAST_NAMES, NOUNS,
  ORDINALS, OVERVIEW_ENDINGS, OVERVIEW_TEMPLATES, PLACES, PLURAL_NOUNS, PROTAGONISTS, RELATIVES, SEASONS, SETTINGS,
  VERBS_ING,
} from "./word-lists";

export type Genre = (typeof KNOWN_GENRES)[number];

/** A catalog row as the movies table takes it. */
export interface DemoMovie {
  id: string;
  title: string;
  year: number;
  runtimeMinutes: number;
  genres: Genre[];
  overview: string;
  releaseDate: string;
}

/**
 * What the audience generator needs to know about a movie but the catalog does not store: how good
 * it is, how many people find it, and a few hidden "style" dimensions that tastes attach to.
 */
export interface MovieTraits {
  quality: number;
  popularity: number;
  factors: number[];
  releasedAt: number;
}

export const LATENT_FACTORS = 4;
export const EARLIEST_YEAR = 1970;

/** Genre frequencies of a real catalog (MovieLens "latest-small"): Drama and Comedy everywhere, Film-Noir rare. */
const GENRE_WEIGHTS: Record<Genre, number> = {
  Drama: 4361, Comedy: 3756, Thriller: 1894, Action: 1828, Romance: 1596, Adventure: 1263, Crime: 1199, "Sci-Fi": 980,
  Horror: 978, Fantasy: 779, Children: 664, Animation: 611, Mystery: 573, Documentary: 440, War: 382, Musical: 334,
  Western: 167, IMAX: 158, "Film-Noir": 87,
};

// Only these genres combine with the key genre; everything else is allowed with anything.
const ONLY_WITH: Partial<Record<Genre, readonly Genre[]>> = {
  Documentary: ["War", "Musical", "IMAX", "Crime", "Comedy"],
  "Film-Noir": ["Crime", "Mystery", "Thriller", "Drama", "Romance"],
  IMAX: ["Action", "Adventure", "Sci-Fi", "Animation", "Documentary", "Fantasy", "Children"],
  Children: ["Animation", "Comedy", "Adventure", "Fantasy", "Musical", "Drama", "Mystery", "Western", "IMAX", "Romance", "Sci-Fi", "Action"],
};

// Pairs that show up together far more often than their frequencies alone would say.
const AFFINITY: [Genre, Genre, number][] = [
  ["Animation", "Children", 8], ["Crime", "Thriller", 3], ["Action", "Adventure", 3], ["Action", "Thriller", 2],
  ["Action", "Sci-Fi", 2.5], ["Adventure", "Fantasy", 3], ["Adventure", "Children", 2], ["Comedy", "Romance", 3],
  ["Drama", "Romance", 2.5], ["Horror", "Thriller", 3], ["Mystery", "Thriller", 3], ["Crime", "Drama", 2],
  ["Drama", "War", 3], ["Sci-Fi", "Thriller", 1.5], ["Horror", "Sci-Fi", 1.5], ["Musical", "Romance", 2],
  ["Comedy", "Musical", 1.5], ["Animation", "Comedy", 2], ["Children", "Fantasy", 2], ["Crime", "Mystery", 2],
  ["Action", "IMAX", 3], ["Adventure", "IMAX", 3], ["IMAX", "Sci-Fi", 3], ["Crime", "Film-Noir", 5], ["Film-Noir", "Mystery", 3],
];

/** Typical running time by primary genre (mean, spread): animation short, war films long. */
const RUNTIME: Record<Genre, [number, number]> = {
  Animation: [92, 8], Children: [95, 9], Documentary: [98, 12], Comedy: [102, 10], Horror: [98, 10], Romance: [110, 12],
  Thriller: [112, 12], Crime: [116, 14], Action: [120, 14], Mystery: [110, 12], Musical: [118, 14], Drama: [118, 16],
  "Sci-Fi": [122, 15], Fantasy: [124, 16], Adventure: [126, 16], Western: [122, 16], War: [138, 18], "Film-Noir": [104, 10], IMAX: [120, 15],
};

/** Critics are kinder to some genres on average; horror and family films score lower in real data. */
const QUALITY_OFFSET: Partial<Record<Genre, number>> = {
  Documentary: 0.25, "Film-Noir": 0.35, War: 0.2, Drama: 0.1, Crime: 0.1, Mystery: 0.05,
  Horror: -0.3, Children: -0.2, Comedy: -0.1, Action: -0.05,
};

function compatible(picked: readonly Genre[], candidate: Genre): boolean {
  if (picked.includes(candidate)) return false;
  return picked.every((g) => {
    const a = ONLY_WITH[g];
    const b = ONLY_WITH[candidate];
    return (!a || a.includes(candidate)) && (!b || b.includes(g));
  });
}

function affinity(picked: readonly Genre[], candidate: Genre): number {
  let factor = 1;
  for (const [a, b, boost] of AFFINITY) {
    if ((picked.includes(a) && candidate === b) || (picked.includes(b) && candidate === a)) factor *= boost;
  }
  return factor;
}

export function pickGenres(rng: Random): Genre[] {
  // IMAX is a format, not a story: it is never the only or the main genre.
  // Documentaries rarely share a genre, so they need a larger share of the main genre to reach their real frequency.
  const primary = rng.weighted(KNOWN_GENRES.filter((g) => g !== "IMAX"), (g) => GENRE_WEIGHTS[g] * (g === "Documentary" ? 2 : 1));
  const roll = rng.next();
  const wanted = primary === "Documentary" ? (roll < 0.85 ? 1 : 2) : roll < 0.35 ? 1 : roll < 0.75 ? 2 : 3;
  const genres: Genre[] = [primary];
  while (genres.length < wanted) {
    const candidates = KNOWN_GENRES.filter((g) => compatible(genres, g));
    if (candidates.length === 0) break;
    // IMAX can only be a second genre, so it gets a larger share there.
    genres.push(rng.weighted(candidates, (g) => GENRE_WEIGHTS[g] * affinity(genres, g) * (g === "IMAX" ? 2.5 : 1)));
  }
  return genres;
}

function pickYear(rng: Random, nowYear: number): number {
  // Catalogs are heavy on recent releases (an exponential age) with a flat layer of older films.
  const span = nowYear - EARLIEST_YEAR;
  const age = rng.chance(0.8) ? Math.floor(rng.exponential(13)) : rng.int(0, span);
  return nowYear - (age <= span ? age : rng.int(0, span));
}

function pickRuntime(rng: Random, genres: readonly Genre[]): number {
  const [mean, spread] = RUNTIME[genres[0]!];
  let minutes = rng.normal(mean, spread);
  if (genres.includes("IMAX")) minutes += 10;
  // A few epics in the genres that make them.
  if (genres.some((g) => g === "War" || g === "Adventure" || g === "Fantasy" || g === "Drama") && rng.chance(0.06)) minutes += rng.float(25, 45);
  return Math.max(80, Math.min(180, Math.round(minutes)));
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The character a title names, so the overview can tell the same story. */
interface Cast {
  name: string;
  animal: (typeof ANIMALS)[number];
}

function fillTitle(template: string, rng: Random, genre: Genre, year: number, cast: Cast): string {
  const genreNouns = GENRE_NOUNS[genre];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case "Adj": return rng.pick(ADJECTIVES);
      case "Noun": return genreNouns && rng.chance(0.5) ? rng.pick(genreNouns) : rng.pick(NOUNS);
      case "Nouns": return rng.pick(PLURAL_NOUNS);
      case "Verbing": return rng.pick(VERBS_ING);
      case "Place": return rng.pick(PLACES);
      case "Name": return cast.name;
      case "Name2": return rng.pick(FIRST_NAMES.filter((n) => n !== cast.name));
      case "Surname": return rng.pick(LAST_NAMES);
      case "Animal": return cast.animal[0];
      case "Animals": return cast.animal[1];
      case "Relative": return rng.pick(RELATIVES);
      case "Season": return rng.pick(SEASONS);
      case "Ord": return rng.pick(ORDINALS);
      case "Num": return String(rng.pick([2, 3, 4, 5, 7, 9, 10, 12, 24, 48, 72, 99]));
      case "Year": return String(rng.int(Math.max(1914, year - 80), Math.max(1914, year - 5)));
      default: throw new Error(`Unknown title placeholder {${key}}`);
    }
  }).replace(/\b([Aa]) (?=[AEIOU])/g, "$1n ");
}

function makeTitle(rng: Random, genre: Genre, year: number, taken: Set<string>, cast: Cast): string {
  const own = GENRE_TITLE_TEMPLATES[genre] ?? [];
  for (let attempt = 0; attempt < 40; attempt++) {
    const template = own.length && rng.chance(0.6) ? rng.pick(own) : rng.pick(GENERAL_TITLE_TEMPLATES);
    const title = fillTitle(template, rng, genre, year, cast);
    if (!taken.has(title.toLowerCase())) return title;
  }
  // Word lists this size practically never run dry; a subtitle keeps the title unique if they do.
  let title = `${fillTitle("The {Adj} {Noun}", rng, genre, year, cast)}: ${fillTitle("{Adj} {Nouns}", rng, genre, year, cast)}`;
  while (taken.has(title.toLowerCase())) title += " II";
  return title;
}

function makeOverview(rng: Random, genre: Genre, cast: Cast): string {
  const templates = OVERVIEW_TEMPLATES[genre] ?? OVERVIEW_TEMPLATES.Drama!;
  const who = rng.pick(PROTAGONISTS);
  const text = rng
    .pick(templates)
    .replace(/\{Who\}/g, who.charAt(0).toUpperCase() + who.slice(1))
    .replace(/\{who\}/g, who)
    .replace(/\{where\}/g, rng.pick(SETTINGS))
    .replace(/\{Name\}/g, cast.name)
    .replace(/\{animal\}/g, cast.animal[0].toLowerCase());
  const endings = OVERVIEW_ENDINGS[genre];
  return endings && rng.chance(0.35) ? `${text} ${rng.pick(endings)}` : text;
}

const SEQUEL_SUFFIXES = [" 2", " II", ": Part Two", " Returns", ": The Next Chapter"] as const;

/** `count` movies with unique titles, released up to the end of `now`'s year, and their hidden traits. */
export function generateMovies(rng: Random, count: number, now: Date): { movies: DemoMovie[]; traits: MovieTraits[] } {
  const nowYear = now.getUTCFullYear();
  const movies: DemoMovie[] = [];
  const traits: MovieTraits[] = [];
  const taken = new Set<string>();
  const width = Math.max(4, String(count).length);

  for (let i = 0; i < count; i++) {
    const original = movies.length > 20 && rng.chance(0.04) ? rng.pick(movies) : null;
    let genres: Genre[];
    let year: number;
    let title: string;
    const cast: Cast = { name: rng.pick(FIRST_NAMES), animal: rng.pick(ANIMALS) };
    if (original && original.year < nowYear && !SEQUEL_SUFFIXES.some((suffix) => original.title.endsWith(suffix))) {
      // A sequel keeps the original's genres and comes a few years later.
      genres = [...original.genres];
      year = Math.min(nowYear, original.year + rng.int(2, 5));
      title = original.title + rng.pick(SEQUEL_SUFFIXES);
      if (taken.has(title.toLowerCase())) title = makeTitle(rng, genres[0]!, year, taken, cast);
    } else {
      genres = pickGenres(rng);
      year = pickYear(rng, nowYear);
      title = makeTitle(rng, genres[0]!, year, taken, cast);
    }
    taken.add(title.toLowerCase());

    const yearStart = Date.UTC(year, 0, 1);
    const releasedAt = yearStart + rng.int(0, (Date.UTC(year + 1, 0, 1) - yearStart) / 86_400_000 - 1) * 86_400_000;
    const quality = rng.normal(0, 0.45) + genres.reduce((sum, g) => sum + (QUALITY_OFFSET[g] ?? 0), 0) / genres.length;
    const age = nowYear - year;
    // Most people watch what is new and what is good; a long tail of films almost nobody rates.
    const recency = age <= 2 ? 2.5 : age <= 8 ? 1.6 : age <= 20 ? 1 : 0.6;
    const popularity = rng.logNormal(1, 1.1) * Math.exp(0.9 * quality) * recency;

    movies.push({
      id: `demo-movie-${String(i + 1).padStart(width, "0")}`,
      title,
      year,
      runtimeMinutes: pickRuntime(rng, genres),
      genres,
      overview: makeOverview(rng, genres[0]!, cast),
      releaseDate: isoDate(releasedAt),
    });
    traits.push({ quality, popularity, factors: Array.from({ length: LATENT_FACTORS }, () => rng.normal(0, 1)), releasedAt });
  }
  return { movies, traits };
}
