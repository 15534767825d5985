import { offsetMinutes } from "@/lib/showtimes/zoned-time";

const DAY = 86_400_000;

/**
 * Each zone's UTC offset (minutes) per day between two instants, read at noon: the generators ask
 * for thousands of local times and Intl is slow, so it is asked once per zone and day.
 */
export function zoneOffsets(zones: readonly string[], fromMs: number, toMs: number): (zone: string, day: string) => number {
  const table = new Map<string, number>();
  for (let ms = Math.floor(fromMs / DAY) * DAY; ms <= toMs; ms += DAY) {
    const day = new Date(ms).toISOString().slice(0, 10);
    for (const zone of zones) table.set(`${zone}|${day}`, offsetMinutes(new Date(ms + DAY / 2), zone));
  }
  return (zone, day) => {
    const offset = table.get(`${zone}|${day}`);
    if (offset === undefined) throw new Error(`No offset for ${zone} on ${day}`);
    return offset;
  };
}

/** The instant of a minute of a local day, given that day's offset. */
export function localInstant(day: string, minuteOfDay: number, offset: number): number {
  return Date.parse(`${day}T00:00:00Z`) + (minuteOfDay - offset) * 60_000;
}

/** 0 for Sunday … 6 for Saturday. */
export function localWeekday(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}
