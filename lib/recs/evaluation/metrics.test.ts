import { describe, expect, it } from "vitest";
import { averagePrecisionAtK, catalogCoverage, meanRankingMetrics, ndcgAtK, precisionAtK, recallAtK } from "./metrics";

/*
 * Recommended [5, 3, 8, 1, 9], held out {3, 9, 7}, K = 5: hits at ranks 2 and 5.
 *   Precision@5 = 2/5 = 0.4;  Recall@5 = 2/3.
 *   DCG = 1/log2(3) + 1/log2(6) = 0.630930 + 0.386853 = 1.017783;
 *   IDCG = 1/log2(2) + 1/log2(3) + 1/log2(4) = 1 + 0.630930 + 0.5 = 2.130930;  NDCG@5 = 0.477624.
 *   AP@5 = (1/2 + 2/5) / min(5, 3) = 0.9 / 3 = 0.3.
 */
const ranking = { recommended: [5, 3, 8, 1, 9], relevant: new Set([3, 9, 7]) };

describe("ranking metrics", () => {
  it("match a hand-computed list", () => {
    expect(precisionAtK(ranking, 5)).toBeCloseTo(0.4, 12);
    expect(recallAtK(ranking, 5)).toBeCloseTo(2 / 3, 12);
    expect(ndcgAtK(ranking, 5)).toBeCloseTo(0.477624, 6);
    expect(averagePrecisionAtK(ranking, 5)).toBeCloseTo(0.3, 12);
  });

  it("only read the first K places", () => {
    // K = 2: one hit at rank 2. P = 1/2, R = 1/3, NDCG = (1/log2 3) / (1 + 1/log2 3) = 0.386853, AP = (1/2)/2 = 0.25.
    expect(precisionAtK(ranking, 2)).toBe(0.5);
    expect(recallAtK(ranking, 2)).toBeCloseTo(1 / 3, 12);
    expect(ndcgAtK(ranking, 2)).toBeCloseTo(0.386853, 6);
    expect(averagePrecisionAtK(ranking, 2)).toBe(0.25);
  });

  it("count missing places of a short list as misses", () => {
    const short = { recommended: [3], relevant: new Set([3, 4]) };
    // P@4 = 1/4; AP@4 = (1/1) / min(4, 2) = 0.5; NDCG = 1 / (1 + 1/log2 3) = 0.613147.
    expect(precisionAtK(short, 4)).toBe(0.25);
    expect(averagePrecisionAtK(short, 4)).toBe(0.5);
    expect(ndcgAtK(short, 4)).toBeCloseTo(0.613147, 6);
  });

  it("reach 1 for a perfect list", () => {
    const perfect = { recommended: [7, 3], relevant: new Set([3, 7]) };
    expect([precisionAtK(perfect, 2), recallAtK(perfect, 2), ndcgAtK(perfect, 2), averagePrecisionAtK(perfect, 2)]).toEqual([1, 1, 1, 1]);
  });

  it("average over users with held-out items only", () => {
    const mean = meanRankingMetrics([ranking, { recommended: [1, 2], relevant: new Set() }, { recommended: [7, 0, 0, 0, 0], relevant: new Set([7]) }], 5);
    expect(mean.users).toBe(2);
    // Precision: (0.4 + 0.2) / 2; recall: (2/3 + 1) / 2; AP: (0.3 + 1) / 2.
    expect(mean.precision).toBeCloseTo(0.3, 12);
    expect(mean.recall).toBeCloseTo(5 / 6, 12);
    expect(mean.map).toBeCloseTo(0.65, 12);
  });

  it("measure catalogue coverage as distinct recommended items over all items", () => {
    expect(catalogCoverage([[1, 2, 9], [2, 3]], 2, 10)).toBe(0.3);
  });
});
