import { describe, expect, it } from "vitest";
import { emptyAggregate, type VariantAggregate } from "./aggregates";
import { Random } from "@/lib/random/random";
import { clusteredSumsOf } from "@/test/clustered-sums";
import { experimentVerdict, formatPValue, roughSessionCount, variantMetrics, type PerUserSums, type VariantInput } from "./verdict";

/** Scores given by count, mean and standard deviation: Σx = n·x̄, Σx² = (n − 1)s² + n·x̄². */
function scores(n: number, mean: number, sd: number) {
  return { n, sum: n * mean, sumSquares: (n - 1) * sd * sd + n * mean * mean };
}

function arm(name: string, counts: Partial<VariantAggregate>, weight = 1): VariantInput {
  return { name, weight, aggregate: { ...emptyAggregate(), ...counts } };
}

describe("per-variant metrics", () => {
  it("reports CTR and like rate with Wilson intervals and the means with t intervals", () => {
    const metrics = variantMetrics("A", {
      ...emptyAggregate(),
      sessions: 10,
      impressions: 100,
      clicks: 8,
      likes: 8,
      dislikes: 2,
      positionScore: { n: 5, sum: 15, sumSquares: 55 },
      precisionAtK: { n: 10, sum: 2, sumSquares: 2 },
    });
    // 8 of 10: Wilson [0.4902, 0.9433]. Scores 1..5: 3 ± 2.776445·√(2.5/5) = [1.0368, 4.9632].
    expect(metrics.clickThroughRate).toEqual({ value: 0.8, lower: expect.closeTo(0.4902, 4), upper: expect.closeTo(0.9433, 4), n: 10 });
    expect(metrics.likeRate).toEqual(metrics.clickThroughRate);
    expect(metrics.meanPositionScore).toEqual({ value: 3, lower: expect.closeTo(1.0368, 4), upper: expect.closeTo(4.9632, 4), n: 5 });
    expect(metrics.precisionAtK.value).toBe(0.2);
    expect(metrics.recallAtK).toEqual({ value: null, lower: null, upper: null, n: 0 });
  });

  it("gives a single score its mean without an interval", () => {
    expect(variantMetrics("A", { ...emptyAggregate(), sessions: 1, positionScore: { n: 1, sum: 7, sumSquares: 49 } }).meanPositionScore).toEqual({ value: 7, lower: null, upper: null, n: 1 });
  });
});

