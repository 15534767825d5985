import { describe, expect, it } from "vitest";
import { csrFromTriples, nonZeroCount, valueAt } from "../interactions";
import { holdOutPerUser } from "./split";

function matrixWith(rowLengths: number[], negativesInRow0 = 0) {
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  rowLengths.forEach((length, r) => {
    for (let c = 0; c < length; c++) {
      rows.push(r);
      cols.push(c);
      values.push(r === 0 && c < negativesInRow0 ? -1 : 0.2 + (c % 5) / 5);
    }
  });
  return csrFromTriples(rowLengths.length, 40, Int32Array.from(rows), Int32Array.from(cols), Float32Array.from(values), "max");
}

describe("hold-out split", () => {
  const matrix = matrixWith([22, 10, 4, 0], 2);
  const { train, test } = holdOutPerUser(matrix, { seed: 1 });
  const rowLength = (m: typeof train, r: number) => m.indptr[r + 1]! - m.indptr[r]!;

  it("holds out 20% of each user's positives, rounded, and keeps small users whole", () => {
    // Row 0: 20 positives → 4 held out; row 1: 10 → 2; row 2 has fewer than 5 → none.
    expect([0, 1, 2, 3].map((r) => rowLength(test, r))).toEqual([4, 2, 0, 0]);
    expect([0, 1, 2, 3].map((r) => rowLength(train, r))).toEqual([18, 8, 4, 0]);
  });

  it("never holds out a known negative and loses no interaction", () => {
    expect(valueAt(train, 0, 0)).toBe(-1);
    expect(valueAt(train, 0, 1)).toBe(-1);
    expect(nonZeroCount(train) + nonZeroCount(test)).toBe(nonZeroCount(matrix));
    for (let r = 0; r < 4; r++) {
      for (let e = test.indptr[r]!; e < test.indptr[r + 1]!; e++) {
        expect(valueAt(train, r, test.indices[e]!)).toBe(0);
        expect(test.values[e]).toBe(valueAt(matrix, r, test.indices[e]!));
      }
    }
  });

  it("picks the same items for the same seed and others for another", () => {
    expect(holdOutPerUser(matrix, { seed: 1 }).test).toEqual(test);
    expect(Array.from(holdOutPerUser(matrix, { seed: 2 }).test.indices)).not.toEqual(Array.from(test.indices));
  });
});
