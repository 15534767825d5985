import { describe, expect, it } from "vitest";
import { plantedInteractions } from "../synthetic";
import { cutHistories, evaluateModels } from "./evaluate";
import { holdOutPerUser } from "./split";

const data = plantedInteractions({ seed: 7, groups: 3, usersPerGroup: 20, itemsPerGroup: 30, interactionsPerUser: 15, noise: 0.05 });

describe("offline evaluation", () => {
  it("trains every model on one split and reports one row each, timed by the injected clock", () => {
    let now = 0;
    const report = evaluateModels(data, {
      algorithms: ["popular", "als", "ease"],
      seed: 1,
      k: 5,
      params: { als: { factors: 8, iterations: 5, regularization: 5 }, ease: { lambda: 10, maxItems: 90 } },
      clock: () => (now += 250),
      cold: null,
    });
    expect(report.rows.map((r) => r.algorithm)).toEqual(["popular", "als", "ease"]);
    expect(report.users).toBe(60);
    expect(report.trainInteractions + report.testInteractions).toBe(data.matrix.indptr[60]);
    for (const row of report.rows) {
      expect(row.trainingSeconds).toBe(0.25);
      expect(row.users).toBe(60);
      expect(row.coverage).toBeGreaterThan(0);
    }
    const precision = Object.fromEntries(report.rows.map((r) => [r.algorithm, r.precision]));
    // With three disjoint tastes, the personal models know what popularity cannot.
    expect(precision.als).toBeGreaterThan(precision.popular! * 1.5);
    expect(precision.ease).toBeGreaterThan(precision.popular! * 1.5);
    expect(report.cold).toBeNull();
  });

  it("measures a cold segment of users cut to a short training history", () => {
    const report = evaluateModels(data, {
      algorithms: ["popular", "hybrid"],
      seed: 2,
      params: { hybrid: { factors: 8, epochs: 5, maxSampled: 20 } },
      cold: { fraction: 0.25, historyLength: 3 },
    });
    expect(report.cold!.users).toBe(15);
    expect(report.cold!.historyLength).toBe(3);
    expect(report.cold!.rows.map((r) => r.algorithm)).toEqual(["popular", "hybrid"]);
    expect(report.cold!.rows[1]!.precision).toBeGreaterThan(report.cold!.rows[0]!.precision);
  });

  it("cuts only the chosen users, to the asked length, keeping the rest", () => {
    const { train } = holdOutPerUser(data.matrix, { seed: 3 });
    const users = Array.from({ length: 60 }, (_, u) => u);
    const cut = cutHistories(train, users, 0.1, 4, 3);
    expect(cut.users).toHaveLength(6);
    for (let u = 0; u < 60; u++) {
      const length = cut.train.indptr[u + 1]! - cut.train.indptr[u]!;
      expect(length).toBe(cut.users.includes(u) ? 4 : train.indptr[u + 1]! - train.indptr[u]!);
    }
    expect(cutHistories(train, users, 0.1, 4, 3)).toEqual(cut);
  });
});