describe("the verdict of an A/B experiment", () => {
  it("says B beats A on CTR when 12.4% vs 10.0% on 2,000 sessions each is significant", () => {
    // Worked in statistics.test.ts: z = 2.4066, p = 0.0161.
    const result = experimentVerdict({ mode: "ab", variants: [arm("A", { sessions: 2000, clicks: 200 }), arm("B", { sessions: 2000, clicks: 248 })] });
    expect(result.verdict).toBe("B beats A on CTR (12.4% vs 10.0%), p = 0.016");
    expect(result.comparisons[0]!.clickThroughRate!.pValue).toBeCloseTo(0.01610378974599241, 12);
    expect(result.sampleRatioWarning).toBeNull();
  });

  it("names the control as the winner when the treatment does worse", () => {
    const result = experimentVerdict({ mode: "ab", variants: [arm("A", { sessions: 2000, clicks: 248 }), arm("B", { sessions: 2000, clicks: 200 })] });
    expect(result.verdict).toBe("A beats B on CTR (12.4% vs 10.0%), p = 0.016");
  });

  it("says how many more sessions it needs when the difference is not significant yet", () => {
    // 10.0% vs 12.4% on 1,000 each: p = 0.0888. Detecting that difference needs 2,710 per arm,
    // 1,710 more than the 1,000 there are, said as "about 1,800".
    const result = experimentVerdict({ mode: "ab", variants: [arm("A", { sessions: 1000, clicks: 100 }), arm("B", { sessions: 1000, clicks: 124 })] });
    expect(result.comparisons[0]!.sessionsPerVariantNeeded).toBe(2710);
    expect(result.comparisons[0]!.moreSessionsPerVariantNeeded).toBe(1710);
    expect(result.verdict).toBe("Not significant yet (p = 0.088): about 1,800 more sessions per variant needed");
  });

  it("says the arms look the same when their CTRs are equal, instead of an endless sample size", () => {
    const result = experimentVerdict({ mode: "ab", variants: [arm("A", { sessions: 500, clicks: 50 }), arm("B", { sessions: 400, clicks: 40 })] });
    expect(result.comparisons[0]!.sessionsPerVariantNeeded).toBeNull();
    expect(result.verdict).toBe("Not significant yet (p = 1.00): B and A have the same CTR so far (10.0%)");
  });

  it("tests the mean position score with Welch's test beside CTR", () => {
    // 7.0 vs 6.5 with s = 2 on 400 scores each: t = 0.5/√(4/400 + 4/400) = 3.5355, p = 0.00043.
    const result = experimentVerdict({
      mode: "ab",
      variants: [arm("A", { sessions: 1000, clicks: 400, positionScore: scores(400, 6.5, 2) }), arm("B", { sessions: 1000, clicks: 400, positionScore: scores(400, 7, 2) })],
    });
    expect(result.comparisons[0]!.meanPositionScore!.statistic).toBeCloseTo(3.5355339059327378, 10);
    expect(result.comparisons[0]!.scoreVerdict).toBe("B beats A on mean score (7.00 vs 6.50), p < 0.001");
  });

  it("compares each of three variants with the control at a Bonferroni threshold of 0.025", () => {
    // C's p = 0.043 would pass at 0.05 alone but not as one of two comparisons.
    const result = experimentVerdict({
      mode: "ab",
      variants: [arm("A", { sessions: 2000, clicks: 200 }), arm("B", { sessions: 2000, clicks: 248 }), arm("C", { sessions: 2000, clicks: 240 })],
    });
    expect(result.comparisons.map((c) => [c.control, c.treatment, c.significanceThreshold])).toEqual([
      ["A", "B", 0.025],
      ["A", "C", 0.025],
    ]);
    expect(result.comparisons[0]!.verdict).toBe("B beats A on CTR (12.4% vs 10.0%), p = 0.016, threshold 0.025 for 2 comparisons");
    expect(result.comparisons[1]!.verdict).toMatch(/^Not significant yet \(p = 0\.043, threshold 0\.025 for 2 comparisons\): about [\d,]+ more sessions per variant needed$/);
    expect(result.verdict).toBe(`${result.comparisons[0]!.verdict}; ${result.comparisons[1]!.verdict}`);
  });
});

describe("the verdict of an A/A check", () => {
  it("passes when the arms do not differ", () => {
    // 100 vs 105 clicks in 1,000 sessions each: z = 0.369, p = 0.712.
    const result = experimentVerdict({ mode: "aa", variants: [arm("A", { sessions: 1000, clicks: 100 }), arm("B", { sessions: 1000, clicks: 105 })] });
    expect(result.verdict).toBe("A/A check passed: no difference between the arms (p = 0.71)");
  });

  it("fails, naming the metric, when two arms serving one model differ", () => {
    const result = experimentVerdict({ mode: "aa", variants: [arm("A", { sessions: 2000, clicks: 200 }), arm("B", { sessions: 2000, clicks: 248 })] });
    expect(result.verdict).toBe(
      "A/A check failed: B and A differ on CTR (12.4% vs 10.0%, p = 0.016) although both serve the same model; look for a fault in assignment or logging before trusting A/B results",
    );
  });

  it("fails on the mean score even when CTR agrees", () => {
    const result = experimentVerdict({
      mode: "aa",
      variants: [arm("A", { sessions: 1000, clicks: 400, positionScore: scores(400, 6.5, 2) }), arm("B", { sessions: 1000, clicks: 400, positionScore: scores(400, 7, 2) })],
    });
    expect(result.verdict).toMatch(/^A\/A check failed: B and A differ on mean score \(7\.00 vs 6\.50, p < 0\.001\)/);
  });
});

