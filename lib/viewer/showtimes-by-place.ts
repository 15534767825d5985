/**
 * A movie's upcoming showtimes as a viewer reads them: by city, then theater, then day, each time
 * told in the theater's own time zone (a showtime in Tokyo is read in Tokyo time wherever the
 * viewer is).
 */

export interface UpcomingShowtime {
  id: string;
  theaterId: string;
  theaterName: string;
  city: string;
  timeZone: string;
  startsAt: Date;
}

export interface ShowtimeDay {
  /** The local date, YYYY-MM-DD. */
  day: string;
  /** "Mon, Dec 7". */
  label: string;
  times: { id: string; startsAt: string; time: string }[];
}

export interface TheaterShowtimes {
  theaterId: string;
  theaterName: string;
  timeZone: string;
  days: ShowtimeDay[];
}

export interface CityShowtimes {
  city: string;
  theaters: TheaterShowtimes[];
}

function localParts(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const label = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric" }).format(at);
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, label };
}

/** Groups showtimes (in any order) by city and theater, A to Z, and each theater's by local day, soonest first. */
export function groupShowtimesByPlace(showtimes: UpcomingShowtime[]): CityShowtimes[] {
  const cities = new Map<string, Map<string, TheaterShowtimes>>();
  const sorted = [...showtimes].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  for (const s of sorted) {
    const theaters = cities.get(s.city) ?? new Map<string, TheaterShowtimes>();
    cities.set(s.city, theaters);
    const theater = theaters.get(s.theaterId) ?? { theaterId: s.theaterId, theaterName: s.theaterName, timeZone: s.timeZone, days: [] };
    theaters.set(s.theaterId, theater);
    const { day, time, label } = localParts(s.startsAt, s.timeZone);
    let bucket = theater.days.at(-1);
    if (!bucket || bucket.day !== day) {
      bucket = { day, label, times: [] };
      theater.days.push(bucket);
    }
    bucket.times.push({ id: s.id, startsAt: s.startsAt.toISOString(), time });
  }
  const byName = (a: string, b: string) => a.localeCompare(b, "en");
  return [...cities]
    .sort(([a], [b]) => byName(a, b))
    .map(([city, theaters]) => ({ city, theaters: [...theaters.values()].sort((a, b) => byName(a.theaterName, b.theaterName)) }));
}
