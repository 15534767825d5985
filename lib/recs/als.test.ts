import { describe, expect, it } from "vitest";
import { Random } from "@/lib/random/random";
import { conjugateGradientRow, explainAls, foldInUser, itemGramOf, regularizedGram, trainAls, type AlsParams } from "./als";
import { rowOf, transposeCsr } from "./interactions";
import { plantedInteractions } from "./synthetic";
import { topK } from "./top-k";

const params: AlsParams = { factors: 8, iterations: 10, regularization: 10, alpha: 5, cgSteps: 3 };

function randomFactors(rows: number, f: number, seed: number): Float32Array {
  const random = Random.fromSeed(seed, "factors");
  return Float32Array.from({ length: rows * f }, () => random.normal(0, 0.5));
}

describe("implicit ALS", () => {
  const f = 6;
  const itemFactors = randomFactors(40, f, 1);
  const side = { factors: f, itemFactors, itemGram: itemGramOf(itemFactors, f), regularization: 0.5, alpha: 4 };
  const history = { items: Int32Array.from([1, 5, 9, 22, 30]), weights: Float32Array.from([1, 0.6, 0.2, -1, 0.8]) };

  it("solves a user's normal equations by conjugate gradient to the exact Cholesky solution", () => {
    const exact = foldInUser(side, history);
    const gram = new Float64Array(f * f);
    regularizedGram(itemFactors, 40, f, side.regularization, gram);
    const target = new Float32Array(f);
    // In exact arithmetic CG solves an f × f system in f steps.
    conjugateGradientRow(history.items, history.weights, 0, 5, itemFactors, f, gram, false, side.alpha, f, target, 0);
    for (let k = 0; k < f; k++) expect(target[k]).toBeCloseTo(exact[k]!, 4);
  });

  it("leaves an exact solution where it is when warm-started from it", () => {
    const exact = foldInUser(side, history);
    const gram = new Float64Array(f * f);
    regularizedGram(itemFactors, 40, f, side.regularization, gram);
    const target = Float32Array.from(exact);
    conjugateGradientRow(history.items, history.weights, 0, 5, itemFactors, f, gram, false, side.alpha, 3, target, 0);
    for (let k = 0; k < f; k++) expect(target[k]).toBeCloseTo(exact[k]!, 5);
  });

  it("splits a folded-in score exactly over the history items", () => {
    const user = foldInUser(side, history);
    const candidates = [3, 7];
    const contributions = explainAls(side, history, candidates);
    candidates.forEach((item, c) => {
      let score = 0;
      for (let k = 0; k < f; k++) score += user[k]! * itemFactors[item * f + k]!;
      const total = contributions[c]!.reduce((sum, x) => sum + x, 0);
      expect(total).toBeCloseTo(score, 5);
      // A known negative never speaks for an item.
      expect(contributions[c]![3]).toBe(0);
    });
  });

  it("attributes only the entries it is asked about, with the same shares as a full explanation", () => {
    const [full] = explainAls(side, history, [7]);
    const [some] = explainAls(side, history, [7], [0, 2]);
    expect(Array.from(some!.keys()).filter((e) => some![e] !== 0)).toEqual([0, 2].filter((e) => full![e] !== 0));
    expect(some![0]).toBe(full![0]);
    expect(some![2]).toBe(full![2]);
  });

  it("explains the items of one list from one factorisation, with the result of a fresh one", () => {
    const same = explainAls(side, history, [3]);
    foldInUser(side, history);
    expect(explainAls(side, history, [3])).toEqual(same);
    const copy = { items: history.items.slice(), weights: history.weights.slice() };
    expect(explainAls(side, copy, [3])).toEqual(same);
    // Another model's factors are never served from the cache of this one.
    const other = { ...side, itemFactors: randomFactors(40, f, 2) };
    other.itemGram = itemGramOf(other.itemFactors, f);
    expect(explainAls(other, history, [3])).not.toEqual(same);
  });

  it("scores a disliked item lower than the same item left unseen", () => {
    const item = 12;
    const score = (weights: number[]) => {
      const user = foldInUser(side, { items: Int32Array.from([1, 5, item]), weights: Float32Array.from(weights) });
      let s = 0;
      for (let k = 0; k < f; k++) s += user[k]! * itemFactors[item * f + k]!;
      return s;
    };
    expect(score([1, 1, -1])).toBeLessThan(score([1, 1, 0]));
  });

  it("recovers two groups with disjoint tastes: every user's list comes from their own group", () => {
    const data = plantedInteractions({ seed: 3, groups: 2, usersPerGroup: 30, itemsPerGroup: 40, interactionsPerUser: 12 });
    const model = trainAls(data.matrix, params, { seed: 1 });
    const scores = new Float32Array(80);
    const exclude = new Uint8Array(80);
    for (let u = 0; u < 60; u++) {
      for (let i = 0; i < 80; i++) {
        let s = 0;
        for (let k = 0; k < params.factors; k++) s += model.userFactors[u * params.factors + k]! * model.itemFactors[i * params.factors + k]!;
        scores[i] = s;
      }
      exclude.fill(0);
      for (const i of rowOf(data.matrix, u).items) exclude[i] = 1;
      for (const i of topK(scores, 10, exclude).indices) expect(data.itemGroup[i]).toBe(data.userGroup[u]);
    }
  });

  it("trains to the same factors, bit for bit, for the same seed", () => {
    const data = plantedInteractions({ seed: 4, groups: 3, usersPerGroup: 10, itemsPerGroup: 15, interactionsPerUser: 6, noise: 0.2 });
    const progress: number[] = [];
    const a = trainAls(data.matrix, params, { seed: 9, onProgress: (fraction) => progress.push(fraction) });
    const b = trainAls(data.matrix, params, { seed: 9 });
    expect(Buffer.from(a.itemFactors.buffer).equals(Buffer.from(b.itemFactors.buffer))).toBe(true);
    expect(Buffer.from(a.userFactors.buffer).equals(Buffer.from(b.userFactors.buffer))).toBe(true);
    expect(progress).toHaveLength(2 * params.iterations);
    expect(progress.at(-1)).toBe(1);
  });

  it("ends every item at the exact least-squares solution against the final users when each row gets f CG steps", () => {
    const data = plantedInteractions({ seed: 6, groups: 3, usersPerGroup: 10, itemsPerGroup: 15, interactionsPerUser: 6, noise: 0.2 });
    // A few known dislikes, so negative preferences take part in every residual.
    const matrix = { ...data.matrix, values: data.matrix.values.map((w, e) => (e % 7 === 3 ? -w : w)) };
    const f = params.factors;
    // The solves start from residuals built on the scores carried over from the half-iterations
    // before (and across rotations into the eigenbasis): a stale score would leave f steps short.
    const model = trainAls(matrix, { ...params, iterations: 4, cgSteps: f }, { seed: 2 });
    const userSide = { factors: f, itemFactors: model.userFactors, itemGram: itemGramOf(model.userFactors, f), regularization: params.regularization, alpha: params.alpha };
    const byItem = transposeCsr(matrix);
    for (let i = 0; i < byItem.rows; i++) {
      const exact = foldInUser(userSide, rowOf(byItem, i));
      for (let k = 0; k < f; k++) expect(model.itemFactors[i * f + k]).toBeCloseTo(exact[k]!, 4);
    }
  });

  it("leaves users and items without interactions at zero", () => {
    const data = plantedInteractions({ seed: 5, groups: 1, usersPerGroup: 5, itemsPerGroup: 10, interactionsPerUser: 3 });
    const wider = { ...data.matrix, rows: 6, cols: 11, indptr: Int32Array.from([...data.matrix.indptr, data.matrix.indptr[5]!]) };
    const model = trainAls(wider, params, { seed: 1 });
    expect(model.userFactors.subarray(5 * 8).every((v) => v === 0)).toBe(true);
    expect(model.itemFactors.subarray(10 * 8).every((v) => v === 0)).toBe(true);
  });
});
