/**
 * The statistics behind an experiment's verdict, in plain TypeScript: the special functions
 * (log-gamma, regularized incomplete gamma and beta) and the distributions, intervals and tests
 * built on them. Invalid arguments (a negative count, a probability outside (0, 1)) are
 * programming errors and throw a RangeError; "not enough data" is an ordinary answer (null).
 */

/** Relative accuracy the series and continued fractions stop at: a few units of double precision. */
const EPSILON = 1e-15;
/** Stand-in for zero in the modified Lentz method, which divides by its running terms. */
const TINY = 1e-300;
/** The series and fractions here converge in tens to hundreds of steps; the cap only stops a bug from looping. */
const MAX_ITERATIONS = 100_000;

// ---------------------------------------------------------------------------------------------
// Special functions

/**
 * ln Γ(x) for x > 0 by the Lanczos approximation with the coefficients of Numerical Recipes,
 * 3rd ed., §6.1 (`gammln`, g = 671/128, 14 terms), good to about 1e-15 relative.
 */
const LANCZOS_COEFFICIENTS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4,
  0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs x > 0, got ${x}`);
  let denominator = x;
  const shifted = x + 671 / 128;
  const head = (x + 0.5) * Math.log(shifted) - shifted;
  let series = 0.999999999999997092;
  for (const coefficient of LANCZOS_COEFFICIENTS) series += coefficient / ++denominator;
  return head + Math.log((2.5066282746310005 * series) / x);
}

/** x^a e^(−x) / Γ(a), the factor both forms of the incomplete gamma share (NR §6.2). */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** P(a, x) by its power series, which converges quickly for x < a + 1 (NR `gser`). */
function gammaPSeries(a: number, x: number): number {
  let denominator = a;
  let term = 1 / a;
  let sum = term;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    term *= x / ++denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) return sum * gammaPrefactor(a, x);
  }
  throw new Error(`incomplete gamma series did not converge for a = ${a}, x = ${x}`);
}

/** Q(a, x) by Legendre's continued fraction, evaluated with the modified Lentz method, for x ≥ a + 1 (NR `gcf`). */
function gammaQContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) <= EPSILON) return gammaPrefactor(a, x) * fraction;
  }
  throw new Error(`incomplete gamma continued fraction did not converge for a = ${a}, x = ${x}`);
}

function checkGammaArguments(a: number, x: number): void {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`incomplete gamma needs a > 0 and x ≥ 0, got a = ${a}, x = ${x}`);
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaPSeries(a, x) : 1 - gammaQContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly so small tails keep their digits. */
export function regularizedGammaQ(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaPSeries(a, x) : gammaQContinuedFraction(a, x);
}

/** The continued fraction of I_x(a, b) (NR §6.4 `betacf`), by the modified Lentz method. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const sum = a + b;
  const aPlusOne = a + 1;
  const aMinusOne = a - 1;
  let c = 1;
  let d = 1 - (sum * x) / aPlusOne;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const twoM = 2 * m;
    // The even step of the fraction, d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
    let coefficient = (m * (b - m) * x) / ((aMinusOne + twoM) * (a + twoM));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    // The odd step, d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
    coefficient = (-(a + m) * (sum + m) * x) / ((a + twoM) * (aPlusOne + twoM));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) <= EPSILON) return fraction;
  }
  throw new Error(`incomplete beta continued fraction did not converge for x = ${x}, a = ${a}, b = ${b}`);
}

const LN_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * lnΓ(x) − ((x − ½)ln x − x + ln√(2π)) for x ≥ 10: the Stirling series Σ B₂ₖ / (2k(2k − 1)x^(2k−1)),
 * six terms, whose remainder is below 1e-15 there.
 */
function stirlingRemainder(x: number): number {
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  return inverse * (1 / 12 + inverseSquared * (-1 / 360 + inverseSquared * (1 / 1260 + inverseSquared * (-1 / 1680 + inverseSquared * (1 / 1188 + inverseSquared * (-691 / 360360))))));
}

/**
 * ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b). For large arguments that difference of three large
 * numbers cancels (at a = 5·10⁵ it keeps only nine digits), so the Stirling terms are cancelled
 * by hand first, as R's nmath `lbeta` does.
 */
export function lnBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`lnBeta needs a, b > 0, got a = ${a}, b = ${b}`);
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  const share = small / (small + large);
  if (small >= 10) {
    const correction = stirlingRemainder(small) + stirlingRemainder(large) - stirlingRemainder(small + large);
    return -0.5 * Math.log(large) + LN_SQRT_TWO_PI + correction + (small - 0.5) * Math.log(share) + large * Math.log1p(-share);
  }
  if (large >= 10) {
    const correction = stirlingRemainder(large) - stirlingRemainder(small + large);
    return lnGamma(small) + correction + small - small * Math.log(small + large) + (large - 0.5) * Math.log1p(-share);
  }
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/**
 * A point of the incomplete beta given with its complement and both logarithms, so a caller that
 * knows them more precisely than 1 − x and Math.log(x) would give (the t distribution) can pass them.
 */
interface BetaPoint {
  x: number;
  complement: number;
  logX: number;
  logComplement: number;
}

function incompleteBetaAt(point: BetaPoint, a: number, b: number): number {
  if (point.x === 0 || point.complement === 0) return point.x === 0 ? 0 : 1;
  const front = Math.exp(a * point.logX + b * point.logComplement - lnBeta(a, b));
  if (point.x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(point.x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(point.complement, b, a)) / b;
}

/**
 * Regularized incomplete beta I_x(a, b) (NR §6.4 `betai`). The continued fraction converges fast
 * for x < (a + 1)/(a + b + 2); beyond that the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used.
 * Accurate to about 1e-14 for moderate a and b. With x within 1e-5 of 1 and a in the hundreds of
 * thousands (a t-test on a million sessions) the fraction's terms 1 + d·(≈ −1) cancel and about
 * ten significant digits remain, which is still far more than a p-value needs.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`incomplete beta needs a, b > 0, got a = ${a}, b = ${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incomplete beta needs 0 ≤ x ≤ 1, got ${x}`);
  return incompleteBetaAt({ x, complement: 1 - x, logX: Math.log(x), logComplement: Math.log1p(-x) }, a, b);
}

// ---------------------------------------------------------------------------------------------
// Distributions

/** Φ(z), the standard normal CDF, through erfc(u) = Q(½, u²): Φ(z) = ½·erfc(−z/√2). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError("normalCdf of NaN");
  const halfTail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z < 0 ? halfTail : 1 - halfTail;
}

/** 1 − Φ(z) without the cancellation of computing it from Φ(z) when z is large. */
export function normalSurvival(z: number): number {
  return normalCdf(-z);
}

/**
 * Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9), polished by one Halley step
 * on Φ(x) − p, which brings it to about double precision.
 * Source: P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution function", 2003.
 */
const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const ACKLAM_LOW = 0.02425;

function polynomial(coefficients: readonly number[], x: number): number {
  return coefficients.reduce((accumulated, coefficient) => accumulated * x + coefficient, 0);
}

export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  let x: number;
  if (p < ACKLAM_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = polynomial(ACKLAM_C, q) / (polynomial(ACKLAM_D, q) * q + 1);
  } else if (p <= 1 - ACKLAM_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x = (polynomial(ACKLAM_A, r) * q) / (polynomial(ACKLAM_B, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x = -polynomial(ACKLAM_C, q) / (polynomial(ACKLAM_D, q) * q + 1);
  }
  // Halley: with e = Φ(x) − p and u = e/φ(x), x ← x − u / (1 + x·u/2).
  const error = normalCdf(x) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

function checkDegreesOfFreedom(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
}

/**
 * P(T > t) for t ≥ 0: ½·I_x(ν/2, ½) with x = ν/(ν + t²) (NR §6.14). x and 1 − x are formed from ν
 * and t² separately, and ln x as −ln(1 + t²/ν), because with ν in the millions ν/2 · ln x would
 * otherwise amplify the rounding of x. Infinite ν is the normal distribution.
 */
function studentTUpperTail(t: number, df: number): number {
  if (df === Infinity) return normalSurvival(t);
  if (t === 0) return 0.5;
  const squared = t * t;
  const total = df + squared;
  const point = { x: df / total, complement: squared / total, logX: -Math.log1p(squared / df), logComplement: Math.log(squared) - Math.log(total) };
  return 0.5 * incompleteBetaAt(point, df / 2, 0.5);
}

/** The Student-t CDF with `df` (not necessarily whole) degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  checkDegreesOfFreedom(df);
  if (Number.isNaN(t)) throw new RangeError("studentTCdf of NaN");
  const tail = studentTUpperTail(Math.abs(t), df);
  return t < 0 ? tail : 1 - tail;
}

/** P(|T| ≥ |t|), the two-sided p-value of a t statistic. */
export function studentTTwoSidedPValue(t: number, df: number): number {
  checkDegreesOfFreedom(df);
  return Math.min(1, 2 * studentTUpperTail(Math.abs(t), df));
}

function studentTDensity(t: number, df: number): number {
  const logDensity = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/**
 * The t quantile, by Newton's method on the upper tail kept inside a bracket (a step that leaves
 * the bracket is replaced by bisection), so it cannot diverge for small ν where the tails are heavy.
 */
export function studentTQuantile(p: number, df: number): number {
  checkDegreesOfFreedom(df);
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile needs 0 < p < 1, got ${p}`);
  if (df === Infinity) return normalQuantile(p);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const tail = 1 - p;
  let low = 0;
  let high = 1;
  while (studentTUpperTail(high, df) > tail) {
    low = high;
    high *= 2;
  }
  let t = Math.min(Math.max(normalQuantile(p), low), high);
  for (let i = 0; i < 200; i++) {
    const excess = studentTUpperTail(t, df) - tail; // positive: t is still below the quantile
    if (excess > 0) low = t;
    else high = t;
    let next = t + excess / studentTDensity(t, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}

/** P(X ≥ x) for a chi-square variable with `df` degrees of freedom: Q(df/2, x/2). */
export function chiSquareSurvival(x: number, df: number): number {
  checkDegreesOfFreedom(df);
  if (Number.isNaN(x)) throw new RangeError("chiSquareSurvival of NaN");
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}

// ---------------------------------------------------------------------------------------------
// Intervals and tests

export interface Interval {
  lower: number;
  upper: number;
}

/** z with P(|Z| ≤ z) = confidence, e.g. 1.959964 for 0.95. */
export function twoSidedNormalCritical(confidence: number): number {
  checkConfidence(confidence);
  return normalQuantile(1 - (1 - confidence) / 2);
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
}

function checkCounts(successes: number, trials: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`expected whole counts with 0 ≤ successes ≤ trials, got ${successes} of ${trials}`);
  }
}

