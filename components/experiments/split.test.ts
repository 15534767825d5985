import { describe, expect, it } from "vitest";
import { splitProblem } from "./split";

describe("splitProblem", () => {
  it("accepts whole shares that add up to 100", () => {
    expect(splitProblem(["50", "50"])).toBeNull();
    expect(splitProblem(["34", "33", "33"])).toBeNull();
  });

  it("says what the shares add up to when it is not 100", () => {
    expect(splitProblem(["60", "50"])).toBe("The split must add up to 100% (it adds up to 110%)");
  });

  it("names the variant whose share is empty, fractional or out of range", () => {
    expect(splitProblem(["50", ""])).toMatch(/^Variant B's share/);
    expect(splitProblem(["49.5", "50.5"])).toMatch(/^Variant A's share/);
    expect(splitProblem(["100", "0"])).toMatch(/^Variant A's share/);
  });
});
