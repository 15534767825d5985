import { describe, expect, it } from "vitest";
import {
  buildTimeline,
  checkPlan,
  dayLabel,
  formatRangeInZone,
  furtherProgress,
  normalizeTimesOfDay,
  parseBatchEvent,
  parseTimeOfDay,
  placeServerFieldErrors,
  planStartTimes,
  progressView,
  startKey,
  toBatchRequest,
  type PlanTheater,
  type StartTimesForm,
  type TimelineShowtime,
} from "./wizard-plan";

const berlin: PlanTheater = { id: "ber-1", name: "Berlin 1", timeZone: "Europe/Berlin", turnoverMinutes: 15 };
const newYork: PlanTheater = { id: "nyc-1", name: "New York 1", timeZone: "America/New_York", turnoverMinutes: 20 };
const now = new Date("2026-01-10T12:00:00Z");

function form(patch: Partial<StartTimesForm> = {}): StartTimesForm {
  return { dateFrom: "2026-02-02", dateTo: "2026-02-04", mode: "shared", sharedTimes: ["19:00", "21:30"], timesByTheater: {}, durationMinutes: 120, ...patch };
}

function existing(theaterId: string, start: string, end: string, available: string, title = "Old Film"): TimelineShowtime {
  return { id: `${theaterId}-${start}`, theaterId, movieId: "m-old", movieTitle: title, startTime: start, endTime: end, availableAt: available };
}

describe("times of day", () => {
  it("reads times with or without a leading zero and refuses impossible ones", () => {
    expect(parseTimeOfDay("7:05")).toBe("07:05");
    expect(parseTimeOfDay("19:30:00")).toBe("19:30");
    expect(parseTimeOfDay("24:00")).toBeNull();
    expect(parseTimeOfDay("evening")).toBeNull();
  });

  it("keeps each time once, in clock order", () => {
    expect(normalizeTimesOfDay(["21:30", "19:00", "19:00", "", "x"])).toEqual(["19:00", "21:30"]);
  });
});

describe("planStartTimes", () => {
  it("makes one start per day and time of day for every theater", () => {
    const plan = planStartTimes([berlin, newYork], form(), now);
    expect(plan.issues).toEqual([]);
    expect(plan.dates).toEqual(["2026-02-02", "2026-02-03", "2026-02-04"]);
    expect(plan.total).toBe(2 * 3 * 2);
    expect(plan.theaters.map((t) => t.starts.length)).toEqual([6, 6]);
  });

  it("reads the same wall-clock time on each theater's own clock", () => {
    const plan = planStartTimes([berlin, newYork], form({ dateTo: "2026-02-02", sharedTimes: ["19:00"] }), now);
    expect(plan.theaters[0]!.starts[0]!.startsAt!.toISOString()).toBe("2026-02-02T18:00:00.000Z");
    expect(plan.theaters[1]!.starts[0]!.startsAt!.toISOString()).toBe("2026-02-03T00:00:00.000Z");
  });

  it("previews the end of each show, on the next day when it runs past midnight", () => {
    const plan = planStartTimes([berlin], form({ dateTo: "2026-02-02", sharedTimes: ["23:00"], durationMinutes: 130 }), now);
    const start = plan.theaters[0]!.starts[0]!;
    expect(start.endsAtWall).toEqual({ date: "2026-02-03", time: "01:10" });
    expect(start.availableAt!.getTime() - start.endsAt!.getTime()).toBe(15 * 60_000);
  });

  it("uses each theater's own times in per-theater mode", () => {
    const plan = planStartTimes([berlin, newYork], form({ mode: "perTheater", timesByTheater: { [berlin.id]: ["10:00"], [newYork.id]: ["12:00", "15:00", "18:00"] } }), now);
    expect(plan.theaters.map((t) => t.times)).toEqual([["10:00"], ["12:00", "15:00", "18:00"]]);
    expect(plan.total).toBe(3 + 9);
  });

  it("marks a time skipped by the spring-forward jump as not existing, in that zone only", () => {
    const plan = planStartTimes([berlin, newYork], form({ dateFrom: "2026-03-29", dateTo: "2026-03-29", sharedTimes: ["02:30"] }), now);
    expect(plan.theaters[0]!.starts[0]!).toMatchObject({ problem: "nonexistent", startsAt: null });
    // New York jumped three weeks earlier; on 29 March 02:30 exists there.
    expect(plan.theaters[1]!.starts[0]!.problem).toBeNull();
    expect(checkPlan(plan, []).submittable).toBe(false);
  });

  it("marks start times that have already passed", () => {
    const plan = planStartTimes([berlin], form({ dateFrom: "2026-01-10", dateTo: "2026-01-10", sharedTimes: ["09:00", "20:00"] }), now);
    expect(plan.theaters[0]!.starts.map((s) => s.problem)).toEqual(["past", null]);
  });

  it("names the field for a backwards date range, a missing time and a bad duration", () => {
    const plan = planStartTimes([berlin], form({ dateFrom: "2026-02-05", dateTo: "2026-02-01", sharedTimes: [], durationMinutes: 0 }), now);
    expect(plan.issues.map((i) => i.field).sort()).toEqual(["dateTo", "duration", "times"]);
    expect(plan.total).toBe(0);
  });

  it("refuses more days than one batch may span", () => {
    const plan = planStartTimes([berlin], form({ dateFrom: "2026-02-01", dateTo: "2026-12-31" }), now);
    expect(plan.issues).toContainEqual({ field: "dateTo", message: expect.stringContaining("At most 92 days") });
  });

  it("asks for times for the theater that has none in per-theater mode", () => {
    const plan = planStartTimes([berlin, newYork], form({ mode: "perTheater", timesByTheater: { [berlin.id]: ["10:00"] } }), now);
    expect(plan.issues).toEqual([{ field: `times.${newYork.id}`, message: "Add at least one time for New York 1" }]);
  });
});