/**
 * Wilson score interval for a proportion (Wilson 1927; Agresti & Coull 1998 recommend it over the
 * Wald interval, which collapses to a point at 0 or n successes and undercovers for small n):
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
 * Null when there are no trials.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval | null {
  checkCounts(successes, trials);
  if (trials === 0) return null;
  const z = twoSidedNormalCritical(confidence);
  const proportion = successes / trials;
  const zSquaredOverN = (z * z) / trials;
  const centre = (proportion + zSquaredOverN / 2) / (1 + zSquaredOverN);
  const halfWidth = (z / (1 + zSquaredOverN)) * Math.sqrt((proportion * (1 - proportion)) / trials + zSquaredOverN / (4 * trials));
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}

export interface ProportionCounts {
  successes: number;
  trials: number;
}

export interface TestResult {
  /** Treatment minus control, in the metric's own unit. */
  difference: number;
  statistic: number;
  pValue: number;
}

/**
 * Two-sided two-proportion z-test with the pooled variance (the usual test of H₀: p_A = p_B):
 *   p̄ = (x_A + x_B)/(n_A + n_B),  z = (p̂_B − p̂_A) / √(p̄(1 − p̄)(1/n_A + 1/n_B)),  p = 2(1 − Φ(|z|)).
 * Null when either arm has no trials. When every trial in both arms succeeded (or none did) the
 * arms are identical: z = 0, p = 1.
 */
