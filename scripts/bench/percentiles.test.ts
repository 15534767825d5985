import { describe, expect, it } from "vitest";
import { percentile } from "./percentiles";

describe("percentile", () => {
  it("takes the nearest rank, whatever order the values come in", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
  });

  it("leaves the values as they were", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("is NaN with nothing measured, so a report shows it rather than a made-up zero", () => {
    expect(percentile([], 95)).toBeNaN();
  });
});
