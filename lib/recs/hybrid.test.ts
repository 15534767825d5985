import { describe, expect, it } from "vitest";
import { rowOf } from "./interactions";
import { cosineToItems, historyContributions, hybridServing, newItemVector, scoreHybrid, trainHybrid, userVector, type HybridParams } from "./hybrid";
import { plantedInteractions } from "./synthetic";
import { topK } from "./top-k";

const params: HybridParams = { factors: 16, epochs: 15, learningRate: 0.05, loss: "warp", maxSampled: 30, regularization: 0.0001, historyFeatures: true };
const data = plantedInteractions({ seed: 2, groups: 2, usersPerGroup: 25, itemsPerGroup: 30, interactionsPerUser: 10 });
const users = data.userIds.length;
const items = data.itemIds.length;

function serving(p: HybridParams = params) {
  const weights = trainHybrid(data, p, { seed: 1 });
  return hybridServing(weights, users, items, data.itemGenres, data.userGenres);
}

function topFor(model: ReturnType<typeof serving>, user: Float32Array, exclude?: Uint8Array, k = 10) {
  const scores = new Float32Array(items);
  scoreHybrid(model, user, scores);
  return Array.from(topK(scores, k, exclude).indices);
}

describe("LightFM-style hybrid", () => {
  const model = serving();

  it("recovers two groups with disjoint tastes: every user's list comes from their own group", () => {
    const exclude = new Uint8Array(items);
    for (let u = 0; u < users; u++) {
      exclude.fill(0);
      const history = rowOf(data.matrix, u);
      for (const i of history.items) exclude[i] = 1;
      const user = userVector(model, { userIndex: u, history })!;
      for (const i of topFor(model, user, exclude)) expect(data.itemGroup[i]).toBe(data.userGroup[u]);
    }
  });

  it("recommends a new user who only picked a genre the movies of that genre", () => {
    for (const group of [0, 1]) {
      const user = userVector(model, { genres: [`genre-${group}`] });
      expect(user).not.toBeNull();
      for (const i of topFor(model, user!)) expect(data.itemGroup[i]).toBe(group);
    }
    expect(userVector(model, { genres: ["a genre nobody has"] })).toBeNull();
  });

  it("gives a new movie with only genres neighbours from its genre", () => {
    for (const group of [0, 1]) {
      const { vector } = newItemVector(model, [`genre-${group}`]);
      const similarity = new Float32Array(items);
      cosineToItems(model.itemVectors, params.factors, vector, similarity);
      for (const i of topK(similarity, 10).indices) expect(data.itemGroup[i]).toBe(group);
    }
  });

  it("serves an unknown user from a short history alone", () => {
    const history = { items: Int32Array.from([31, 33, 35]), weights: Float32Array.from([1, 1, 1]) };
    const exclude = new Uint8Array(items);
    for (const i of history.items) exclude[i] = 1;
    for (const i of topFor(model, userVector(model, { history })!, exclude)) expect(data.itemGroup[i]).toBe(1);
  });

  it("splits the history part of a score over the history items", () => {
    const history = rowOf(data.matrix, 0);
    const withHistory = userVector(model, { history })!;
    const item = 5;
    let score = 0;
    for (let k = 0; k < params.factors; k++) score += withHistory[k]! * model.itemVectors[item * params.factors + k]!;
    const total = historyContributions(model, history, item).reduce((sum, x) => sum + x, 0);
    expect(total).toBeCloseTo(score, 4);
  });

  it("trains to the same weights, bit for bit, for the same seed, with BPR too", () => {
    for (const p of [params, { ...params, loss: "bpr" as const, epochs: 3 }]) {
      const a = trainHybrid(data, p, { seed: 5 });
      const b = trainHybrid(data, p, { seed: 5 });
      expect(Buffer.from(a.itemEmbeddings.buffer).equals(Buffer.from(b.itemEmbeddings.buffer))).toBe(true);
      expect(Buffer.from(a.userHistoryVectors.buffer).equals(Buffer.from(b.userHistoryVectors.buffer))).toBe(true);
    }
  });

  it("tries a user's known negatives first and ranks them low", () => {
    const disliked = { ...data, matrix: { ...data.matrix, values: Float32Array.from(data.matrix.values) } };
    // User 0's first interaction becomes a dislike.
    disliked.matrix.values[disliked.matrix.indptr[0]!] = -1;
    const item = disliked.matrix.indices[disliked.matrix.indptr[0]!]!;
    const weights = trainHybrid(disliked, params, { seed: 1 });
    const m = hybridServing(weights, users, items, data.itemGenres, data.userGenres);
    const scores = new Float32Array(items);
    scoreHybrid(m, userVector(m, { userIndex: 0 })!, scores);
    const rank = Array.from(topK(scores, items).indices).indexOf(item);
    expect(rank).toBeGreaterThan(items / 2);
  });
});
