import { describe, expect, it } from "vitest";
import { planSlot } from "@/lib/showtimes/conflicts";
import { toWallTime } from "@/lib/showtimes/zoned-time";
import { ACTIVITY_DAYS } from "./activity";
import { generateDemoData } from "./demo-data";
import { FIRST_START_MINUTE, LAST_START_MINUTE, SHOWTIME_DAYS, TRAILER_MINUTES } from "./showtimes";

const now = new Date("2026-03-15T12:00:00Z");
const data = generateDemoData({ seed: 42, now });
const windowStart = now.getTime() - ACTIVITY_DAYS * 86_400_000;
const moviesById = new Map(data.movies.map((m) => [m.id, m]));
const usersById = new Map(data.users.map((u) => [u.id, u]));
const theatersById = new Map(data.theaters.map((t) => [t.id, t]));

describe("the demo audience's last weeks", () => {
  it("are the same for the same seed and clock, and differ for another seed", () => {
    const again = generateDemoData({ seed: 42, now });
    expect(JSON.stringify([again.events, again.trendViews, again.showtimes, again.trendMovies])).toBe(
      JSON.stringify([data.events, data.trendViews, data.showtimes, data.trendMovies]),
    );
    const other = generateDemoData({ seed: 7, now });
    expect(other.events.map((e) => e.movieId)).not.toEqual(data.events.map((e) => e.movieId));
  });

  it("hold watches, searches and favorites from most of the audience, each event once", () => {
    const byType = (type: string) => data.events.filter((e) => e.type === type).length;
    expect(byType("watch")).toBeGreaterThan(2_000);
    expect(byType("search")).toBeGreaterThan(500);
    expect(byType("favorite")).toBeGreaterThan(300);
    expect(data.trendViews.length).toBeGreaterThan(2_000);
    expect(new Set(data.events.map((e) => e.userId)).size).toBeGreaterThan(data.users.length / 2);
    expect(new Set(data.events.map((e) => e.requestId)).size).toBe(data.events.length);
  });

  it("happen in the past weeks, in time order, after the person joined and the movie came out", () => {
    let previous = 0;
    for (const e of data.events) {
      const at = e.at.getTime();
      expect(at).toBeGreaterThanOrEqual(windowStart);
      expect(at).toBeLessThan(now.getTime());
      expect(at).toBeGreaterThanOrEqual(previous);
      previous = at;
      expect(at).toBeGreaterThanOrEqual(usersById.get(e.userId)!.createdAt.getTime());
      if (e.movieId) expect(Date.parse(moviesById.get(e.movieId)!.releaseDate)).toBeLessThanOrEqual(at);
    }
    for (const v of data.trendViews) {
      expect(moviesById.has(v.movieId)).toBe(true);
      expect(v.at.getTime()).toBeGreaterThanOrEqual(windowStart);
      expect(v.at.getTime()).toBeLessThan(now.getTime());
    }
  });

  it("watch existing movies with a progress and a duration that fits the movie's runtime", () => {
    const watches = data.events.flatMap((e) => (e.type === "watch" ? [e] : []));
    for (const w of watches) {
      const movie = moviesById.get(w.movieId!)!;
      expect(w.metadata.progressPercent).toBeGreaterThanOrEqual(0);
      expect(w.metadata.progressPercent).toBeLessThanOrEqual(100);
      const expected = movie.runtimeMinutes * 60 * (w.metadata.progressPercent / 100);
      expect(w.metadata.watchDuration).toBeGreaterThanOrEqual(Math.floor(expected * 0.95));
      expect(w.metadata.watchDuration).toBeLessThanOrEqual(Math.ceil(expected * 1.06));
    }
    const finished = watches.filter((w) => w.metadata.progressPercent >= 90).length;
    // Most people finish what they start, not everyone.
    expect(finished / watches.length).toBeGreaterThan(0.5);
    expect(finished / watches.length).toBeLessThan(0.95);
  });

  it("leave every user with favorites that are movies that exist, removed only after they were added", () => {
    const favorites = new Map<string, Set<string>>();
    for (const e of data.events) {
      if (e.type !== "favorite") continue;
      expect(moviesById.has(e.movieId!)).toBe(true);
      const list = favorites.get(e.userId) ?? new Set<string>();
      if (e.metadata.action === "add") {
        expect(list.has(e.movieId!)).toBe(false);
        list.add(e.movieId!);
      } else {
        expect(list.has(e.movieId!)).toBe(true);
        list.delete(e.movieId!);
      }
      favorites.set(e.userId, list);
    }
    expect([...favorites.values()].filter((list) => list.size > 0).length).toBeGreaterThan(100);
  });

  it("search with words the catalog knows, most of them finding something", () => {
    const searches = data.events.flatMap((e) => (e.type === "search" ? [e] : []));
    for (const s of searches) expect(s.metadata.query.trim().length).toBeGreaterThan(0);
    expect(searches.filter((s) => s.metadata.resultsCount > 0).length / searches.length).toBeGreaterThan(0.9);
    for (const s of searches.filter((s) => s.movieId)) {
      expect(s.metadata.resultsCount).toBeGreaterThan(0);
    }
  });

  it("are busier in the evening than in the morning, and at the weekend than midweek", () => {
    // Europe's evening (18–23 UTC) against its morning (6–11 UTC); the audience is mostly European.
    const hourOf = (e: { at: Date }) => e.at.getUTCHours();
    const evening = data.events.filter((e) => hourOf(e) >= 18 && hourOf(e) < 24).length;
    const morning = data.events.filter((e) => hourOf(e) >= 6 && hourOf(e) < 12).length;
    expect(evening).toBeGreaterThan(2 * morning);
    const perWeekday = new Array(7).fill(0);
    for (const e of data.events) perWeekday[e.at.getUTCDay()]++;
    const weekend = (perWeekday[0] + perWeekday[6]) / 2;
    const midweek = (perWeekday[1] + perWeekday[2] + perWeekday[3]) / 3;
    expect(weekend).toBeGreaterThan(1.3 * midweek);
  });
});

