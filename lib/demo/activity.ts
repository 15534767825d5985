import type { Random } from "@/lib/random/random";
import { expectedEnjoyment, genreAffinity, type DemoUser, type Taste } from "./audience";
import type { DemoMovie, MovieTraits } from "./movies";
import { localInstant, localWeekday, zoneOffsets } from "./local-time";

/** The weeks of audience activity before `now` that a first start shows. */
export const ACTIVITY_DAYS = 28;
/** Share of the audience that did anything in those weeks. */
const ACTIVE_SHARE = 0.6;

/** Where the demo audience lives: the theaters' zones, about as many people as screens. */
const AUDIENCE_ZONES = [
  { zone: "Europe/Berlin", weight: 7 },
  { zone: "Europe/London", weight: 8 },
  { zone: "America/New_York", weight: 5 },
] as const;

/** Relative activity per local hour, 0–23: quiet nights, a lunch bump, the evening peak around 20:00. */
export const HOUR_WEIGHTS = [
  0.35, 0.2, 0.1, 0.06, 0.05, 0.05, 0.1, 0.25, 0.35, 0.4, 0.45, 0.55, 0.75, 0.7, 0.6, 0.65, 0.8, 1.1, 1.6, 2.3, 2.8, 2.6, 1.8, 0.9,
] as const;
/** Relative activity per weekday, Sunday first: the weekend and Friday night are busiest. */
export const WEEKDAY_WEIGHTS = [1.4, 0.8, 0.8, 0.85, 0.95, 1.3, 1.55] as const;

const DEVICES = [
  { device: "tv", weight: 0.45, quality: ["4k", "1080p"] },
  { device: "web", weight: 0.25, quality: ["1080p", "720p"] },
  { device: "mobile", weight: 0.2, quality: ["720p", "480p"] },
  { device: "tablet", weight: 0.1, quality: ["1080p", "720p"] },
] as const;

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface DemoWatch {
  type: "watch";
  metadata: { watchDuration: number; progressPercent: number; device: string; quality: string };
}
export interface DemoSearch {
  type: "search";
  metadata: { query: string; resultsCount: number };
}
export interface DemoFavorite {
  type: "favorite";
  metadata: { action: "add" | "remove" };
}

/** An audience event as POST /api/v1/events takes it; `at` is its client timestamp. */
export type DemoEvent = { requestId: string; userId: string; movieId: string | null; at: Date } & (DemoWatch | DemoSearch | DemoFavorite);

/** Someone opened a movie's page: a view on the trend dashboard (POST /api/v1/trends/views). */
export interface DemoTrendView {
  movieId: string;
  at: Date;
}

export interface AudienceActivity {
  /** In time order. */
  events: DemoEvent[];
  /** In time order. */
  trendViews: DemoTrendView[];
}

export interface ActivityInput {
  seed: number;
  users: readonly DemoUser[];
  tastes: readonly Taste[];
  movies: readonly DemoMovie[];
  traits: readonly MovieTraits[];
  now: Date;
}

