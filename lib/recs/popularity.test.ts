import { describe, expect, it } from "vitest";
import { csrFromTriples } from "./interactions";
import { genrePopularityScores, genreTable, popularityScores } from "./popularity";
import { topK } from "./top-k";

describe("popularity", () => {
  // Item 0: two positives; item 1: one positive and one dislike; item 2: three positives.
  const matrix = csrFromTriples(3, 3, Int32Array.from([0, 1, 0, 1, 0, 1, 2]), Int32Array.from([0, 0, 1, 1, 2, 2, 2]), Float32Array.from([1, 0.2, 1, -1, 0.5, 0.5, 0.5]), "max");
  const popularity = popularityScores(matrix);

  it("counts the users with a positive signal, not their weights, and not dislikes", () => {
    expect(Array.from(popularity)).toEqual([2, 1, 3]);
  });

  it("ranks within the given genres and leaves other movies out", () => {
    const table = genreTable([["Drama", "Crime"], ["Comedy"], ["Drama"]]);
    const out = new Float32Array(3);
    genrePopularityScores(popularity, table, ["Comedy", "Crime"], out);
    expect(Array.from(out)).toEqual([2, 1, -Infinity]);
    expect(Array.from(topK(out, 3).indices)).toEqual([0, 1]);
    genrePopularityScores(popularity, table, ["Western"], out);
    expect(topK(out, 3).indices.length).toBe(0);
  });
});
