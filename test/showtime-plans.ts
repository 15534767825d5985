import type { PlanTheater, StartTimesForm, TimelineShowtime } from "@/lib/showtimes/start-plan";

/** Theaters, a clock and a form for the showtime wizard's plan tests. */
export const berlin: PlanTheater = { id: "ber-1", name: "Berlin 1", timeZone: "Europe/Berlin", turnoverMinutes: 15 };
export const newYork: PlanTheater = { id: "nyc-1", name: "New York 1", timeZone: "America/New_York", turnoverMinutes: 20 };
export const now = new Date("2026-01-10T12:00:00Z");

export function form(patch: Partial<StartTimesForm> = {}): StartTimesForm {
  return { dateFrom: "2026-02-02", dateTo: "2026-02-04", mode: "shared", sharedTimes: ["19:00", "21:30"], timesByTheater: {}, durationMinutes: 120, ...patch };
}

export function existing(theaterId: string, start: string, end: string, available: string, title = "Old Film"): TimelineShowtime {
  return { id: `${theaterId}-${start}`, theaterId, movieId: "m-old", movieTitle: title, startTime: start, endTime: end, availableAt: available };
}
