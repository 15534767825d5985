import type { EventType } from "@/lib/events/contract";
import { interactionWeight } from "@/lib/events/implicit-feedback";

/** One event as the feature code sees it (from the events table). */
export interface FeatureEvent {
  type: EventType;
  movieId: string | null;
  metadata: Record<string, unknown>;
  at: string; // ISO instant the event happened (client time if given, else server time)
}

export const WATCH_HISTORY_LIMIT = 100;
export const SEARCH_HISTORY_LIMIT = 50;
export const TOP_KEYWORDS = 10;
export const LIKED_RATING = 4;

/**
 * Bounds of every per-user collection, so the document the worker rewrites in every batch stays
 * small whatever a user does. Past KEYWORD_LIMIT distinct search words the least used are
 * dropped down to KEYWORDS_KEPT (room for new words to earn their place); favorites keep the
 * latest FAVORITES_LIMIT; genre scores the GENRE_LIMIT largest. The view lists the latest
 * RATINGS_SHOWN ratings (their average is over all of them).
 */
export const KEYWORD_LIMIT = 200;
export const KEYWORDS_KEPT = 150;
export const FAVORITES_LIMIT = 500;
export const GENRE_LIMIT = 100;
export const RATINGS_SHOWN = 500;

/** A watch in a user's history, newest first. */
export interface WatchEntry {
  movieId: string;
  watchDuration: number;
  progressPercent: number;
  at: string;
}

/** A search in a user's history, newest first. */
export interface SearchEntry {
  query: string;
  at: string;
}

/**
 * What the event worker keeps per user, folded from events. It rewrites this document for every
 * user in every batch, so it holds only what is small and bounded: the histories (the user's
 * latest watches and searches) are read from the events themselves, and the ratings from the
 * `ratings` table (which the worker writes in the same transaction).
 */
export interface StoredFeatures {
  totalWatchTime: number;
  averageWatchTime: number;
  watchCount: number;
  keywordCounts: Record<string, number>;
  topKeywords: { keyword: string; count: number }[];
  favorites: string[];
  interactionCounts: Record<EventType, number>;
  /** Implicit-feedback weight summed per genre (see lib/events/implicit-feedback.ts). */
  genreScores: Record<string, number>;
  /** genreScores scaled to sum to 1, largest first when listed. */
  genreAffinity: Record<string, number>;
  lastActiveAt: string | null;
}

/** A user's current rating of one movie (a row of the `ratings` table). */
export interface CurrentRating {
  movieId: string;
  rating: number;
  at: string;
}

/** What is read beside the stored features: the user's latest applied events and current ratings. */
export interface UserHistory {
  /** At most WATCH_HISTORY_LIMIT, newest first. */
  watches: WatchEntry[];
  /** At most SEARCH_HISTORY_LIMIT, newest first. */
  searches: SearchEntry[];
  ratings: CurrentRating[];
}

/** The features as GET /features/{userId} shows them: the stored ones with the user's history. */
export interface UserFeatures extends StoredFeatures {
  watchHistory: WatchEntry[];
  searchHistory: SearchEntry[];
  ratings: Record<string, { rating: number; at: string }>;
  averageRating: number | null;
  /** Rated LIKED_RATING or more, most recently rated first. */
  likedMovies: string[];
}

export function emptyFeatures(): StoredFeatures {
  return {
    totalWatchTime: 0,
    averageWatchTime: 0,
    watchCount: 0,
    keywordCounts: {},
    topKeywords: [],
    favorites: [],
    interactionCounts: { watch: 0, search: 0, rating: 0, favorite: 0 },
    genreScores: {},
    genreAffinity: {},
    lastActiveAt: null,
  };
}

/** A stored features document as read from the database; a new user's row is `{}`. */
export function storedFeaturesOf(document: Record<string, unknown> | null | undefined): StoredFeatures {
  return document && Object.keys(document).length ? (document as unknown as StoredFeatures) : emptyFeatures();
}

/** Stored features with the user's history: latest watches and searches, current ratings, their average and the movies they like. */
export function withHistory(stored: StoredFeatures, history: UserHistory): UserFeatures {
  const { ratings } = history;
  const newestFirst = [...ratings].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.movieId < b.movieId ? -1 : a.movieId > b.movieId ? 1 : 0));
  return {
    ...stored,
    watchHistory: history.watches,
    searchHistory: history.searches,
    ratings: Object.fromEntries(newestFirst.slice(0, RATINGS_SHOWN).map((r) => [r.movieId, { rating: r.rating, at: r.at }])),
    averageRating: ratings.length ? Math.round((ratings.reduce((s, r) => s + r.rating, 0) / ratings.length) * 100) / 100 : null,
    likedMovies: newestFirst.filter((r) => r.rating >= LIKED_RATING).slice(0, RATINGS_SHOWN).map((r) => r.movieId),
  };
}

