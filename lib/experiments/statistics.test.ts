import { describe, expect, it } from "vitest";
import { clusteredSumsOf } from "@/test/clustered-sums";
import {
  chiSquareSurvival,
  clusteredRatio,
  clusteredRatioInterval,
  clusteredRatioTest,
  lnBeta,
  lnGamma,
  meanConfidenceInterval,
  normalCdf,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  sampleMean,
  sampleRatioMismatch,
  sampleVariance,
  sessionsPerArmToDetect,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedPValue,
  twoProportionZTest,
  welchTTest,
  wilsonInterval,
} from "./statistics";

// Reference values are closed forms where one exists, otherwise the published table value or
// the value scipy.stats gives (to the digits quoted).

/** |actual / expected − 1| below `tolerance`: for tail probabilities far below 1e-10. */
function expectRelativelyClose(actual: number, expected: number, tolerance = 1e-10) {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

describe("special functions", () => {
  it("gives ln Γ at half-integers and integers: ln √π, ln 9!, and ln Γ(100.5)", () => {
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362_880), 13);
    expectRelativelyClose(lnGamma(100.5), 361.4355404677776, 1e-14);
  });

  it("gives the incomplete gamma in closed form for a = 1 and a = 3", () => {
    // P(1, x) = 1 − e^(−x); P(3, 2) = 1 − e^(−2)(1 + 2 + 2) = 0.323323583816936…
    expect(regularizedGammaP(1, 0.7)).toBeCloseTo(1 - Math.exp(-0.7), 14);
    expect(regularizedGammaP(3, 2)).toBeCloseTo(1 - 5 * Math.exp(-2), 14);
    expect(regularizedGammaQ(3, 2) + regularizedGammaP(3, 2)).toBeCloseTo(1, 14);
    // Q(½, 40) = erfc(√40) keeps its digits in the far tail.
    expectRelativelyClose(regularizedGammaQ(0.5, 40), 3.744097384202887e-19);
  });

  it("gives the incomplete beta of whole parameters as a binomial sum", () => {
    // I_x(2, 3) = P(Binomial(4, x) ≥ 2) = 1 − (1−x)⁴ − 4x(1−x)³; at x = 0.4: 1 − 0.1296 − 0.3456 = 0.5248.
    expect(regularizedIncompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 14);
    // Past the switch point the symmetric branch is used: I_0.9(2, 3) = 1 − 0.0001 − 0.0036.
    expect(regularizedIncompleteBeta(0.9, 2, 3)).toBeCloseTo(0.9963, 14);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it("keeps ln B(a, b) precise where lnΓ(a + b) − lnΓ(a) − lnΓ(b) would cancel", () => {
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14); // B(2, 3) = 1!·2!/4!
    expectRelativelyClose(lnBeta(20, 30), -33.96882079197738, 1e-14);
    expectRelativelyClose(lnBeta(500_000, 0.5), -5.988816495777464, 1e-14);
  });

  it("rejects arguments outside their domain", () => {
    expect(() => lnGamma(0)).toThrow(RangeError);
    expect(() => regularizedGammaP(-1, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(RangeError);
  });
});

describe("the normal distribution", () => {
  it("gives Φ(1.96) = 0.9750021, Φ(0) = ½, Φ(−3) = 0.0013499 and the far tail Φ(−8) = 6.221e-16", () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(0.5)).toBeCloseTo(0.6914624612740131, 14);
    expectRelativelyClose(normalCdf(-3), 0.0013498980316300933, 1e-12);
    expectRelativelyClose(normalCdf(-8), 6.22096057427174e-16);
  });

  it("inverts Φ to double precision: the 97.5% point is 1.959963984540054, the 80% point 0.8416212335729143", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 13);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
    for (const p of [0.001, 0.02, 0.3, 0.7, 0.99, 0.9999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
  });
});

