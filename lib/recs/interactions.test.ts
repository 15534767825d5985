import { describe, expect, it } from "vitest";
import { columnCounts, csrFromTriples, DenseIndex, findInRow, rowOf, transposeCsr, valueAt } from "./interactions";

const i32 = (...v: number[]) => Int32Array.from(v);
const f32 = (...v: number[]) => Float32Array.from(v);

describe("CSR interaction matrix", () => {
  it("orders each row by column and keeps the strongest of repeated entries", () => {
    const m = csrFromTriples(2, 4, i32(1, 0, 0, 1, 0), i32(3, 2, 0, 0, 2), f32(0.6, 0.5, 1, 0.2, 1), "max");
    expect(Array.from(m.indptr)).toEqual([0, 2, 4]);
    expect(Array.from(m.indices)).toEqual([0, 2, 0, 3]);
    expect(Array.from(m.values)).toEqual([1, 1, f32(0.2)[0], f32(0.6)[0]]);
  });

  it("lets a dislike override every positive of the same pair", () => {
    const m = csrFromTriples(1, 2, i32(0, 0, 0, 0), i32(1, 1, 1, 0), f32(1, -0.5, 0.6, 0.3), "max");
    expect(valueAt(m, 0, 1)).toBe(-0.5);
    expect(valueAt(m, 0, 0)).toBeCloseTo(0.3);
  });

  it("adds repeated entries when summing and drops pairs that come to zero", () => {
    const m = csrFromTriples(1, 3, i32(0, 0, 0, 0), i32(2, 2, 1, 1), f32(1, 2, 1, -1), "sum");
    expect(Array.from(m.indices)).toEqual([2]);
    expect(Array.from(m.values)).toEqual([3]);
  });

  it("rejects an entry outside the matrix", () => {
    expect(() => csrFromTriples(1, 1, i32(0), i32(1), f32(1), "max")).toThrow(/outside/);
  });

  it("transposes into sorted rows and back to the same matrix", () => {
    const m = csrFromTriples(3, 3, i32(0, 0, 1, 2, 2), i32(2, 0, 1, 0, 2), f32(1, 2, 3, 4, 5), "max");
    const t = transposeCsr(m);
    expect(Array.from(t.indptr)).toEqual([0, 2, 3, 5]);
    expect(Array.from(t.indices)).toEqual([0, 2, 1, 0, 2]);
    expect(Array.from(t.values)).toEqual([2, 4, 3, 1, 5]);
    expect(transposeCsr(t)).toEqual(m);
  });

  it("finds entries by binary search and counts positives per column", () => {
    const m = csrFromTriples(2, 3, i32(0, 0, 1, 1), i32(0, 2, 0, 1), f32(1, 0.5, -1, 1), "max");
    expect(findInRow(m, 0, 2)).toBe(1);
    expect(findInRow(m, 0, 1)).toBe(-1);
    expect(Array.from(columnCounts(m, true))).toEqual([1, 1, 1]);
    expect(Array.from(columnCounts(m, false))).toEqual([2, 1, 1]);
    expect(rowOf(m, 1)).toEqual({ items: i32(0, 1), weights: f32(-1, 1) });
  });
});

describe("dense ids", () => {
  it("maps arbitrary string ids to indices in order of first appearance", () => {
    const index = new DenseIndex(["296", "3f2a-uuid", "296"]);
    expect(index.size).toBe(2);
    expect(index.indexOf("3f2a-uuid")).toBe(1);
    expect(index.indexOf("unknown")).toBe(-1);
    expect(index.add("1")).toBe(2);
    expect(index.idAt(0)).toBe("296");
    expect(index.ids()).toEqual(["296", "3f2a-uuid", "1"]);
  });
});