export function twoProportionZTest(control: ProportionCounts, treatment: ProportionCounts): TestResult | null {
  checkCounts(control.successes, control.trials);
  checkCounts(treatment.successes, treatment.trials);
  if (control.trials === 0 || treatment.trials === 0) return null;
  const difference = treatment.successes / treatment.trials - control.successes / control.trials;
  const pooled = (control.successes + treatment.successes) / (control.trials + treatment.trials);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / control.trials + 1 / treatment.trials));
  if (standardError === 0) return { difference, statistic: 0, pValue: 1 };
  const z = difference / standardError;
  return { difference, statistic: z, pValue: Math.min(1, 2 * normalSurvival(Math.abs(z))) };
}

/** What a table can keep for a metric by adding rows: count, Σx and Σx². */
export interface SufficientStatistics {
  n: number;
  sum: number;
  sumSquares: number;
}

/** Sample mean, or null without observations. */
export function sampleMean(stats: SufficientStatistics): number | null {
  return stats.n > 0 ? stats.sum / stats.n : null;
}

/**
 * Unbiased sample variance s² = (Σx² − (Σx)²/n) / (n − 1), or null below two observations.
 * Clamped at 0: with identical values rounding can leave a tiny negative.
 */
export function sampleVariance(stats: SufficientStatistics): number | null {
  if (stats.n < 2) return null;
  return Math.max(0, (stats.sumSquares - (stats.sum * stats.sum) / stats.n) / (stats.n - 1));
}

export interface MeanInterval extends Interval {
  mean: number;
}