describe("sample ratio mismatch", () => {
  it("warns when 5,210 / 4,790 sessions arrive on a 50/50 split (p = 0.000027)", () => {
    const result = experimentVerdict({ mode: "ab", variants: [arm("A", { sessions: 5210, clicks: 500 }), arm("B", { sessions: 4790, clicks: 480 })] });
    expect(result.sampleRatio).toMatchObject({ basis: "sessions", mismatch: true });
    expect(result.sampleRatioWarning).toBe(
      "Sample ratio mismatch: sessions split 5,210 / 4,790 (A / B) against a configured 50% / 50% (p < 0.001); some users are lost or misassigned in one arm, so the comparison cannot be trusted until that is found",
    );
  });

  it("checks assigned users instead of sessions when every arm reports them", () => {
    const variants = [
      { ...arm("A", { sessions: 5210, clicks: 500 }), assignedUsers: 1002 },
      { ...arm("B", { sessions: 4790, clicks: 480 }), assignedUsers: 998 },
    ];
    const result = experimentVerdict({ mode: "ab", variants });
    expect(result.sampleRatio).toMatchObject({ basis: "users", mismatch: false });
    expect(result.sampleRatioWarning).toBeNull();
  });

  it("measures against a 70/30 split as configured", () => {
    const result = experimentVerdict({ mode: "ab", variants: [arm("A", { sessions: 7000, clicks: 700 }, 70), arm("B", { sessions: 3000, clicks: 300 }, 30)] });
    expect(result.sampleRatio.mismatch).toBe(false);
  });
});

describe("arms without data", () => {
  it("says there are no sessions yet and puts no NaN anywhere", () => {
    const result = experimentVerdict({ mode: "ab", variants: [arm("A", {}), arm("B", {})] });
    expect(result.verdict).toBe("No sessions yet");
    expect(result.variants[0]!.clickThroughRate).toEqual({ value: null, lower: null, upper: null, n: 0 });
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    expect(Object.values(result.variants[1]!).some((value) => typeof value === "number" && Number.isNaN(value))).toBe(false);
  });

  it("names the arm that has no sessions yet while the other has some", () => {
    const result = experimentVerdict({ mode: "ab", variants: [arm("A", { sessions: 40, clicks: 4 }), arm("B", {})] });
    expect(result.verdict).toBe("No sessions yet in B");
    expect(result.comparisons[0]!.clickThroughRate).toBeNull();
    expect(result.sampleRatio.mismatch).toBe(true);
  });

  it("warns, with finite figures, when an arm configured for no traffic receives some", () => {
    const result = experimentVerdict({ mode: "ab", variants: [arm("A", { sessions: 10, clicks: 1 }), arm("B", { sessions: 10, clicks: 2 }), arm("C", { sessions: 1 }, 0)] });
    expect(result.sampleRatioWarning).toContain("against a configured 50% / 50% / 0% (an arm configured for no traffic received some)");
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity|null,"pValue"/);
  });

  it("does not test mean scores that do not vary in either arm", () => {
    const result = experimentVerdict({
      mode: "ab",
      variants: [arm("A", { sessions: 2, clicks: 2, positionScore: scores(2, 10, 0) }), arm("B", { sessions: 2, clicks: 2, positionScore: scores(2, 9, 0) })],
    });
    expect(result.comparisons[0]!.meanPositionScore).toBeNull();
    expect(result.comparisons[0]!.scoreVerdict).toBeNull();
  });

  it("has nothing to compare with a single variant", () => {
    expect(experimentVerdict({ mode: "ab", variants: [arm("A", { sessions: 3, clicks: 1 })] }).verdict).toBe("Only one variant (A): nothing to compare");
  });
});

describe("wording", () => {
  it("rounds p-values down so one just under 0.05 never reads as 0.05", () => {
    expect(formatPValue(0.0499)).toBe("p = 0.049");
    expect(formatPValue(0.0031)).toBe("p = 0.003");
    expect(formatPValue(0.29)).toBe("p = 0.29");
    expect(formatPValue(0.0004)).toBe("p < 0.001");
    expect(formatPValue(1)).toBe("p = 1.00");
  });

  it("rounds a needed sample size up to two significant figures", () => {
    expect(roughSessionCount(1710)).toBe("1,800");
    expect(roughSessionCount(1900)).toBe("1,900");
    expect(roughSessionCount(12_345)).toBe("13,000");
    expect(roughSessionCount(37)).toBe("37");
  });
});