const STOP_WORDS = new Set(["the", "a", "an", "of", "and", "in", "on", "to", "for", "with", "la", "le", "der", "die", "das"]);

export function keywordsOf(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

/**
 * A copy of what applyEvents changes in place; the rest is replaced whole or never changed.
 * structuredClone of the whole document cost 0.3 ms per user (most of the worker's CPU). Built
 * field by field, so keys an older version stored (ratings, histories) are not carried along.
 */
function copyForUpdate(s: StoredFeatures): StoredFeatures {
  return {
    totalWatchTime: s.totalWatchTime,
    averageWatchTime: s.averageWatchTime,
    watchCount: s.watchCount,
    keywordCounts: { ...s.keywordCounts },
    topKeywords: s.topKeywords,
    favorites: [...s.favorites],
    interactionCounts: { ...s.interactionCounts },
    genreScores: { ...s.genreScores },
    genreAffinity: s.genreAffinity,
    lastActiveAt: s.lastActiveAt,
  };
}

/**
 * Folds events (in time order) into a user's features. Pure: the worker applies new events to
 * stored features, a refresh folds all raw events into empty ones, and both give the same result.
 */
export function applyEvents(start: StoredFeatures, events: FeatureEvent[], genresOf: (movieId: string) => string[]): StoredFeatures {
  const f = copyForUpdate(start);
  // Words searched in these events: when keywords are pruned, they win ties with older ones.
  const searched = new Set<string>();
  for (const e of events) {
    f.interactionCounts[e.type] += 1;
    if (!f.lastActiveAt || e.at > f.lastActiveAt) f.lastActiveAt = e.at;
    const m = e.metadata;
    let weight = 0;
    switch (e.type) {
      case "watch": {
        const watchDuration = Number(m.watchDuration ?? 0);
        const progressPercent = Number(m.progressPercent ?? 0);
        f.totalWatchTime += watchDuration;
        f.watchCount += 1;
        f.averageWatchTime = Math.round((f.totalWatchTime / f.watchCount) * 10) / 10;
        weight = interactionWeight({ type: "watch", progressPercent });
        break;
      }
      case "search": {
        const query = String(m.query ?? "");
        for (const k of keywordsOf(query)) {
          f.keywordCounts[k] = (f.keywordCounts[k] ?? 0) + 1;
          searched.add(k);
        }
        break;
      }
      case "rating": {
        weight = interactionWeight({ type: "rating", rating: Number(m.rating) });
        break;
      }
      case "favorite": {
        const add = m.action === "add";
        const had = f.favorites.includes(e.movieId!);
        if (add && !had) {
          f.favorites.unshift(e.movieId!);
          if (f.favorites.length > FAVORITES_LIMIT) f.favorites.length = FAVORITES_LIMIT;
        }
        if (!add && had) f.favorites = f.favorites.filter((id) => id !== e.movieId);
        // Taking a favorite back takes back what adding it gave.
        weight = add && !had ? 0.3 : !add && had ? -0.3 : 0;
        break;
      }
    }
    if (weight && e.movieId) for (const g of genresOf(e.movieId)) f.genreScores[g] = Math.round(((f.genreScores[g] ?? 0) + weight) * 1000) / 1000;
  }
  f.keywordCounts = boundedKeywords(f.keywordCounts, searched);
  f.genreScores = boundedGenres(f.genreScores);
  f.topKeywords = Object.entries(f.keywordCounts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_KEYWORDS)
    .map(([keyword, count]) => ({ keyword, count }));
  const positive = Object.entries(f.genreScores).filter(([, s]) => s > 0);
  const total = positive.reduce((s, [, v]) => s + v, 0);
  f.genreAffinity = Object.fromEntries(positive.sort((a, b) => b[1] - a[1]).map(([g, s]) => [g, Math.round((s / total) * 1000) / 1000]));
  return f;
}

function boundedKeywords(counts: Record<string, number>, recent: Set<string>): Record<string, number> {
  const entries = Object.entries(counts);
  if (entries.length <= KEYWORD_LIMIT) return counts;
  entries.sort((a, b) => b[1] - a[1] || Number(recent.has(b[0])) - Number(recent.has(a[0])) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(entries.slice(0, KEYWORDS_KEPT));
}

function boundedGenres(scores: Record<string, number>): Record<string, number> {
  const entries = Object.entries(scores);
  if (entries.length <= GENRE_LIMIT) return scores;
  return Object.fromEntries(entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, GENRE_LIMIT));
}
