import { describe, expect, it } from "vitest";
import { fillRecommendations } from "./fallback-chain";

describe("fallback chain", () => {
  it("fills a list of k for a brand-new user from genre popularity, then overall popularity", () => {
    const list = fillRecommendations({
      k: 6,
      sources: [
        { source: "als", items: [] },
        { source: "genre-popularity", items: ["m1", "m2", "m3"], reason: (m) => `popular in Drama (${m})` },
        { source: "popularity", items: ["m2", "m4", "m5", "m6", "m7", "m8"], reason: "popular right now" },
      ],
    });
    expect(list.map((p) => p.item)).toEqual(["m1", "m2", "m3", "m4", "m5", "m6"]);
    expect(list.map((p) => p.source)).toEqual(["genre-popularity", "genre-popularity", "genre-popularity", "popularity", "popularity", "popularity"]);
    expect(list[0]!.reason).toBe("popular in Drama (m1)");
    expect(list[5]!.reason).toBe("popular right now");
  });

  it("never repeats an item or shows one the user has seen or refused", () => {
    const exclude = new Set(["a", "c", "x"]);
    const list = fillRecommendations({
      k: 5,
      exclude,
      sources: [
        { source: "ease", items: ["a", "b", "c", "b"] },
        { source: "popularity", items: ["x", "b", "d", "e", "f", "g"] },
      ],
    });
    expect(list.map((p) => p.item)).toEqual(["b", "d", "e", "f", "g"]);
    expect(new Set(list.map((p) => p.item)).size).toBe(list.length);
    for (const p of list) expect(exclude.has(p.item)).toBe(false);
  });

  it("keeps one slot for the first recent release the user has not seen", () => {
    const list = fillRecommendations({
      k: 4,
      exclude: new Set([10]),
      sources: [{ source: "als", items: [1, 2, 11, 3, 4] }],
      recentRelease: { candidates: [10, 11, 12], reason: "new this week" },
    });
    expect(list.map((p) => p.item)).toEqual([1, 2, 3, 11]);
    expect(list[3]).toEqual({ item: 11, source: "recent-release", reason: "new this week" });
  });

  it("puts the recent release where asked, and gives its slot away when there is none", () => {
    const sources = [{ source: "popularity", items: [1, 2, 3, 4] }];
    expect(fillRecommendations({ k: 3, sources, recentRelease: { candidates: [9], position: 0 } }).map((p) => p.item)).toEqual([9, 1, 2]);
    expect(fillRecommendations({ k: 3, sources, exclude: new Set([9]), recentRelease: { candidates: [9] } }).map((p) => p.item)).toEqual([1, 2, 3]);
  });

  it("returns what the sources hold when together they have fewer than k", () => {
    expect(fillRecommendations({ k: 10, sources: [{ source: "popularity", items: ["a", "b"] }] })).toHaveLength(2);
  });
});
