import { describe, expect, it } from "vitest";
import { normalizeTimesOfDay, parseTimeOfDay } from "./times-of-day";

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
