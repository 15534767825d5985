import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/random/random";
import { normalizeScores, scoreRange, topK } from "./top-k";

describe("top-k", () => {
  it("returns the same list as a full sort, best first", () => {
    const random = mulberry32(7);
    const scores = Float32Array.from({ length: 1000 }, () => random());
    const expected = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, 25);
    const top = topK(scores, 25);
    expect(Array.from(top.indices)).toEqual(expected);
    expect(Array.from(top.scores)).toEqual(expected.map((i) => scores[i]!));
  });

  it("skips excluded items and items without a finite score", () => {
    const scores = Float32Array.from([5, 9, -Infinity, 7, NaN, 1]);
    const exclude = Uint8Array.from([0, 1, 0, 0, 0, 0]);
    expect(Array.from(topK(scores, 10, exclude).indices)).toEqual([3, 0, 5]);
  });

  it("breaks ties toward the lower index", () => {
    expect(Array.from(topK(Float32Array.from([1, 2, 2, 2, 0]), 2).indices)).toEqual([1, 2]);
  });

  it("returns nothing for k = 0", () => {
    expect(topK(Float32Array.from([1, 2]), 0).indices.length).toBe(0);
  });
});

describe("display scores", () => {
  it("maps a list onto 0..1 within its own range or a given one", () => {
    expect(Array.from(normalizeScores([4, 3, 2]))).toEqual([1, 0.5, 0]);
    expect(Array.from(normalizeScores([4, 3], { min: 0, max: 4 }))).toEqual([1, 0.75]);
    expect(Array.from(normalizeScores([2, 2]))).toEqual([1, 1]);
  });

  it("finds the range of finite, not excluded scores", () => {
    expect(scoreRange(Float32Array.from([3, -Infinity, 9, 1]), Uint8Array.from([0, 0, 1, 0]))).toEqual({ min: 1, max: 3 });
    expect(scoreRange([])).toEqual({ min: 0, max: 0 });
  });
});
