import { planSlot } from "@/lib/showtimes/conflicts";
import { addDays, fromWallTime, todayIn } from "@/lib/showtimes/zoned-time";
import type { Random } from "@/lib/random/random";
import type { DemoMovie, MovieTraits } from "./movies";
import type { DemoTheater } from "./theaters";

/** Days of programme from today on, each theater's own calendar: what is on sale now, leaving later days free for the wizard. */
export const SHOWTIME_DAYS = 3;
/** The demo theaters' opening hours on their own clocks: the first show from 10:00, the last starting by 23:00. */
export const FIRST_START_MINUTE = 10 * 60;
export const LAST_START_MINUTE = 23 * 60;
/** Trailers and ads before the film: a show lasts its runtime plus these. */
export const TRAILER_MINUTES = 15;
/** How many films are "now showing". */
export const NOW_SHOWING = 8;
/** Shows start on the quarter hour. */
const GRID = 15;
const DAY = 86_400_000;

/** One batch per movie, as an admin would submit it in the wizard: start instants per theater, sorted. */
export interface DemoShowtimeBatch {
  movieId: string;
  durationMinutes: number;
  startTimesByTheater: Record<string, Date[]>;
}

function wall(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** The films in cinemas: released by now, the recent and popular first. */
export function nowShowing(movies: readonly DemoMovie[], traits: readonly MovieTraits[], now: Date): number[] {
  const nowMs = now.getTime();
  return movies
    .map((_, i) => i)
    .filter((i) => traits[i]!.releasedAt <= nowMs)
    .map((i) => ({ i, appeal: traits[i]!.popularity * Math.exp(-(nowMs - traits[i]!.releasedAt) / (90 * DAY)) }))
    .sort((a, b) => b.appeal - a.appeal || a.i - b.i)
    .slice(0, NOW_SHOWING)
    .map((x) => x.i);
}

/**
 * The programme of the coming days (SHOWTIME_DAYS) in every theater: back-to-back shows within opening hours, each
 * starting once the previous show and the theater's turnover are over (so none overlap), the big
 * screen (room 1) giving its evenings to the biggest film. Only starts after `now`. Pure.
 */
export function generateShowtimes(
  rng: Random,
  input: { theaters: readonly DemoTheater[]; movies: readonly DemoMovie[]; traits: readonly MovieTraits[]; now: Date },
): DemoShowtimeBatch[] {
  const { theaters, movies, traits, now } = input;
  const showing = nowShowing(movies, traits, now);
  if (!showing.length) return [];
  const duration = (i: number) => movies[i]!.runtimeMinutes + TRAILER_MINUTES;
  const byMovie = new Map<number, Record<string, Date[]>>();

  for (const theater of theaters) {
    const bigScreen = theater.id.endsWith("-1");
    const today = todayIn(theater.timeZone, now);
    const firstStart = FIRST_START_MINUTE + rng.int(0, 8) * GRID;
    let busyUntil = 0;
    for (let d = 0; d < SHOWTIME_DAYS; d++) {
      const date = addDays(today, d);
      let minute = firstStart;
      while (minute <= LAST_START_MINUTE) {
        // Rank-weighted: the top film plays most; the big screen's evenings are the top two's.
        const pool = bigScreen && minute >= 18 * 60 ? showing.slice(0, 2) : showing;
        const movie = rng.weighted(pool, (i) => 1 / (pool.indexOf(i) + 1));
        const at = fromWallTime({ date, time: wall(minute) }, theater.timeZone);
        const slot = at.ok ? planSlot(theater.id, at.instant, duration(movie), theater.turnoverMinutes) : null;
        if (slot && slot.startsAt.getTime() >= busyUntil) {
          if (slot.startsAt > now) {
            const perTheater = byMovie.get(movie) ?? {};
            (perTheater[theater.id] ??= []).push(slot.startsAt);
            byMovie.set(movie, perTheater);
          }
          busyUntil = slot.availableAt.getTime();
          minute += Math.ceil((duration(movie) + theater.turnoverMinutes) / GRID) * GRID + (rng.chance(0.3) ? GRID : 0);
        } else minute += GRID;
      }
    }
  }
  return [...byMovie]
    .sort((a, b) => showing.indexOf(a[0]) - showing.indexOf(b[0]))
    .map(([i, startTimesByTheater]) => ({ movieId: movies[i]!.id, durationMinutes: duration(i), startTimesByTheater }));
}
