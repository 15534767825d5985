import { describe, expect, it } from "vitest";
import { nonZeroCount } from "./interactions";
import { benchmarkInteractions, plantedInteractions } from "./synthetic";

describe("planted synthetic data", () => {
  const options = { seed: 1, groups: 3, usersPerGroup: 10, itemsPerGroup: 20, interactionsPerUser: 8 };

  it("keeps each group's users on their own group's items when there is no noise", () => {
    const data = plantedInteractions(options);
    expect(nonZeroCount(data.matrix)).toBe(30 * 8);
    for (let u = 0; u < 30; u++) {
      for (let e = data.matrix.indptr[u]!; e < data.matrix.indptr[u + 1]!; e++) expect(data.itemGroup[data.matrix.indices[e]!]).toBe(data.userGroup[u]);
    }
    expect(data.itemGenres[25]).toEqual(["genre-1"]);
    expect(data.userGenres[25]).toEqual(["genre-2"]);
  });

  it("is the same for the same seed and different for another", () => {
    expect(plantedInteractions(options).matrix).toEqual(plantedInteractions(options).matrix);
    expect(plantedInteractions({ ...options, seed: 2 }).matrix.indices).not.toEqual(plantedInteractions(options).matrix.indices);
  });

  it("makes a few items popular and most not", () => {
    const data = plantedInteractions({ ...options, groups: 1, usersPerGroup: 200 });
    const counts = new Int32Array(20);
    for (const i of data.matrix.indices) counts[i]!++;
    expect(counts[0]).toBeGreaterThan(counts[19]! * 2);
  });

  it("sizes benchmark data by its number of interactions", () => {
    const data = benchmarkInteractions(20_000);
    expect(nonZeroCount(data.matrix)).toBe(20_000);
    expect(data.userIds.length).toBe(200);
    expect(data.itemIds.length).toBe(4_000);
  });
});