describe("the Student t distribution", () => {
  it("gives a two-sided p of 0.05 at the tabled critical value 2.228139 for 10 degrees of freedom", () => {
    expect(studentTTwoSidedPValue(2.228139, 10)).toBeCloseTo(0.05, 7);
    expect(studentTTwoSidedPValue(-2.228139, 10)).toBeCloseTo(0.05, 7);
  });

  it("matches the Cauchy CDF for one degree of freedom and the closed form for two", () => {
    // ν = 1: F(t) = ½ + atan(t)/π.  ν = 2: F(t) = ½ + t / (2√(2 + t²)).
    for (const t of [-5, -0.3, 0, 1, 40]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
    expect(studentTCdf(1.5, 3)).toBeCloseTo(0.8847080673775886, 13);
  });

  it("keeps ten significant digits with millions of degrees of freedom, as Welch's ν on a million sessions is", () => {
    expectRelativelyClose(studentTCdf(-2, 1e6), 0.02275026692565962, 1e-10);
    expectRelativelyClose(studentTCdf(-2, 1e8), 0.022750133297953345, 1e-8);
    expectRelativelyClose(studentTTwoSidedPValue(3, 2e6), 0.0026998293022321342, 1e-10);
    expect(studentTCdf(-2, Infinity)).toBeCloseTo(normalCdf(-2), 15);
  });

  it("inverts the CDF: 12.7062 for 1 df, 4.3027 for 2, 2.2281 for 10, 1.96 for a million", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 10);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729749462, 12);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451051977934, 12);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 12);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0422724563012378, 12);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966356814107, 10);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 12);
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });
});

describe("the chi-square distribution", () => {
  it("leaves 5% above the tabled critical values 3.841459 (1 df) and 7.814728 (3 df)", () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(7.814728, 3)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(10.827566170662733, 1)).toBeCloseTo(0.001, 12);
  });

  it("is e^(−x/2) for 2 degrees of freedom, 1 at 0, and right for many degrees of freedom", () => {
    expect(chiSquareSurvival(5, 2)).toBeCloseTo(Math.exp(-2.5), 14);
    expect(chiSquareSurvival(0, 4)).toBe(1);
    expect(chiSquareSurvival(100, 80)).toBeCloseTo(0.064570368921133, 12);
  });
});

describe("Wilson score interval", () => {
  it("gives [0.4902, 0.9433] for 8 successes out of 10", () => {
    // p̂ = 0.8, z = 1.959964, z²/n = 0.384146; centre = (0.8 + 0.192073)/1.384146 = 0.716740;
    // half-width = 1.959964/1.384146 · √(0.016 + 0.00960365) = 0.226578.
    const interval = wilsonInterval(8, 10)!;
    expect(interval.lower).toBeCloseTo(0.4901624715366418, 12);
    expect(interval.upper).toBeCloseTo(0.9433178485456248, 12);
  });

  it("stays inside [0, 1] and still has width at 0 and at n successes, where the Wald interval collapses", () => {
    expect(wilsonInterval(0, 10)).toEqual({ lower: 0, upper: expect.closeTo(0.2775327998628892, 12) });
    expect(wilsonInterval(10, 10)).toEqual({ lower: expect.closeTo(0.7224672001371107, 12), upper: 1 });
  });

  it("is null without trials and narrows at a lower confidence", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const at95 = wilsonInterval(30, 100)!;
    const at80 = wilsonInterval(30, 100, 0.8)!;
    expect(at80.upper - at80.lower).toBeLessThan(at95.upper - at95.lower);
  });

  it("rejects more successes than trials", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
});

