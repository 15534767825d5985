import { describe, expect, it } from "vitest";
import { HALF_STAR_VALUES, ratingLabel, roundToHalfStar, starFill } from "./half-stars";

describe("half-star ratings", () => {
  it("offers the ten values the rating event accepts", () => {
    expect(HALF_STAR_VALUES).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
  });

  it("rounds to the nearest half star within 0.5–5", () => {
    expect(roundToHalfStar(3.7)).toBe(3.5);
    expect(roundToHalfStar(3.75)).toBe(4);
    expect(roundToHalfStar(3.25)).toBe(3.5);
    expect(roundToHalfStar(0.1)).toBe(0.5);
    expect(roundToHalfStar(0)).toBe(0.5);
    expect(roundToHalfStar(7)).toBe(5);
    expect(roundToHalfStar(null)).toBeNull();
    expect(roundToHalfStar(Number.NaN)).toBeNull();
  });

  it("fills whole stars, then half of the next one", () => {
    expect([1, 2, 3, 4, 5].map((star) => starFill(3.5, star))).toEqual(["full", "full", "full", "half", "empty"]);
    expect([1, 2, 3, 4, 5].map((star) => starFill(0.5, star))).toEqual(["half", "empty", "empty", "empty", "empty"]);
    expect([1, 2, 3, 4, 5].map((star) => starFill(5, star))).toEqual(["full", "full", "full", "full", "full"]);
    expect(starFill(null, 1)).toBe("empty");
  });

  it("names values for screen readers", () => {
    expect(ratingLabel(4.5)).toBe("4.5 stars");
    expect(ratingLabel(1)).toBe("1 star");
    expect(ratingLabel(0.5)).toBe("½ star");
  });
});