describe("checkPlan", () => {
  // 2 Feb 2026 in Berlin is UTC+1: 19:00 local is 18:00Z.
  const plan = planStartTimes([berlin, newYork], form({ dateTo: "2026-02-02", sharedTimes: ["19:00"] }), now);
  const berlinKey = startKey(berlin.id, "2026-02-02", "19:00");

  it("highlights a new start that meets an existing show in the same theater", () => {
    const old = existing(berlin.id, "2026-02-02T16:30:00Z", "2026-02-02T18:00:00Z", "2026-02-02T18:15:00Z");
    const check = checkPlan(plan, [old]);
    expect(check.byKey.get(berlinKey)!.hitsExisting).toEqual([old]);
    expect(check.conflictsWithExisting).toBe(1);
  });

  it("allows a start exactly when the previous show's turnover ends", () => {
    const old = existing(berlin.id, "2026-02-02T16:00:00Z", "2026-02-02T17:45:00Z", "2026-02-02T18:00:00Z");
    expect(checkPlan(plan, [old]).byKey.get(berlinKey)).toBeUndefined();
  });

  it("counts the new show's own turnover against the next existing show", () => {
    // New show 18:00Z–20:00Z, free at 20:15Z; an existing show at 20:10Z is hit.
    const old = existing(berlin.id, "2026-02-02T20:10:00Z", "2026-02-02T22:00:00Z", "2026-02-02T22:15:00Z");
    expect(checkPlan(plan, [old]).byKey.get(berlinKey)!.hitsExisting).toHaveLength(1);
  });

  it("ignores showtimes in other theaters", () => {
    const old = existing("elsewhere", "2026-02-02T18:00:00Z", "2026-02-02T20:00:00Z", "2026-02-02T20:15:00Z");
    expect(checkPlan(plan, [old]).conflictsWithExisting).toBe(0);
  });

  it("flags new starts that overlap each other and blocks the submit", () => {
    const tight = planStartTimes([berlin], form({ dateTo: "2026-02-02", sharedTimes: ["19:00", "21:00"] }), now);
    const check = checkPlan(tight, []);
    expect(check.byKey.get(startKey(berlin.id, "2026-02-02", "19:00"))!.overlapsRequested).toEqual([startKey(berlin.id, "2026-02-02", "21:00")]);
    expect(check.overlaps).toBe(2);
    expect(check.submittable).toBe(false);
    // 21:15 is back-to-back with 19:00 + 120 min + 15 min turnover.
    expect(checkPlan(planStartTimes([berlin], form({ dateTo: "2026-02-02", sharedTimes: ["19:00", "21:15"] }), now), []).submittable).toBe(true);
  });

  it("places the conflicts a refused batch reported on the starts that caused them", () => {
    const conflict = {
      id: "77",
      movieId: "m-old",
      movieTitle: "Old Film",
      theaterId: berlin.id,
      theaterName: berlin.name,
      startTime: "2026-02-02T18:30:00Z",
      endTime: "2026-02-02T20:00:00Z",
      requestedStartTimes: ["2026-02-02T18:00:00.000Z"],
    };
    const check = checkPlan(plan, [], [conflict]);
    expect(check.byKey.get(berlinKey)!.serverConflicts).toEqual([conflict]);
    expect(check.byKey.get(startKey(newYork.id, "2026-02-02", "19:00"))).toBeUndefined();
  });
});

