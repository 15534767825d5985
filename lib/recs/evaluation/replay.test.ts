import { describe, expect, it } from "vitest";
import { buildTrainingData } from "../training-data";
import { replaySessions } from "./replay";

/**
 * Five users watched "c", three "b", one "a": popularity orders any list c, b, a. A session that
 * showed [a, b, c] and whose viewer opened c is a miss at K = 1 in its logged order and a hit once
 * popularity re-ranks it; NDCG@3 of the logged order is 1/log2(4) = 0.5.
 */
const watched = (userId: string, movieId: string) => ({ userId, movieId, weight: 1 });
const data = buildTrainingData({
  interactions: [...["u1", "u2", "u3", "u4", "u5"].map((u) => watched(u, "c")), ...["u1", "u2", "u3"].map((u) => watched(u, "b")), watched("u1", "a")],
  movies: ["a", "b", "c"].map((id) => ({ id, genres: ["Drama"] })),
});

describe("replaying logged sessions", () => {
  it("measures the logged order and each model's re-ranking of the same lists against what viewers opened or liked", () => {
    const report = replaySessions(data, [{ userId: "u9", shown: ["a", "b", "c"], positives: new Set(["c"]) }], { algorithms: ["popular"], k: 1, seed: 1 });
    expect(report.sessions).toBe(1);
    expect(report.rows.map((r) => [r.algorithm, r.precision])).toEqual([
      ["logged", 0],
      ["popular", 1],
    ]);
  });

  it("computes NDCG over the shown list with the metrics of the offline protocol", () => {
    const report = replaySessions(data, [{ userId: "u9", shown: ["a", "b", "c"], positives: new Set(["c"]) }], { algorithms: ["popular"], k: 3, seed: 1 });
    expect(report.rows[0]!.ndcg).toBeCloseTo(1 / Math.log2(4), 10);
    expect(report.rows[1]!.ndcg).toBeCloseTo(1, 10);
  });

  it("leaves out sessions whose viewer opened or liked nothing, and keeps unknown movies in their logged place after scored ones", () => {
    const report = replaySessions(
      data,
      [
        { userId: "u9", shown: ["a", "b"], positives: new Set() },
        { userId: "u9", shown: ["new", "a"], positives: new Set(["new"]) },
      ],
      { algorithms: ["popular"], k: 1, seed: 1 },
    );
    expect(report.sessions).toBe(1);
    // The logged order had the unknown movie first; popularity puts "a", which it knows, first.
    expect(report.rows.map((r) => r.precision)).toEqual([1, 0]);
  });
});
