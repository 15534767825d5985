import { describe, expect, it } from "vitest";
import { csrFromTriples } from "./interactions";
import { easeContributions, mostInteractedItems, scoreEase, slotsOf, trainEase } from "./ease";

/*
 * Three users, three items: u0 has {0, 1}, u1 has {1, 2}, u2 has {0, 1, 2}.
 *   G = XᵀX = [[2, 2, 1], [2, 3, 2], [1, 2, 2]];  with λ = 1, A = G + I = [[3, 2, 1], [2, 4, 2], [1, 2, 3]].
 *   det A = 3·(12 − 4) − 2·(6 − 2) + 1·(4 − 4) = 16, and A⁻¹ = adj(A)/16:
 *   P = [[8, −4, 0], [−4, 8, −4], [0, −4, 8]] / 16 = [[0.5, −0.25, 0], [−0.25, 0.5, −0.25], [0, −0.25, 0.5]].
 *   B[i][j] = −P[i][j] / P[j][j] (diagonal 0) = [[0, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0]].
 */
const matrix = csrFromTriples(
  3,
  3,
  Int32Array.from([0, 0, 1, 1, 2, 2, 2]),
  Int32Array.from([0, 1, 1, 2, 0, 1, 2]),
  Float32Array.from([1, 0.4, 1, 0.6, 1, 1, 0.2]),
  "max",
);

describe("EASE", () => {
  const model = trainEase(matrix, { lambda: 1, maxItems: 3 });
  const slotOf = slotsOf(model.slotItems, 3);
  const b = (i: number, j: number) => model.weights[slotOf[i]! * 3 + slotOf[j]!]!;

  it("matches the hand-computed weights of a 3 × 3 case", () => {
    const expected = [[0, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0]];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(b(i, j)).toBeCloseTo(expected[i]![j]!, 6);
  });

  it("scores a history as the sum of its rows of B, whatever the weights", () => {
    const out = new Float32Array(3);
    expect(scoreEase(model, slotOf, { items: Int32Array.from([0]), weights: Float32Array.from([0.2]) }, out)).toBe(true);
    expect(Array.from(out)).toEqual([0, 0.5, 0]);
    scoreEase(model, slotOf, { items: Int32Array.from([0, 2]), weights: Float32Array.from([1, 1]) }, out);
    expect(out[1]).toBeCloseTo(1, 6);
  });

  it("ignores disliked items and says so when nothing is left", () => {
    const out = new Float32Array(3);
    expect(scoreEase(model, slotOf, { items: Int32Array.from([1]), weights: Float32Array.from([-1]) }, out)).toBe(false);
    expect(Array.from(out)).toEqual([-Infinity, -Infinity, -Infinity]);
  });

  it("attributes a score to each history item by its weight B[h][j]", () => {
    const contributions = easeContributions(model, slotOf, { items: Int32Array.from([0, 2]), weights: Float32Array.from([1, 1]) }, 1);
    expect(contributions[0]).toBeCloseTo(0.5, 6);
    expect(contributions[1]).toBeCloseTo(0.5, 6);
  });

  it("models only the most interacted items, and gives the others no score", () => {
    expect(Array.from(mostInteractedItems(matrix, 2))).toEqual([1, 0]);
    const capped = trainEase(matrix, { lambda: 1, maxItems: 2 });
    const out = new Float32Array(3);
    scoreEase(capped, slotsOf(capped.slotItems, 3), { items: Int32Array.from([0]), weights: Float32Array.from([1]) }, out);
    expect(out[2]).toBe(-Infinity);
    expect(out[1]).toBeGreaterThan(0);
  });
});
