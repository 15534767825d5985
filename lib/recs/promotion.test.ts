import { describe, expect, it } from "vitest";
import { shouldPromote } from "./promotion";

const metrics = (precisionAtK: number) => ({ k: 10, precisionAtK, recallAtK: 0, ndcgAtK: 0, mapAtK: 0, coverage: 0, users: 100, heldOutFraction: 0.2 });

describe("promoting the nightly model", () => {
  it("serves the first model of an algorithm", () => {
    expect(shouldPromote(metrics(0.1), null)).toBe(true);
  });

  it("serves a model that is better, or within 10% of the one served", () => {
    expect(shouldPromote(metrics(0.31), metrics(0.3))).toBe(true);
    expect(shouldPromote(metrics(0.27), metrics(0.3))).toBe(true);
  });

  it("keeps the served model when the new one is clearly worse or could not be measured", () => {
    expect(shouldPromote(metrics(0.26), metrics(0.3))).toBe(false);
    expect(shouldPromote(null, metrics(0.3))).toBe(false);
  });
});
