import { describe, expect, it } from "vitest";
import { checkPlan, planStartTimes, startKey, type TimelineShowtime } from "./start-plan";
import { berlin, newYork, now, form, existing } from "@/test/showtime-plans";

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
