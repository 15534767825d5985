import { describe, expect, it } from "vitest";
import { addActivity, decay, finalTrendScore, internalVoteAverage } from "./formulas";
import { implicitSignal, interactionWeight } from "@/lib/events/implicit-feedback";

describe("the final trend score (seed 002)", () => {
  it("is 0.7 × vote average + 0.3 × views/100 capped at 1, × 10, rounded to one decimal", () => {
    expect(finalTrendScore(8.4, 0)).toBe(5.9);
    expect(finalTrendScore(8.4, 50)).toBe(7.4);
    expect(finalTrendScore(8.4, 100)).toBe(8.9);
    expect(finalTrendScore(8.4, 5_000)).toBe(8.9);
    expect(finalTrendScore(0, 1)).toBe(0);
  });

  it("falls back to the movie's own average rating on a 10-point scale", () => {
    expect(internalVoteAverage(4.25)).toBe(8.5);
    expect(internalVoteAverage(null)).toBeNull();
  });
});

describe("trending now", () => {
  const hour = 3_600_000;
  it("halves after one half-life", () => {
    expect(decay(10, 0, 24 * hour, 24)).toBeCloseTo(5, 10);
    expect(decay(10, 0, 48 * hour, 24)).toBeCloseTo(2.5, 10);
  });

  it("weighs recent activity more than old, whatever order it arrives in", () => {
    const a = addActivity({ score: 0, atMs: null }, [
      { kind: "view", atMs: 0 },
      { kind: "favorite", atMs: 24 * hour },
    ]);
    const b = addActivity({ score: 0, atMs: null }, [
      { kind: "favorite", atMs: 24 * hour },
      { kind: "view", atMs: 0 },
    ]);
    expect(a.atMs).toBe(24 * hour);
    expect(a.score).toBeCloseTo(3 + 0.5, 10);
    expect(b.score).toBeCloseTo(a.score, 10);
  });
});

describe("implicit feedback weights (seed 003)", () => {
  it("gives a finished watch 1.0, an unfinished one 0.5, a rating r/5 and a favorite 0.3", () => {
    expect(interactionWeight({ type: "watch", progressPercent: 95 })).toBe(1);
    expect(interactionWeight({ type: "watch", progressPercent: 30 })).toBe(0.5);
    expect(interactionWeight({ type: "rating", rating: 4 })).toBe(0.8);
    expect(interactionWeight({ type: "favorite", action: "add" })).toBe(0.3);
  });

  it("takes the strongest interaction per movie and drops a removed favorite", () => {
    const signal = implicitSignal([
      { movieId: "a", type: "watch", progressPercent: 30 },
      { movieId: "a", type: "rating", rating: 5 },
      { movieId: "b", type: "favorite", action: "add" },
      { movieId: "c", type: "favorite", action: "add" },
      { movieId: "c", type: "favorite", action: "remove" },
    ]);
    expect(Object.fromEntries(signal)).toEqual({ a: 1, b: 0.3 });
  });
});