describe("two-proportion z-test", () => {
  it("finds 10.0% vs 12.4% on 1,000 sessions each not significant (z = 1.70, p = 0.089)", () => {
    // Pooled p̄ = 224/2000 = 0.112; se = √(0.112 · 0.888 · (1/1000 + 1/1000)) = √0.000198912 = 0.0141036;
    // z = (0.124 − 0.100)/0.0141036 = 1.701691; p = 2(1 − Φ(1.701691)) = 0.088813.
    const result = twoProportionZTest({ successes: 100, trials: 1000 }, { successes: 124, trials: 1000 })!;
    expect(result.difference).toBeCloseTo(0.024, 14);
    expect(result.statistic).toBeCloseTo(1.701691186952819, 12);
    expect(result.pValue).toBeCloseTo(0.0888132733700399, 12);
  });

  it("finds the same rates on twice the sessions significant (z = 2.41, p = 0.016)", () => {
    // p̄ = 448/4000 = 0.112; se = √(0.112 · 0.888 · (2/2000)) = 0.00997276; z = 0.024/0.00997276 = 2.406555.
    const result = twoProportionZTest({ successes: 200, trials: 2000 }, { successes: 248, trials: 2000 })!;
    expect(result.statistic).toBeCloseTo(2.4065547555594464, 12);
    expect(result.pValue).toBeCloseTo(0.01610378974599241, 12);
  });

  it("is symmetric in sign, null for an empty arm, and p = 1 when nothing (or everything) was clicked", () => {
    const reversed = twoProportionZTest({ successes: 124, trials: 1000 }, { successes: 100, trials: 1000 })!;
    expect(reversed.statistic).toBeCloseTo(-1.701691186952819, 12);
    expect(twoProportionZTest({ successes: 0, trials: 0 }, { successes: 3, trials: 10 })).toBeNull();
    expect(twoProportionZTest({ successes: 0, trials: 50 }, { successes: 0, trials: 70 })).toEqual({ difference: 0, statistic: 0, pValue: 1 });
  });
});

// Arm A scored 1, 2, 3, 4, 5 and arm B 2, 4, 6, 8, 10, kept as { n, Σx, Σx² }.
const armA = { n: 5, sum: 15, sumSquares: 55 };
const armB = { n: 5, sum: 30, sumSquares: 220 };

describe("means from sufficient statistics", () => {
  it("recovers the mean and the unbiased variance", () => {
    // A: mean 3, s² = (55 − 15²/5)/4 = 2.5.  B: mean 6, s² = (220 − 30²/5)/4 = 10.
    expect(sampleMean(armA)).toBe(3);
    expect(sampleVariance(armA)).toBe(2.5);
    expect(sampleVariance(armB)).toBe(10);
    expect(sampleMean({ n: 0, sum: 0, sumSquares: 0 })).toBeNull();
    expect(sampleVariance({ n: 1, sum: 4, sumSquares: 16 })).toBeNull();
  });

  it("gives a t interval of 3 ± 2.776445 · √(2.5/5) = [1.0368, 4.9632]", () => {
    const interval = meanConfidenceInterval(armA)!;
    expect(interval.mean).toBe(3);
    expect(interval.lower).toBeCloseTo(1.0367568385224428, 12);
    expect(interval.upper).toBeCloseTo(4.963243161477557, 12);
  });

  it("has no interval below two observations and a zero-width one when every value is equal", () => {
    expect(meanConfidenceInterval({ n: 1, sum: 7, sumSquares: 49 })).toBeNull();
    expect(meanConfidenceInterval({ n: 3, sum: 21, sumSquares: 147 })).toEqual({ mean: 7, lower: 7, upper: 7 });
  });
});

