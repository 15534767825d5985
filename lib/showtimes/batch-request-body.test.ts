import { describe, expect, it } from "vitest";
import { placeServerFieldErrors, toBatchRequest } from "./batch-request-body";
import { planStartTimes, startKey } from "./start-plan";
import { berlin, newYork, now, form } from "@/test/showtime-plans";

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
