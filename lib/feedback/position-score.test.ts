import { describe, expect, it } from "vitest";
import { positionScore } from "./position-score";

const tenMovies = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

describe("the position score of a selection (seed 000)", () => {
  it("gives the first of ten shown 10, the second 9 and the last 1", () => {
    expect(positionScore(tenMovies, "1")).toBe(10);
    expect(positionScore(tenMovies, "2")).toBe(9);
    expect(positionScore(tenMovies, "10")).toBe(1);
  });

  it("keeps the fraction the seed truncated: the second of four scores 7.5, the third of three 3⅓", () => {
    expect(positionScore(["a", "b", "c", "d"], "b")).toBe(7.5);
    expect(positionScore(["a", "b", "c"], "c")).toBeCloseTo(10 / 3, 12);
  });

  it("scores 0 for a movie that was not shown, for no selection and for an empty list", () => {
    expect(positionScore(tenMovies, "296")).toBe(0);
    expect(positionScore(tenMovies, null)).toBe(0);
    expect(positionScore(tenMovies, undefined)).toBe(0);
    expect(positionScore([], "1")).toBe(0);
  });

  it("scores a movie listed twice at its first position", () => {
    expect(positionScore(["a", "b", "a", "c"], "a")).toBe(10);
    expect(positionScore(["x", "b", "y", "b"], "b")).toBe(7.5);
  });

  it("gives a list of one movie 10 when it is chosen", () => {
    expect(positionScore(["only"], "only")).toBe(10);
  });
});