describe("an account lent a demo history", () => {
  it("gets the ratings and events of one of the busiest demo viewers, under its own id and request ids, and changes nothing else", () => {
    const lent = generateDemoData({ seed: 42, now, accountIds: ["admin-1"] });
    const own = lent.events.filter((e) => e.userId === "admin-1");
    expect(own.length).toBeGreaterThan(10);
    const donor = data.events.filter((e) => e.movieId === own[0]!.movieId && e.at.getTime() === own[0]!.at.getTime())[0]!.userId;
    const strip = (list: { at: Date; movieId: string | null; type: string }[]) => list.map((e) => [e.type, e.movieId, e.at.toISOString()]);
    expect(strip(own)).toEqual(strip(data.events.filter((e) => e.userId === donor)));
    expect(lent.ratings.filter((r) => r.userId === "admin-1").map((r) => r.movieId)).toEqual(data.ratings.filter((r) => r.userId === donor).map((r) => r.movieId));
    expect(new Set(lent.events.map((e) => e.requestId)).size).toBe(lent.events.length);
    expect(lent.events.filter((e) => e.userId !== "admin-1")).toEqual(data.events);
    expect(lent.trendMovies).toEqual(data.trendMovies);
  });
});

describe("the demo programme", () => {
  const shows = data.showtimes.flatMap((batch) =>
    Object.entries(batch.startTimesByTheater).flatMap(([theaterId, times]) => times.map((startsAt) => ({ batch, theaterId, startsAt }))),
  );

  it("shows existing movies for their runtime plus trailers, only after now", () => {
    for (const batch of data.showtimes) expect(batch.durationMinutes).toBe(moviesById.get(batch.movieId)!.runtimeMinutes + TRAILER_MINUTES);
    for (const s of shows) expect(s.startsAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it("plays in every theater on each of the coming days, within its opening hours on its own clock", () => {
    for (const theater of data.theaters) {
      const own = shows.filter((s) => s.theaterId === theater.id);
      const days = new Set(own.map((s) => toWallTime(s.startsAt, theater.timeZone).date));
      expect(days.size).toBe(SHOWTIME_DAYS);
      for (const s of own) {
        const { time } = toWallTime(s.startsAt, theater.timeZone);
        const minute = Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
        expect(minute).toBeGreaterThanOrEqual(FIRST_START_MINUTE);
        expect(minute).toBeLessThanOrEqual(LAST_START_MINUTE);
      }
    }
  });

  it("never overlaps in one theater, counting the theater's turnover", () => {
    for (const theater of data.theaters) {
      const slots = shows
        .filter((s) => s.theaterId === theater.id)
        .map((s) => planSlot(theater.id, s.startsAt, s.batch.durationMinutes, theatersById.get(theater.id)!.turnoverMinutes))
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let i = 1; i < slots.length; i++) expect(slots[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(slots[i - 1]!.availableAt.getTime());
    }
  });
});

describe("the demo's trend movies", () => {
  it("are existing movies, each once, registered within the past weeks, the films now showing among them", () => {
    const ids = data.trendMovies.map((m) => m.movieId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of data.trendMovies) {
      expect(moviesById.has(m.movieId)).toBe(true);
      expect(m.registeredAt.getTime()).toBeGreaterThanOrEqual(windowStart);
      expect(m.registeredAt.getTime()).toBeLessThan(now.getTime());
    }
    for (const batch of data.showtimes) expect(ids).toContain(batch.movieId);
  });
});
