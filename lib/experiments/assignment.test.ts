import { describe, expect, it } from "vitest";
import { assignVariant, assignmentPoint } from "./assignment";
import { chiSquareSurvival, sampleRatioMismatch } from "./statistics";

const USER_COUNT = 100_000;
const userIds = Array.from({ length: USER_COUNT }, (_, i) => `user-${i + 1}`);

function countArms(experimentId: string, weights: number[]): number[] {
  const counts = weights.map(() => 0);
  for (const userId of userIds) counts[assignVariant(experimentId, userId, weights)]! += 1;
  return counts;
}

describe("sticky assignment", () => {
  it("puts the same user in the same arm every time", () => {
    const first = userIds.slice(0, 200).map((userId) => assignVariant("exp-ranker", userId, [1, 1]));
    const again = userIds.slice(0, 200).map((userId) => assignVariant("exp-ranker", userId, [1, 1]));
    expect(again).toEqual(first);
    expect(new Set(first)).toEqual(new Set([0, 1]));
  });

  it("gives the same point on every machine: the first 52 bits of a fixed SHA-256, not a random draw", () => {
    // Python: int.from_bytes(sha256(b"10:exp-ranker|user-1").digest()[:7], "big") >> 4, over 2⁵²
    // (digest begins ce 15 87 51 25 60 a3).
    expect(assignmentPoint("exp-ranker", "user-1")).toBe(0.8050160000906339);
    // Ids are hashed as UTF-8 after a prefix of the experiment id's length in UTF-16 units
    // ("4:эксп|пользователь"), so another language's SHA-256 finds the same point.
    expect(assignmentPoint("эксп", "пользователь")).toBe(0.08150913732543219);
    // The length prefix keeps a character moving from one id to the other from giving the same point.
    expect(assignmentPoint("exp-ranke", "ruser-1")).not.toBe(assignmentPoint("exp-ranker", "user-1"));
  });

  it("splits 100,000 users 50/50 within a chi-square bound", () => {
    const counts = countArms("exp-fifty-fifty", [0.5, 0.5]);
    const check = sampleRatioMismatch(counts, [0.5, 0.5]);
    // At p > 0.001 the counts are within about 520 of 50,000 each (χ²₁ < 10.83).
    expect(check.pValue).toBeGreaterThan(0.001);
    expect(check.statistic).toBeLessThan(10.83);
  });

  it("splits 100,000 users 70/30 within a chi-square bound, whatever the weights' scale", () => {
    const counts = countArms("exp-seventy-thirty", [70, 30]);
    const check = sampleRatioMismatch(counts, [0.7, 0.3]);
    expect(check.pValue).toBeGreaterThan(0.001);
    expect(countArms("exp-seventy-thirty", [7, 3])).toEqual(counts);
  });

  it("never chooses a variant with zero weight", () => {
    const counts = countArms("exp-paused-arm", [1, 0, 1]);
    expect(counts[1]).toBe(0);
    expect(counts[0]! + counts[2]!).toBe(USER_COUNT);
    expect(assignVariant("exp-solo", "user-7", [0, 0, 5])).toBe(2);
  });

  it("reshuffles users independently when the experiment id changes", () => {
    // A 2×2 table of each user's arm in two experiments; independence gives
    // χ² = Σ (O − E)²/E with E = row total × column total / N, one degree of freedom.
    const table = [
      [0, 0],
      [0, 0],
    ];
    for (const userId of userIds) table[assignVariant("exp-first", userId, [1, 1])]![assignVariant("exp-second", userId, [1, 1])]! += 1;
    const rowTotals = table.map((row) => row[0]! + row[1]!);
    const columnTotals = [table[0]![0]! + table[1]![0]!, table[0]![1]! + table[1]![1]!];
    let statistic = 0;
    for (const r of [0, 1]) {
      for (const c of [0, 1]) {
        const expected = (rowTotals[r]! * columnTotals[c]!) / USER_COUNT;
        statistic += (table[r]![c]! - expected) ** 2 / expected;
      }
    }
    expect(chiSquareSurvival(statistic, 1)).toBeGreaterThan(0.001);
    // About half the users land in the same arm in both experiments, not all of them.
    const sameArm = table[0]![0]! + table[1]![1]!;
    expect(Math.abs(sameArm / USER_COUNT - 0.5)).toBeLessThan(0.01);
  });

  it("rejects a split without variants, with a negative weight or with no positive weight", () => {
    expect(() => assignVariant("exp", "user-1", [])).toThrow(RangeError);
    expect(() => assignVariant("exp", "user-1", [1, -1])).toThrow(RangeError);
    expect(() => assignVariant("exp", "user-1", [0, 0])).toThrow(RangeError);
    expect(() => assignVariant("exp", "user-1", [Number.NaN, 1])).toThrow(RangeError);
  });
});