/** mean ± t_{(1+c)/2, n−1} · s/√n. Null below two observations, where s is undefined. */
export function meanConfidenceInterval(stats: SufficientStatistics, confidence = 0.95): MeanInterval | null {
  checkConfidence(confidence);
  const variance = sampleVariance(stats);
  if (variance === null) return null;
  const mean = stats.sum / stats.n;
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, stats.n - 1) * Math.sqrt(variance / stats.n);
  return { mean, lower: mean - halfWidth, upper: mean + halfWidth };
}

export interface WelchTestResult extends TestResult {
  degreesOfFreedom: number;
}

/**
 * Welch's unequal-variance t-test (Welch 1947), two-sided:
 *   t = (x̄_B − x̄_A) / √(s²_A/n_A + s²_B/n_B),
 *   ν = (s²_A/n_A + s²_B/n_B)² / ((s²_A/n_A)²/(n_A − 1) + (s²_B/n_B)²/(n_B − 1))   (Welch–Satterthwaite).
 * Null when an arm has fewer than two observations, and when neither arm varies at all: the test
 * is then undefined (two sessions scoring 10 against two scoring 9 would otherwise be "p = 0").
 */
export function welchTTest(control: SufficientStatistics, treatment: SufficientStatistics): WelchTestResult | null {
  const controlVariance = sampleVariance(control);
  const treatmentVariance = sampleVariance(treatment);
  if (controlVariance === null || treatmentVariance === null) return null;
  const difference = treatment.sum / treatment.n - control.sum / control.n;
  const controlShare = controlVariance / control.n;
  const treatmentShare = treatmentVariance / treatment.n;
  const squaredError = controlShare + treatmentShare;
  if (squaredError === 0) return null;
  const t = difference / Math.sqrt(squaredError);
  const degreesOfFreedom = (squaredError * squaredError) / ((controlShare * controlShare) / (control.n - 1) + (treatmentShare * treatmentShare) / (treatment.n - 1));
  return { difference, statistic: t, pValue: studentTTwoSidedPValue(t, degreesOfFreedom), degreesOfFreedom };
}

/**
 * Per-user sums of a ratio metric (clicks per session, score per scored session), which a table
 * keeps by addition: over users u, Y = Σy_u and N = Σn_u, and the second moments Σy_u², Σn_u²,
 * Σy_u·n_u. Experiments assign users, not sessions, so users are the independent units: one
 * user's sessions share that user's taste and cannot count as separate draws.
 */
export interface ClusteredSums {
  /** Users with at least one unit of the denominator. */
  clusters: number;
  sumY: number;
  sumN: number;
  sumYY: number;
  sumNN: number;
  sumYN: number;
}

export interface ClusteredRatio {
  ratio: number;
  /** Var(Y/N) by the delta method over users. */
  variance: number;
  clusters: number;
}

/**
 * The ratio Y/N and its variance with users as the unit, by the delta method (Deng, Knoblich & Lu,
 * "Applying the Delta Method in Metric Analytics", KDD 2018), the same as a cluster-robust
 * (CR1) standard error:
 *   R = Y/N,  Var(R) = K/(K − 1) · Σ_u (y_u − R·n_u)² / N²,  with Σ(y − Rn)² = Σy² − 2RΣyn + R²Σn².
 * With one session per user it is the usual p(1 − p)/(n − 1). Null below two users, where no
 * spread can be seen. Clamped at 0: the expanded sum can round to a tiny negative.
 */
export function clusteredRatio(sums: ClusteredSums): ClusteredRatio | null {
  const { clusters, sumY, sumN, sumYY, sumNN, sumYN } = sums;
  if (clusters < 2 || !(sumN > 0)) return null;
  const ratio = sumY / sumN;
  const residualSquares = Math.max(0, sumYY - 2 * ratio * sumYN + ratio * ratio * sumNN);
  return { ratio, variance: ((clusters / (clusters - 1)) * residualSquares) / (sumN * sumN), clusters };
}

/** R ± t_{(1+c)/2, K−1} · √Var(R): a t quantile with users − 1 degrees of freedom, as for a mean over users. */
export function clusteredRatioInterval(sums: ClusteredSums, confidence = 0.95): MeanInterval | null {
  checkConfidence(confidence);
  const estimate = clusteredRatio(sums);
  if (!estimate) return null;
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, estimate.clusters - 1) * Math.sqrt(estimate.variance);
  return { mean: estimate.ratio, lower: estimate.ratio - halfWidth, upper: estimate.ratio + halfWidth };
}