/** An arm's aggregate and per-user sums from each user's (sessions, clicks). */
function armOfUsers(name: string, users: readonly { sessions: number; clicks: number }[]): VariantInput {
  const clicks = clusteredSumsOf(users.map((u) => [u.clicks, u.sessions]));
  const none = clusteredSumsOf([]);
  const perUser: PerUserSums = { clicksPerSession: clicks, likesPerReaction: none, scorePerSelection: none, precisionPerSession: clicks, recallPerSession: none };
  return { name, weight: 1, aggregate: { ...emptyAggregate(), sessions: clicks.sumN, clicks: clicks.sumY }, assignedUsers: users.length, perUser };
}

/** The same arm as a caller that keeps no per-user sums sees it. */
function withoutPerUser(variant: VariantInput): VariantInput {
  return { ...variant, perUser: undefined };
}

describe("users as the unit of the tests", () => {
  /**
   * Two arms that serve the same model to viewers who come back: each user has their own taste
   * (a click-through rate drawn between 0 and 1) and between 1 and 40 sessions.
   */
  function returningUsers(random: Random, count: number) {
    return Array.from({ length: count }, () => {
      const rate = random.next();
      const sessions = random.int(1, 40);
      let clicks = 0;
      for (let i = 0; i < sessions; i++) if (random.chance(rate)) clicks++;
      return { sessions, clicks };
    });
  }

  it("keeps an A/A check's false alarms near 5% where counting sessions raises them many times over", () => {
    const random = Random.fromSeed(7, "a/a checks");
    const checks = 400;
    let failedPerUser = 0;
    let failedPerSession = 0;
    for (let i = 0; i < checks; i++) {
      const a = armOfUsers("A", returningUsers(random, 150));
      const b = armOfUsers("B", returningUsers(random, 150));
      if (experimentVerdict({ mode: "aa", variants: [a, b] }).verdict.startsWith("A/A check failed")) failedPerUser++;
      const sessionsOnly = [a, b].map(withoutPerUser);
      if (experimentVerdict({ mode: "aa", variants: sessionsOnly }).verdict.startsWith("A/A check failed")) failedPerSession++;
    }
    // α = 0.05 over 400 checks: 20 expected, and 8–36 holds it within about three standard errors.
    expect(failedPerUser).toBeGreaterThanOrEqual(8);
    expect(failedPerUser).toBeLessThanOrEqual(36);
    expect(failedPerSession / checks).toBeGreaterThan(0.3);
  });

  it("says which unit the tests counted, and asks for more sessions when users repeat themselves", () => {
    const random = Random.fromSeed(11, "sample size");
    const a = armOfUsers("A", returningUsers(random, 300));
    const b = armOfUsers("B", returningUsers(random, 300));
    const perUser = experimentVerdict({ mode: "ab", variants: [a, b] }).comparisons[0]!;
    const perSession = experimentVerdict({ mode: "ab", variants: [a, b].map(withoutPerUser) }).comparisons[0]!;
    expect(perUser.unit).toBe("user");
    expect(perSession.unit).toBe("session");
    expect(perUser.clickThroughRate!.pValue).toBeGreaterThan(perSession.clickThroughRate!.pValue);
    // The same observed difference needs more sessions when a user's sessions move together.
    expect(perUser.sessionsPerVariantNeeded!).toBeGreaterThan(perSession.sessionsPerVariantNeeded! * 3);
  });

  it("widens CTR's interval to the spread between users", () => {
    // 40% of 100 sessions, from ten users who always (4) or never (6) click: t_{0.975, 9} · √(0.24/9).
    const users = Array.from({ length: 10 }, (_, i) => ({ sessions: 10, clicks: i < 4 ? 10 : 0 }));
    const { aggregate, perUser } = armOfUsers("A", users);
    const ctr = variantMetrics("A", aggregate, perUser).clickThroughRate;
    expect(ctr).toEqual({ value: 0.4, lower: expect.closeTo(0.4 - 0.36941, 4), upper: expect.closeTo(0.4 + 0.36941, 4), n: 100 });
  });

  it("asks for more users, not sessions, when an arm has only one", () => {
    const a = armOfUsers("A", [{ sessions: 50, clicks: 10 }]);
    const b = armOfUsers("B", [{ sessions: 20, clicks: 5 }, { sessions: 30, clicks: 3 }]);
    expect(experimentVerdict({ mode: "ab", variants: [a, b] }).verdict).toBe("Too few users to compare yet: a test needs at least two users in each variant");
  });
});
