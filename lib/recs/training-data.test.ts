import { describe, expect, it } from "vitest";
import { valueAt } from "./interactions";
import { buildTrainingData, favoriteGenresFromHistory } from "./training-data";

describe("training data", () => {
  const data = buildTrainingData({
    movies: [
      { id: "296", genres: ["Crime", "Drama"] },
      { id: "1", genres: ["Comedy"] },
      { id: "50", genres: [] },
    ],
    interactions: [
      { userId: "alice", movieId: "296", weight: 0.5 },
      { userId: "alice", movieId: "296", weight: 1.0 },
      { userId: "alice", movieId: "1", weight: 0.3 },
      { userId: "alice", movieId: "1", weight: -1 },
      { userId: "bob", movieId: "999", weight: 0.8 },
      { userId: "bob", movieId: "50", weight: 0 },
    ],
    favoriteGenres: [{ userId: "carol", genres: ["Drama"] }],
  });

  it("gives every catalogue movie and every interacting or genre-picking user an index", () => {
    expect(data.itemIds).toEqual(["296", "1", "50", "999"]);
    expect(data.userIds).toEqual(["alice", "bob", "carol"]);
    expect(data.itemGenres).toEqual([["Crime", "Drama"], ["Comedy"], [], []]);
    expect(data.userGenres).toEqual([[], [], ["Drama"]]);
  });

  it("keeps a pair's strongest signal, lets a dislike override it and leaves out zero weights", () => {
    expect(valueAt(data.matrix, 0, 0)).toBe(1);
    expect(valueAt(data.matrix, 0, 1)).toBe(-1);
    expect(valueAt(data.matrix, 1, 3)).toBeCloseTo(0.8);
    expect(data.matrix.indptr[2]! - data.matrix.indptr[1]!).toBe(1);
  });

  it("rejects a weight that is not a number", () => {
    expect(() => buildTrainingData({ movies: [], interactions: [{ userId: "a", movieId: "b", weight: NaN }] })).toThrow(/finite/);
  });

  it("reads favorite genres from a history by total positive weight", () => {
    const history = buildTrainingData({
      movies: [
        { id: "a", genres: ["Drama", "Crime"] },
        { id: "b", genres: ["Comedy"] },
        { id: "c", genres: ["Drama"] },
        { id: "d", genres: ["Horror"] },
      ],
      interactions: [
        { userId: "u", movieId: "a", weight: 0.6 },
        { userId: "u", movieId: "b", weight: 1 },
        { userId: "u", movieId: "c", weight: 0.6 },
        { userId: "u", movieId: "d", weight: -1 },
      ],
    });
    // Drama 0.6 + 0.6 = 1.2, Comedy 1.0, Crime 0.6; Horror was disliked.
    expect(favoriteGenresFromHistory(history.matrix, history.itemGenres, 0)).toEqual(["Drama", "Comedy", "Crime"]);
    expect(favoriteGenresFromHistory(history.matrix, history.itemGenres, 0, 1)).toEqual(["Drama"]);
  });
});
