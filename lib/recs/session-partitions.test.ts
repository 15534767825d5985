import { describe, expect, it } from "vitest";
import { planSessionPartitions } from "./session-partitions";

describe("planning the day partitions of logged sessions", () => {
  const now = new Date("2031-03-10T22:30:00Z");

  it("creates today and the days ahead that are missing", () => {
    expect(planSessionPartitions({ existing: ["2031-03-10", "2031-03-12"], now, retentionDays: 90, daysAhead: 3 }).create).toEqual(["2031-03-11", "2031-03-13"]);
  });

  it("drops exactly the days older than the retention, keeping the oldest day still within it", () => {
    const existing = ["2030-12-09", "2030-12-10", "2030-12-11", "2031-03-10"];
    // 90 days before 10 March 2031 is 10 December 2030.
    expect(planSessionPartitions({ existing, now, retentionDays: 90, daysAhead: 0 }).drop).toEqual(["2030-12-09"]);
  });

  it("counts days in UTC whatever the hour", () => {
    const late = planSessionPartitions({ existing: [], now: new Date("2031-03-10T23:59:59.999Z"), retentionDays: 1, daysAhead: 0 });
    expect(late.create).toEqual(["2031-03-10"]);
  });
});