describe("Welch's t-test", () => {
  it("works the example: t = 1.897, ν = 5.88, p = 0.1075", () => {
    // se = √(2.5/5 + 10/5) = √2.5 = 1.581139; t = (6 − 3)/1.581139 = 1.897367;
    // ν = 2.5² / (0.5²/4 + 2²/4) = 6.25/1.0625 = 5.882353; p = 2·P(T_5.88 > 1.897367) = 0.107531.
    const result = welchTTest(armA, armB)!;
    expect(result.difference).toBe(3);
    expect(result.statistic).toBeCloseTo(1.8973665961010275, 13);
    expect(result.degreesOfFreedom).toBeCloseTo(5.882352941176471, 13);
    expect(result.pValue).toBeCloseTo(0.10753119493062728, 12);
  });

  it("is null when an arm has fewer than two values or neither arm varies", () => {
    expect(welchTTest({ n: 1, sum: 3, sumSquares: 9 }, armB)).toBeNull();
    // Scores 5, 5, 5 against 6, 6, 6, 6: no variance to measure the difference against.
    expect(welchTTest({ n: 3, sum: 15, sumSquares: 75 }, { n: 4, sum: 24, sumSquares: 144 })).toBeNull();
    // One arm varying is enough: 5, 5, 5 against 1..5 gives t = 2/√(2.5/5) = 2.828 on ν = 4.
    expect(welchTTest({ n: 3, sum: 15, sumSquares: 75 }, armA)).toMatchObject({ difference: -2, statistic: expect.closeTo(-2 * Math.SQRT2, 12), degreesOfFreedom: 4 });
  });
});

describe("sample ratio mismatch", () => {
  it("lets 5,100 / 4,900 on a 50/50 split pass (χ² = 4, p = 0.0455) but flags 5,210 / 4,790 (χ² = 17.64, p = 0.000027)", () => {
    // χ² = (100² + 100²)/5000 = 4; (210² + 210²)/5000 = 17.64.
    const mild = sampleRatioMismatch([5100, 4900], [1, 1]);
    expect(mild.statistic).toBeCloseTo(4, 12);
    expect(mild.pValue).toBeCloseTo(0.04550026389635857, 12);
    expect(mild.mismatch).toBe(false);
    const drifted = sampleRatioMismatch([5210, 4790], [0.5, 0.5]);
    expect(drifted.statistic).toBeCloseTo(17.64, 12);
    expect(drifted.pValue).toBeCloseTo(2.6691498031812692e-5, 15);
    expect(drifted.mismatch).toBe(true);
  });

  it("measures against the configured split, not an even one", () => {
    // 70/30 of 10,000: expected 7,000 / 3,000; χ² = 100²/7000 + 100²/3000 = 4.7619.
    const check = sampleRatioMismatch([7100, 2900], [70, 30]);
    expect(check.expected).toEqual([7000, 3000]);
    expect(check.statistic).toBeCloseTo(4.761904761904762, 12);
    expect(check.pValue).toBeCloseTo(0.029096331741252267, 12);
  });

  it("flags traffic in an arm configured to get none, and passes an experiment without sessions", () => {
    // 21 sessions should all have gone to the two open arms, 10.5 each: χ² = 2 · 0.5²/10.5 = 1/21.
    expect(sampleRatioMismatch([10, 10, 1], [1, 1, 0])).toMatchObject({ pValue: 0, mismatch: true, degreesOfFreedom: 1, statistic: expect.closeTo(1 / 21, 12) });
    expect(sampleRatioMismatch([0, 0], [1, 1])).toMatchObject({ pValue: 1, mismatch: false });
  });
});

describe("sessions needed to detect a difference in proportions", () => {
  it("needs 3,841 sessions per arm to tell 10% from 12% at α = 0.05 and 80% power", () => {
    // p̄ = 0.11; (1.959964·√(2·0.11·0.89) + 0.841621·√(0.09 + 0.1056))² / 0.02²
    //   = (1.959964·0.442493 + 0.841621·0.442267)² / 0.0004 = 1.239492² / 0.0004 = 3840.85 → 3,841.
    expect(sessionsPerArmToDetect(0.1, 0.12)).toBe(3841);
    expect(sessionsPerArmToDetect(0.12, 0.1)).toBe(3841);
    expect(sessionsPerArmToDetect(0.5, 0.55)).toBe(1565);
  });

  it("needs more sessions for more power and has no answer when the rates are equal", () => {
    expect(sessionsPerArmToDetect(0.1, 0.12, { power: 0.9 })!).toBeGreaterThan(3841);
    expect(sessionsPerArmToDetect(0.1, 0.1)).toBeNull();
  });
});

