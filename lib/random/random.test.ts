import { describe, expect, it } from "vitest";
import { deriveSeed, mulberry32, Random } from "./random";

describe("seeded randomness", () => {
  it("repeats the same sequence for the same seed and a different one for another seed", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const x of draw(7)) expect(x >= 0 && x < 1).toBe(true);
  });

  it("gives each labelled part of the data its own stream", () => {
    expect(deriveSeed(42, "movies")).toBe(deriveSeed(42, "movies"));
    expect(deriveSeed(42, "movies")).not.toBe(deriveSeed(42, "theaters"));
    expect(deriveSeed(42, "movies")).not.toBe(deriveSeed(43, "movies"));
  });

  it("samples distinct items, never one with zero weight, and heavy ones more often", () => {
    const rng = Random.fromSeed(1, "test");
    const weights = [10, 0, 1, 1, 1, 1, 1, 1, 1, 1];
    let heavyFirst = 0;
    for (let i = 0; i < 500; i++) {
      const sample = rng.weightedSample(weights, 4);
      expect(new Set(sample).size).toBe(4);
      expect(sample).not.toContain(1);
      if (sample[0] === 0) heavyFirst++;
    }
    // Weight 10 of 19 in total: drawn first a little over half the time.
    expect(heavyFirst).toBeGreaterThan(200);
    expect(rng.weightedSample([0, 0, 3], 5)).toEqual([2]);
  });
});
