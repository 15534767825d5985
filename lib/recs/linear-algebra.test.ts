import { describe, expect, it } from "vitest";
import { choleskyInPlace, choleskySolveInPlace, invertSpdInPlace, symmetricEigen } from "./linear-algebra";

// A = [[4, 2, 0], [2, 5, 2], [0, 2, 5]] = L·Lᵀ with L = [[2, 0, 0], [1, 2, 0], [0, 1, 2]] (worked by hand).
const a = () => Float64Array.from([4, 2, 0, 2, 5, 2, 0, 2, 5]);

describe("dense linear algebra", () => {
  it("factors a symmetric positive definite matrix into L·Lᵀ", () => {
    const m = a();
    choleskyInPlace(m, 3);
    expect([m[0], m[3], m[4], m[6], m[7], m[8]]).toEqual([2, 1, 2, 0, 1, 2]);
  });

  it("solves A·x = b exactly", () => {
    // A·[1, 1, 1] = [6, 9, 7]
    const l = a();
    choleskyInPlace(l, 3);
    const b = Float64Array.from([6, 9, 7]);
    choleskySolveInPlace(l, 3, b);
    for (const x of b) expect(x).toBeCloseTo(1, 12);
  });

  it("inverts it into both triangles", () => {
    // det A = 4·21 − 2·10 = 64; A⁻¹ = adj(A)/64 = [[21, −10, 4], [−10, 20, −8], [4, −8, 16]] / 64.
    const out = new Float64Array(9);
    invertSpdInPlace(a(), 3, out);
    const expected = [21, -10, 4, -10, 20, -8, 4, -8, 16].map((v) => v / 64);
    for (let i = 0; i < 9; i++) expect(out[i]).toBeCloseTo(expected[i]!, 12);
  });

  it("refuses a matrix that is not positive definite", () => {
    expect(() => choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });

  it("finds eigenvalues and orthonormal eigenvectors that rebuild the matrix", () => {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    const vectors = new Float64Array(4);
    const values = Array.from(symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2, vectors)).sort();
    expect(values[0]).toBeCloseTo(1, 12);
    expect(values[1]).toBeCloseTo(3, 12);

    const n = 3;
    const m = a();
    const v = new Float64Array(n * n);
    const lambda = symmetricEigen(new Float64Array(m), n, v);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rebuilt = 0;
        let dot = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += v[i * n + k]! * lambda[k]! * v[j * n + k]!;
          dot += v[k * n + i]! * v[k * n + j]!;
        }
        expect(rebuilt).toBeCloseTo(m[i * n + j]!, 10);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });
});
