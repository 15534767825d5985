import { describe, expect, it } from "vitest";
import { composeList, NEW_RELEASE_SLOT, strongestEntries, type HistoryEntry } from "./compose-list";
import { trainModel } from "./model";
import { plantedInteractions } from "./synthetic";

/** Two audiences with tastes of their own; the list a model and its fallbacks make for a user. */
const data = plantedInteractions({ seed: 3, groups: 2, usersPerGroup: 30, itemsPerGroup: 20, interactionsPerUser: 8 });
const als = trainModel("als", data, { factors: 8, iterations: 8, regularization: 0.5 }, { seed: 1 });
const popular = trainModel("popular", data, {}, { seed: 1 });

function historyOf(user: number): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (let e = data.matrix.indptr[user]!; e < data.matrix.indptr[user + 1]!; e++) entries.push({ movieId: data.itemIds[data.matrix.indices[e]!]!, weight: data.matrix.values[e]!, kind: "watched" });
  return entries;
}

describe("composing a user's list", () => {
  it("fills it from the model with what the user has not seen, best first, each once, with reasons that name their history", () => {
    const history = historyOf(0);
    const list = composeList({ model: als, userId: data.userIds[0]!, history, genres: [], size: 10 });
    expect(list).toHaveLength(10);
    expect(new Set(list.map((e) => e.movieId)).size).toBe(10);
    const seen = new Set(history.map((h) => h.movieId));
    expect(list.some((e) => seen.has(e.movieId))).toBe(false);
    for (let i = 1; i < list.length; i++) expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
    expect(list[0]).toMatchObject({ source: "model", score: 1 });
    expect(list[0]!.reasons[0]).toMatchObject({ kind: "because", how: "watched" });
    expect(seen.has((list[0]!.reasons[0] as { movieId: string }).movieId)).toBe(true);
  });

  it("never shows a movie the user turned down", () => {
    const first = composeList({ model: als, userId: data.userIds[1]!, history: historyOf(1), genres: [], size: 5 });
    const turnedDown = new Set([first[0]!.movieId, first[1]!.movieId]);
    const again = composeList({ model: als, userId: data.userIds[1]!, history: historyOf(1), genres: [], excluded: turnedDown, size: 5 });
    expect(again.some((e) => turnedDown.has(e.movieId))).toBe(false);
    expect(again).toHaveLength(5);
  });

  it("gives a brand-new user popular movies in their genres first, then popular ones, saying so", () => {
    const list = composeList({ model: popular, userId: "newcomer", history: [], genres: ["genre-1"], size: 30 });
    expect(list).toHaveLength(30);
    const genreItems = list.filter((e) => e.source === "genre");
    expect(genreItems.length).toBe(20);
    expect(list.slice(0, 20).every((e) => e.source === "genre")).toBe(true);
    expect(genreItems[0]!.reasons).toEqual([{ kind: "genre", genre: "genre-1" }]);
    expect(list.slice(20).every((e) => e.source === "popular")).toBe(true);
  });

  it("gives the fifth slot to a recent release the user does not know, even one the model has never seen", () => {
    const list = composeList({ model: als, userId: data.userIds[2]!, history: historyOf(2), genres: [], size: 8, recentRelease: "brand-new-movie" });
    expect(list[NEW_RELEASE_SLOT]).toMatchObject({ movieId: "brand-new-movie", source: "new", reasons: [{ kind: "new" }] });
    expect(list).toHaveLength(8);
    const known = composeList({ model: als, userId: data.userIds[2]!, history: historyOf(2), genres: [], excluded: new Set(["brand-new-movie"]), size: 8, recentRelease: "brand-new-movie" });
    expect(known.some((e) => e.movieId === "brand-new-movie")).toBe(false);
  });

  it("names reasons among the strongest interactions of a long history, in history order", () => {
    expect(strongestEntries(Float32Array.of(0.5, 1, 0.2, 1, 0.8), 3)).toEqual(Int32Array.of(1, 3, 4));
    // A short history is named whole.
    expect(strongestEntries(Float32Array.of(0.5, 1), 3)).toBeUndefined();
  });
});