/**
 * Two-sided test of R_B = R_A with users as the unit: t = (R_B − R_A) / √(Var_A + Var_B), with
 * Welch–Satterthwaite degrees of freedom from each arm's users − 1, so a handful of users is judged
 * by a heavy-tailed t and thousands by the normal. Null when an arm has fewer than two users, or
 * when neither arm varies at all (as for Welch's test).
 */
export function clusteredRatioTest(control: ClusteredSums, treatment: ClusteredSums): WelchTestResult | null {
  const a = clusteredRatio(control);
  const b = clusteredRatio(treatment);
  if (!a || !b) return null;
  const squaredError = a.variance + b.variance;
  const difference = b.ratio - a.ratio;
  if (squaredError === 0) return null;
  const t = difference / Math.sqrt(squaredError);
  const degreesOfFreedom = (squaredError * squaredError) / ((a.variance * a.variance) / (a.clusters - 1) + (b.variance * b.variance) / (b.clusters - 1));
  return { difference, statistic: t, pValue: studentTTwoSidedPValue(t, degreesOfFreedom), degreesOfFreedom };
}

/** The usual sample-ratio-mismatch threshold: at p < 0.001 a split this far off is almost never chance. */
export const SRM_P_VALUE_THRESHOLD = 0.001;

export interface SampleRatioCheck {
  /** Counts each arm should have had under the configured split. */
  expected: number[];
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  mismatch: boolean;
}

/**
 * Sample ratio mismatch: Pearson's chi-square goodness of fit of the observed counts per arm
 * against the configured split, χ² = Σ (O − E)²/E over the arms with a positive weight, with
 * (those arms − 1) degrees of freedom. An arm configured with no traffic that still received some
 * is a mismatch outright (p = 0), whatever the other arms' statistic.
 */
export function sampleRatioMismatch(observed: readonly number[], weights: readonly number[], threshold = SRM_P_VALUE_THRESHOLD): SampleRatioCheck {
  if (observed.length !== weights.length) throw new RangeError(`${observed.length} observed counts for ${weights.length} weights`);
  if (observed.some((count) => !Number.isInteger(count) || count < 0)) throw new RangeError("observed counts must be whole and non-negative");
  if (weights.some((weight) => !(weight >= 0) || !Number.isFinite(weight))) throw new RangeError("weights must be finite and non-negative");
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(totalWeight > 0)) throw new RangeError("at least one weight must be positive");
  const total = observed.reduce((sum, count) => sum + count, 0);
  const expected = weights.map((weight) => (total * weight) / totalWeight);
  const liveArms = weights.filter((weight) => weight > 0).length;
  const degreesOfFreedom = liveArms - 1;
  let statistic = 0;
  observed.forEach((count, i) => {
    const expectedCount = expected[i]!;
    if (expectedCount > 0) statistic += ((count - expectedCount) * (count - expectedCount)) / expectedCount;
  });
  if (observed.some((count, i) => weights[i] === 0 && count > 0)) return { expected, statistic, degreesOfFreedom, pValue: 0, mismatch: true };
  if (total === 0 || degreesOfFreedom === 0) return { expected, statistic, degreesOfFreedom, pValue: 1, mismatch: false };
  const pValue = chiSquareSurvival(statistic, degreesOfFreedom);
  return { expected, statistic, degreesOfFreedom, pValue, mismatch: pValue < threshold };
}

/**
 * Sessions per arm for a two-sided test of two proportions to detect p_A vs p_B, without
 * continuity correction (Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions,
 * 3rd ed., eq. 4.14):
 *   n = (z_{1−α/2}·√(2p̄(1 − p̄)) + z_{1−β}·√(p_A(1 − p_A) + p_B(1 − p_B)))² / (p_A − p_B)²,  p̄ = (p_A + p_B)/2.
 * Rounded up. Null when the proportions are equal: no sample size detects no difference.
 */
export function sessionsPerArmToDetect(controlRate: number, treatmentRate: number, options: { alpha?: number; power?: number } = {}): number | null {
  const { alpha = 0.05, power = 0.8 } = options;
  for (const rate of [controlRate, treatmentRate]) if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rates must be in [0, 1], got ${rate}`);
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) throw new RangeError("alpha and power must be in (0, 1)");
  const difference = treatmentRate - controlRate;
  if (difference === 0) return null;
  const meanRate = (controlRate + treatmentRate) / 2;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zBeta = normalQuantile(power);
  const root = zAlpha * Math.sqrt(2 * meanRate * (1 - meanRate)) + zBeta * Math.sqrt(controlRate * (1 - controlRate) + treatmentRate * (1 - treatmentRate));
  return Math.ceil((root * root) / (difference * difference));
}