describe("ratios with users as the unit (delta method)", () => {
  // Control: three users with 1 of 2, 0 of 1 and 2 of 3 sessions clicked. R = 3/6 = 0.5; the
  // residuals y − R·n are 0, −0.5 and 0.5, so Σ² = 0.5 and Var = 3/2 · 0.5 / 6² = 1/48.
  const control = clusteredSumsOf([[1, 2], [0, 1], [2, 3]]);
  // Treatment: four users, 2/2, 1/2, 1/1, 0/1. R = 4/6; residuals 2/3, −1/3, 1/3, −2/3, Σ² = 10/9;
  // Var = 4/3 · (10/9) / 36 = 10/243.
  const treatment = clusteredSumsOf([[2, 2], [1, 2], [1, 1], [0, 1]]);

  it("gives the ratio and its variance over users as worked by hand", () => {
    expect(clusteredRatio(control)).toEqual({ ratio: 0.5, variance: expect.closeTo(1 / 48, 15), clusters: 3 });
    expect(clusteredRatio(treatment)!.variance).toBeCloseTo(10 / 243, 15);
  });

  it("is the binomial variance p(1 − p)/(n − 1) when every user has one session", () => {
    // 7 of 20 single-session users clicked.
    const users = Array.from({ length: 20 }, (_, i) => [i < 7 ? 1 : 0, 1] as const);
    expect(clusteredRatio(clusteredSumsOf(users))!.variance).toBeCloseTo((0.35 * 0.65) / 19, 15);
  });

  it("widens the interval when a user's sessions agree with each other", () => {
    // The same 40% CTR over 100 sessions: from 100 one-session users, or from 10 users who each
    // either always (4) or never (6) click. Ten users are ten observations, not a hundred.
    const independent = clusteredRatioInterval(clusteredSumsOf(Array.from({ length: 100 }, (_, i) => [i < 40 ? 1 : 0, 1] as const)))!;
    const clustered = clusteredRatioInterval(clusteredSumsOf(Array.from({ length: 10 }, (_, i) => [i < 4 ? 10 : 0, 10] as const)))!;
    expect(clustered.mean).toBeCloseTo(0.4, 15);
    // Independent: t_{0.975, 99} · √(0.24/99) = 1.98422 · 0.049237 = 0.09770.
    expect(independent.upper - independent.mean).toBeCloseTo(0.0977, 4);
    // Ten users: t_{0.975, 9} · √(0.24/9) = 2.26216 · 0.163299 = 0.36941.
    expect(clustered.upper - clustered.mean).toBeCloseTo(0.36941, 4);
  });

  it("tests two arms with Welch–Satterthwaite degrees of freedom over users", () => {
    const test = clusteredRatioTest(control, treatment)!;
    const squaredError = 1 / 48 + 10 / 243;
    expect(test.difference).toBeCloseTo(1 / 6, 15);
    expect(test.statistic).toBeCloseTo(1 / 6 / Math.sqrt(squaredError), 12);
    // ν = (V_A + V_B)² / (V_A²/2 + V_B²/3) = 4.9164…
    expect(test.degreesOfFreedom).toBeCloseTo(squaredError ** 2 / ((1 / 48) ** 2 / 2 + (10 / 243) ** 2 / 3), 12);
    expect(test.pValue).toBeCloseTo(studentTTwoSidedPValue(test.statistic, test.degreesOfFreedom), 15);
    expect(test.pValue).toBeGreaterThan(0.5);
  });

  it("has nothing to say below two users in an arm, or when no user varies", () => {
    expect(clusteredRatio(clusteredSumsOf([[3, 5]]))).toBeNull();
    expect(clusteredRatioTest(clusteredSumsOf([[3, 5]]), treatment)).toBeNull();
    expect(clusteredRatioTest(clusteredSumsOf([[1, 2], [2, 4]]), clusteredSumsOf([[1, 2], [3, 6]]))).toBeNull();
    expect(clusteredRatioInterval(clusteredSumsOf([]))).toBeNull();
  });
});