/** Picks indices with probability proportional to fixed weights, by bisecting their running sums. */
class WeightedIndex {
  private readonly sums: Float64Array;
  constructor(weights: readonly number[]) {
    this.sums = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => (this.sums[i] = total += Math.max(0, w)));
  }
  get total(): number {
    return this.sums.length ? this.sums[this.sums.length - 1]! : 0;
  }
  draw(rng: Random): number {
    const target = rng.next() * this.total;
    let lo = 0;
    let hi = this.sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sums[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

const STOP_WORDS = new Set(["the", "a", "an", "of", "and", "in", "on", "to", "for", "with"]);

/** What someone types to find a movie: a word or two of its title, sometimes a genre instead. */
function searchQueryFor(rng: Random, movie: DemoMovie): string {
  if (rng.chance(0.25)) return rng.pick(movie.genres).toLowerCase();
  const words = movie.title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  if (!words.length) return movie.title.toLowerCase();
  const from = rng.int(0, words.length - 1);
  const query = words.slice(from, from + rng.int(1, 2)).join(" ");
  // Two words with punctuation between them in the title would find nothing: one word then.
  return movie.title.toLowerCase().includes(query) ? query : words[from]!;
}

/** How many catalog movies a query finds, as the home page's search counts them (title or genre); counted once per query. */
function resultCounter(movies: readonly DemoMovie[]): (query: string) => number {
  const searchable = movies.map((m) => ({ title: m.title.toLowerCase(), genres: m.genres.map((g) => g.toLowerCase()) }));
  const counted = new Map<string, number>();
  return (query) => {
    let n = counted.get(query);
    if (n === undefined) {
      n = 0;
      for (const m of searchable) if (m.title.includes(query) || m.genres.includes(query)) n++;
      counted.set(query, n);
    }
    return n;
  };
}

/**
 * A few weeks of what the audience did: sessions of browsing (trend views), searching, watching
 * (finished more often when the movie suits them, with durations that follow its runtime) and
 * adding favorites, timed on each person's local clock with busy evenings and weekends. Pure: the
 * same input and `rng` give the same activity. Nothing happens before a person joined, before a
 * movie was released, or after `now`.
 */
export function generateActivity(rng: Random, input: ActivityInput): AudienceActivity {
  const { users, tastes, movies, traits, now } = input;
  const nowMs = now.getTime();
  const windowStart = nowMs - ACTIVITY_DAYS * DAY;
  const offsets = zoneOffsets(AUDIENCE_ZONES.map((z) => z.zone), windowStart - DAY, nowMs + DAY);
  const events: DemoEvent[] = [];
  const trendViews: DemoTrendView[] = [];
  const recentRelease = nowMs - 120 * DAY;
  // A movie just out draws people in (what makes it trend); anything released later is out of reach.
  const reach = traits.map((t) => (t.releasedAt >= nowMs ? 0 : t.popularity * (t.releasedAt >= recentRelease ? 6 : 1)));
  const browsing = new WeightedIndex(reach);
  const resultsFor = resultCounter(movies);
  const hours = HOUR_WEIGHTS.map((_, h) => h);
  let sequence = 0;
  const nextId = () => `demo-${input.seed}-${String(++sequence).padStart(6, "0")}`;

  users.forEach((user, u) => {
    const taste = tastes[u]!;
    if (!rng.chance(ACTIVE_SHARE)) return;
    const zone = rng.weighted(AUDIENCE_ZONES, (z) => z.weight).zone;
    const from = Math.max(windowStart, user.createdAt.getTime());
    if (nowMs - from < DAY) return;
    const picks = new WeightedIndex(movies.map((m, i) => reach[i]! * Math.exp(1.3 * genreAffinity(taste, m))));
    const sessions = Math.max(1, Math.min(40, Math.round(rng.logNormal(5, 0.8))));
    const favorites: string[] = [];

    // Session start instants on the person's clock, busier in the evening and at the weekend.
    const starts: number[] = [];
    for (let s = 0; s < sessions; s++) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const daysBack = rng.int(0, Math.floor((nowMs - from) / DAY));
        const day = new Date(nowMs - daysBack * DAY).toISOString().slice(0, 10);
        if (!rng.chance(WEEKDAY_WEIGHTS[localWeekday(day)]! / 1.55)) continue;
        const hour = rng.weighted(hours, (h) => HOUR_WEIGHTS[h]!);
        const at = localInstant(day, hour * 60 + rng.int(0, 59), offsets(zone, day));
        // A session needs room before now for what follows it (at most a long movie's length).
        if (at >= from && at < nowMs - 5 * 3600_000) {
          starts.push(at);
          break;
        }
      }
    }
    starts.sort((a, b) => a - b);

    // Sessions do not overlap: one starts after the last one's favorite, so a favorite is removed only after it was added.
    let cursor = from;
    for (const start of starts) {
      let at = Math.max(start, cursor) + rng.int(0, 59) * 1000;
      if (at >= nowMs - 5 * 3600_000) break;
      // Browsing: a few movie pages opened on the way.
      for (let v = rng.int(0, 3); v > 0; v--) {
        const m = browsing.draw(rng);
        if (traits[m]!.releasedAt < at) trendViews.push({ movieId: movies[m]!.id, at: new Date(at) });
        at += rng.int(20, 120) * 1000;
      }
      let index = picks.draw(rng);
      if (traits[index]!.releasedAt >= at) continue;
      const movie = movies[index]!;

      if (rng.chance(0.35)) {
        const query = searchQueryFor(rng, movie);
        const found = rng.chance(0.7);
        events.push({ requestId: nextId(), type: "search", userId: user.id, movieId: found ? movie.id : null, at: new Date(at), metadata: { query, resultsCount: resultsFor(query) } });
        at += rng.int(10, 90) * 1000;
        if (!found) {
          index = picks.draw(rng);
          if (traits[index]!.releasedAt >= at) continue;
        }
      }
      const watched = movies[index]!;
      if (!rng.chance(0.85)) continue;
      const enjoyment = expectedEnjoyment(taste, watched, traits[index]!) + rng.normal(0, 0.5);
      const finished = rng.chance(sigmoid(1.2 + 2 * enjoyment));
      const progressPercent = finished ? (rng.chance(0.7) ? 100 : Math.round(rng.float(90, 100) * 10) / 10) : Math.round(rng.float(3, 85) * 10) / 10;
      const device = rng.weighted(DEVICES, (d) => d.weight);
      const watchDuration = Math.round(watched.runtimeMinutes * 60 * (progressPercent / 100) * rng.float(0.97, 1.05));
      events.push({
        requestId: nextId(), type: "watch", userId: user.id, movieId: watched.id, at: new Date(at),
        metadata: { watchDuration, progressPercent, device: device.device, quality: rng.pick(device.quality) },
      });
      const after = at + watchDuration * 1000 + rng.int(1, 20) * MINUTE;
      cursor = after + MINUTE;
      if (finished && enjoyment > 0.3 && !favorites.includes(watched.id) && rng.chance(0.4)) {
        favorites.push(watched.id);
        events.push({ requestId: nextId(), type: "favorite", userId: user.id, movieId: watched.id, at: new Date(after), metadata: { action: "add" } });
      } else if (favorites.length && rng.chance(0.05)) {
        // Tidying the list now and then: an earlier favorite taken off.
        const removed = favorites.splice(rng.int(0, favorites.length - 1), 1)[0]!;
        events.push({ requestId: nextId(), type: "favorite", userId: user.id, movieId: removed, at: new Date(after), metadata: { action: "remove" } });
      }
    }
  });
  const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime();
  events.sort((a, b) => byTime(a, b) || (a.requestId < b.requestId ? -1 : 1));
  trendViews.sort((a, b) => byTime(a, b) || (a.movieId < b.movieId ? -1 : a.movieId > b.movieId ? 1 : 0));
  return { events, trendViews };
}