describe("toBatchRequest", () => {
  it("sends each theater's instants with that theater's offset", () => {
    const plan = planStartTimes([berlin, newYork], form({ dateTo: "2026-02-02", sharedTimes: ["19:00"] }), now);
    const result = toBatchRequest("m1", plan, 135);
    expect(result).toEqual({
      ok: true,
      body: { movieId: "m1", theaterIds: [berlin.id, newYork.id], durationInMinutes: 135, startTimesByTheater: { [berlin.id]: ["2026-02-02T19:00:00+01:00"], [newYork.id]: ["2026-02-02T19:00:00-05:00"] } },
      keysByTheater: { [berlin.id]: [startKey(berlin.id, "2026-02-02", "19:00")], [newYork.id]: [startKey(newYork.id, "2026-02-02", "19:00")] },
    });
  });

  it("refuses to build a request with a time that does not exist", () => {
    const plan = planStartTimes([berlin], form({ dateFrom: "2026-03-29", dateTo: "2026-03-29", sharedTimes: ["02:15"] }), now);
    const result = toBatchRequest("m1", plan, 90);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain("does not exist");
  });

  it("lines the API's field errors up with the starts that were sent", () => {
    const keys = { [berlin.id]: ["a", "b"] };
    expect(placeServerFieldErrors({ [`startTimesByTheater.${berlin.id}.1`]: "is in the past", [`startTimesByTheater.${berlin.id}`]: "overlap", movieId: "Not found" }, keys)).toEqual({
      byStart: { b: "is in the past" },
      byTheater: { [berlin.id]: "overlap" },
      other: ["movieId: Not found"],
    });
  });
});

describe("buildTimeline", () => {
  it("groups showtimes per theater and local day on a 24-hour axis", () => {
    const shows = [
      existing(berlin.id, "2026-02-02T13:00:00Z", "2026-02-02T15:00:00Z", "2026-02-02T15:15:00Z", "Matinee"),
      existing(newYork.id, "2026-02-02T13:00:00Z", "2026-02-02T15:00:00Z", "2026-02-02T15:20:00Z", "Lunch show"),
    ];
    const rows = buildTimeline({ theaters: [berlin, newYork], dates: ["2026-02-02", "2026-02-03"], existing: shows });
    expect(rows[0]!.days[0]!.blocks).toMatchObject([{ title: "Matinee", startMinute: 14 * 60, endMinute: 16 * 60, freeMinute: 16 * 60 + 15, startLabel: "14:00" }]);
    expect(rows[0]!.days[1]!.blocks).toEqual([]);
    expect(rows[1]!.days[0]!.blocks).toMatchObject([{ title: "Lunch show", startMinute: 8 * 60 }]);
  });

  it("splits a show that runs past midnight over both days", () => {
    const late = existing(berlin.id, "2026-02-02T22:00:00Z", "2026-02-03T00:30:00Z", "2026-02-03T00:45:00Z");
    const [row] = buildTimeline({ theaters: [berlin], dates: ["2026-02-02", "2026-02-03"], existing: [late] });
    expect(row!.days[0]!.blocks[0]).toMatchObject({ startMinute: 23 * 60, endMinute: 1440, continuesToNextDay: true });
    expect(row!.days[1]!.blocks[0]).toMatchObject({ startMinute: 0, endMinute: 90, freeMinute: 105, continuesFromPreviousDay: true });
  });

  it("shows the new starts beside the existing ones, conflicting ones marked", () => {
    const plan = planStartTimes([berlin], form({ dateTo: "2026-02-02", sharedTimes: ["15:00", "19:00"] }), now);
    const old = existing(berlin.id, "2026-02-02T13:00:00Z", "2026-02-02T15:00:00Z", "2026-02-02T15:15:00Z");
    const [row] = buildTimeline({ theaters: [berlin], dates: ["2026-02-02"], existing: [old], plan, check: checkPlan(plan, [old]), newTitle: "New Film" });
    expect(row!.days[0]!.blocks.map((b) => [b.kind, b.tone, b.startLabel])).toEqual([
      ["existing", "existing", "14:00"],
      ["new", "conflict", "15:00"],
      ["new", "new", "19:00"],
    ]);
  });
});

describe("formatting on the theater's clock", () => {
  it("writes days and ranges in the theater's zone, naming the next day after midnight", () => {
    expect(dayLabel("2026-02-02")).toBe("Mon 2 Feb");
    expect(formatRangeInZone("2026-02-02T22:00:00Z", "2026-02-03T00:30:00Z", "Europe/Berlin")).toBe("Mon 2 Feb, 23:00–01:30 (Tue 3 Feb)");
    expect(formatRangeInZone("2026-02-02T22:00:00Z", "2026-02-03T00:30:00Z", "America/New_York")).toBe("Mon 2 Feb, 17:00–19:30");
  });
});

describe("batch progress", () => {
  const base = { transactionId: "t1", totalShowtimes: 40, totalTickets: 6000, createdShowtimes: 0, createdTickets: 0 };

  it("reads an SSE event and ignores one that is malformed", () => {
    expect(parseBatchEvent(JSON.stringify({ ...base, status: "processing", phase: "validating", at: "x" }))).toMatchObject({ status: "processing", phase: "validating", totalShowtimes: 40 });
    expect(parseBatchEvent("{not json")).toBeNull();
    expect(parseBatchEvent(JSON.stringify({ ...base, status: "exploded", phase: "done" }))).toBeNull();
  });

  it("moves the bar through showtimes and then tickets, with n of N", () => {
    expect(progressView({ ...base, status: "waiting", phase: "waiting" }).percent).toBe(0);
    const half = progressView({ ...base, status: "processing", phase: "creating_showtimes", createdShowtimes: 20 });
    expect(half.percent).toBe(28);
    expect(half.label).toBe("Creating showtimes (20 of 40)");
    expect(half.steps.map((s) => s.state)).toEqual(["done", "done", "current", "upcoming", "upcoming"]);
    expect(progressView({ ...base, status: "processing", phase: "creating_tickets", createdShowtimes: 40, createdTickets: 3000 }).label).toBe("Creating tickets (3,000 of 6,000)");
  });

  it("reports the counts when done and says nothing was created when refused", () => {
    const done = progressView({ ...base, status: "succeeded", phase: "done", createdShowtimes: 40, createdTickets: 6000 });
    expect(done).toMatchObject({ percent: 100, label: "Done: 40 showtimes and 6,000 tickets created" });
    expect(done.steps.every((s) => s.state === "done")).toBe(true);
    const refused = progressView({ ...base, status: "failed", phase: "done", conflictingShowtimes: [{} as never, {} as never] });
    expect(refused.label).toBe("Refused: 2 conflicting showtimes; nothing was created");
    expect(refused.steps.find((s) => s.phase === "validating")!.state).toBe("stopped");
    expect(progressView({ ...base, status: "error", phase: "done", message: "boom" }).label).toBe("Stopped with an error; nothing was created");
  });
});

describe("furtherProgress", () => {
  const base = { transactionId: "t1", totalShowtimes: 4, totalTickets: 400, createdShowtimes: 0, createdTickets: 0 };

  it("never moves the bar backwards when a stale status read arrives after a live event", () => {
    const live = { ...base, status: "processing" as const, phase: "creating_tickets" as const, createdShowtimes: 4, createdTickets: 100 };
    const stale = { ...base, status: "waiting" as const, phase: "waiting" as const };
    expect(furtherProgress(live, stale)).toBe(live);
    const done = { ...base, status: "succeeded" as const, phase: "done" as const, createdShowtimes: 4, createdTickets: 400 };
    expect(furtherProgress(live, done)).toBe(done);
    expect(furtherProgress(null, stale)).toBe(stale);
  });
});

describe("checkPlan at scale", () => {
  it("finds exactly the existing shows each start meets among thousands, long and short", () => {
    const theater = { ...berlin, turnoverMinutes: 10 };
    // Existing: every 3 hours for 60 days, alternating 60- and 170-minute shows.
    const shows: TimelineShowtime[] = [];
    for (let i = 0; i < 60 * 8; i++) {
      const start = Date.parse("2026-02-01T00:00:00Z") + i * 3 * 3600_000;
      const length = (i % 2 ? 170 : 60) * 60_000;
      shows.push(existing(theater.id, new Date(start).toISOString(), new Date(start + length).toISOString(), new Date(start + length + 10 * 60_000).toISOString()));
    }
    const plan = planStartTimes([theater], form({ dateFrom: "2026-02-01", dateTo: "2026-03-31", sharedTimes: ["01:05", "05:30", "14:20"], durationMinutes: 30 }), now);
    const check = checkPlan(plan, shows);
    // The slow way, every start against every show, must agree.
    for (const start of plan.theaters[0]!.starts) {
      const expected = shows.filter((s) => start.startsAt!.getTime() < Date.parse(s.availableAt) && Date.parse(s.startTime) < start.availableAt!.getTime());
      expect(check.byKey.get(start.key)?.hitsExisting ?? []).toEqual(expected);
    }
  });
});
