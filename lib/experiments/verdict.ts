import type { VariantAggregate } from "./aggregates";
import {
  clusteredRatio,
  clusteredRatioInterval,
  clusteredRatioTest,
  meanConfidenceInterval,
  sampleMean,
  sampleRatioMismatch,
  sessionsPerArmToDetect,
  twoProportionZTest,
  welchTTest,
  wilsonInterval,
  type ClusteredSums,
  type SampleRatioCheck,
  type SufficientStatistics,
  type TestResult,
  type WelchTestResult,
} from "./statistics";

/**
 * An experiment's figures and its verdict in words, from each variant's aggregate. The first
 * variant is the control; every other one is compared with it. Click-through rate is the primary
 * metric (z-test); the mean position score is tested too (Welch). With more than one comparison
 * each is held to α divided by their number (Bonferroni), so three arms do not get two chances
 * at a false "beats".
 *
 * Users are assigned, so users are the independent units, not sessions: one user's sessions share
 * that user's taste, and a test that counts them as separate draws finds "differences" between two
 * arms serving the same model far more often than it should. Given each variant's per-user sums,
 * every interval and test here treats the user as the unit (the delta method over users, in
 * statistics.ts). Without them, sessions are treated as independent.
 */

export type ExperimentMode = "ab" | "aa";

export interface VariantInput {
  name: string;
  /** Configured traffic share, relative to the other variants' weights. */
  weight: number;
  aggregate: VariantAggregate;
  /**
   * Distinct users assigned, when the caller knows them. Assignment is per user, so the sample
   * ratio check counts users when every variant has them, and sessions otherwise.
   */
  assignedUsers?: number;
  /** Per-user sums of each metric; when every variant has them, users are the unit of the tests. */
  perUser?: PerUserSums;
}

/** Each metric as a ratio of per-user sums: numerator y_u and denominator n_u per user. */
export interface PerUserSums {
  /** Clicks over sessions. */
  clicksPerSession: ClusteredSums;
  /** Likes over likes and dislikes. */
  likesPerReaction: ClusteredSums;
  /** Position scores over sessions with a selection. */
  scorePerSelection: ClusteredSums;
  /** Precision@K summed over sessions. */
  precisionPerSession: ClusteredSums;
  /** Recall@K summed over sessions with a positive. */
  recallPerSession: ClusteredSums;
}

export interface ExperimentInput {
  /** "aa" when every arm serves the same model, to check the pipeline rather than a model. */
  mode: ExperimentMode;
  /** Control first. */
  variants: readonly VariantInput[];
  alpha?: number;
  power?: number;
}

/** A metric with its 95% interval; null where there is no data to estimate from. */
export interface MetricEstimate {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Observations behind the estimate (sessions, reactions, scored sessions). */
  n: number;
}

export interface VariantMetrics {
  name: string;
  sessions: number;
  impressions: number;
  clicks: number;
  likes: number;
  dislikes: number;
  clickThroughRate: MetricEstimate;
  likeRate: MetricEstimate;
  meanPositionScore: MetricEstimate;
  precisionAtK: MetricEstimate;
  recallAtK: MetricEstimate;
}

export interface VariantComparison {
  control: string;
  treatment: string;
  /** What the tests count as one observation: users when per-user sums were given, else sessions. */
  unit: "user" | "session";
  /** The α each test of this comparison is held to (α / number of comparisons). */
  significanceThreshold: number;
  clickThroughRate: TestResult | null;
  meanPositionScore: WelchTestResult | null;
  /** Sessions per variant for the CTR test to detect the observed difference with the configured power. */
  sessionsPerVariantNeeded: number | null;
  moreSessionsPerVariantNeeded: number | null;
  /** The sentence for this comparison: CTR for an A/B test, both metrics for an A/A check. */
  verdict: string;
  /** The mean position score's result in a sentence, when both arms have scores to compare. */
  scoreVerdict: string | null;
}

export interface ExperimentVerdict {
  variants: VariantMetrics[];
  comparisons: VariantComparison[];
  sampleRatio: SampleRatioCheck & { basis: "users" | "sessions" };
  sampleRatioWarning: string | null;
  /** Every comparison's verdict, joined: what the experiment page shows as its headline. */
  verdict: string;
}

const CONFIDENCE = 0.95;
const EMPTY_ESTIMATE = (n: number): MetricEstimate => ({ value: null, lower: null, upper: null, n });

function proportionEstimate(successes: number, trials: number, perUser: ClusteredSums | undefined): MetricEstimate {
  if (perUser) return userLevelEstimate(perUser, trials, { lowest: 0, highest: 1 });
  const interval = wilsonInterval(successes, trials, CONFIDENCE);
  return interval ? { value: successes / trials, lower: interval.lower, upper: interval.upper, n: trials } : EMPTY_ESTIMATE(trials);
}

function meanEstimate(stats: SufficientStatistics, perUser: ClusteredSums | undefined): MetricEstimate {
  if (perUser) return userLevelEstimate(perUser, stats.n);
  const mean = sampleMean(stats);
  if (mean === null) return EMPTY_ESTIMATE(stats.n);
  const interval = meanConfidenceInterval(stats, CONFIDENCE);
  return { value: mean, lower: interval?.lower ?? null, upper: interval?.upper ?? null, n: stats.n };
}

/** The ratio with its interval over users (none below two users), kept within the metric's range. */
function userLevelEstimate(sums: ClusteredSums, n: number, range: { lowest: number; highest: number } = { lowest: -Infinity, highest: Infinity }): MetricEstimate {
  if (!(sums.sumN > 0)) return EMPTY_ESTIMATE(n);
  const interval = clusteredRatioInterval(sums, CONFIDENCE);
  const clamp = (value: number) => Math.min(range.highest, Math.max(range.lowest, value));
  return { value: sums.sumY / sums.sumN, lower: interval ? clamp(interval.lower) : null, upper: interval ? clamp(interval.upper) : null, n };
}

export function variantMetrics(name: string, aggregate: VariantAggregate, perUser?: PerUserSums): VariantMetrics {
  return {
    name,
    sessions: aggregate.sessions,
    impressions: aggregate.impressions,
    clicks: aggregate.clicks,
    likes: aggregate.likes,
    dislikes: aggregate.dislikes,
    clickThroughRate: proportionEstimate(aggregate.clicks, aggregate.sessions, perUser?.clicksPerSession),
    likeRate: proportionEstimate(aggregate.likes, aggregate.likes + aggregate.dislikes, perUser?.likesPerReaction),
    meanPositionScore: meanEstimate(aggregate.positionScore, perUser?.scorePerSelection),
    precisionAtK: meanEstimate(aggregate.precisionAtK, perUser?.precisionPerSession),
    recallAtK: meanEstimate(aggregate.recallAtK, perUser?.recallPerSession),
  };
}

// ---------------------------------------------------------------------------------------------
// Wording

const wholeNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** "12.4%" */
export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/**
 * "p = 0.003", "p = 0.21", "p < 0.001". Rounded down, so a p-value just under a threshold never
 * reads as the threshold itself (0.0499 is "0.049", not "0.05").
 */
export function formatPValue(pValue: number): string {
  if (pValue < 0.001) return "p < 0.001";
  const decimals = pValue < 0.1 ? 3 : 2;
  const scale = 10 ** decimals;
  // The small nudge keeps 0.29 (stored as 0.28999…) from flooring to 0.28.
  return `p = ${(Math.floor(pValue * scale + 1e-9) / scale).toFixed(decimals)}`;
}

/** A sample size rounded up to two significant figures, as "about 1,900" should read. */
export function roughSessionCount(count: number): string {
  if (count < 100) return wholeNumber.format(Math.ceil(count));
  const step = 10 ** (Math.floor(Math.log10(count)) - 1);
  return wholeNumber.format(Math.ceil(count / step) * step);
}

function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

// ---------------------------------------------------------------------------------------------
// Comparing a variant with the control

interface ComparisonContext {
  mode: ExperimentMode;
  threshold: number;
  power: number;
  comparisonCount: number;
}

/** ", threshold 0.025 for 2 comparisons" when there is more than one comparison, else nothing. */
function thresholdNote(context: ComparisonContext): string {
  return context.comparisonCount > 1 ? `, threshold ${context.threshold.toFixed(3)} for ${context.comparisonCount} comparisons` : "";
}

function compare(control: VariantInput, treatment: VariantInput, context: ComparisonContext): VariantComparison {
  const a = control.aggregate;
  const b = treatment.aggregate;
  const perUser = control.perUser && treatment.perUser ? { control: control.perUser, treatment: treatment.perUser } : null;
  const ctrTest = perUser
    ? clusteredRatioTest(perUser.control.clicksPerSession, perUser.treatment.clicksPerSession)
    : twoProportionZTest({ successes: a.clicks, trials: a.sessions }, { successes: b.clicks, trials: b.sessions });
  const scoreTest = perUser ? clusteredRatioTest(perUser.control.scorePerSelection, perUser.treatment.scorePerSelection) : welchTTest(a.positionScore, b.positionScore);
  const base = { control: control.name, treatment: treatment.name, unit: perUser ? ("user" as const) : ("session" as const), significanceThreshold: context.threshold, clickThroughRate: ctrTest, meanPositionScore: scoreTest };
  const untested = { ...base, sessionsPerVariantNeeded: null, moreSessionsPerVariantNeeded: null, scoreVerdict: null };

  const empty = [control, treatment].filter((variant) => variant.aggregate.sessions === 0).map((variant) => variant.name);
  if (empty.length > 0) return { ...untested, verdict: `No sessions yet in ${listNames(empty)}` };
  if (ctrTest === null) {
    const fewUsers = perUser && [perUser.control, perUser.treatment].some((sums) => sums.clicksPerSession.clusters < 2);
    return { ...untested, verdict: fewUsers ? "Too few users to compare yet: a test needs at least two users in each variant" : "Nothing to test on CTR yet: no variation in either variant" };
  }

  const controlRate = a.clicks / a.sessions;
  const treatmentRate = b.clicks / b.sessions;
  const independentSessionsNeeded = sessionsPerArmToDetect(controlRate, treatmentRate, { alpha: context.threshold, power: context.power });
  const needed = independentSessionsNeeded === null ? null : Math.ceil(independentSessionsNeeded * (perUser ? designEffect(a, b, perUser) : 1));
  const more = needed === null ? null : Math.max(0, needed - Math.min(a.sessions, b.sessions));
  const scoreVerdict = scoreTest && describeScoreTest(control.name, treatment.name, a.positionScore, b.positionScore, scoreTest, context);
  const verdict =
    context.mode === "aa"
      ? describeAaCheck(control, treatment, ctrTest, scoreTest, context)
      : describeCtrTest(control.name, treatment.name, controlRate, treatmentRate, ctrTest, more, Math.min(a.sessions, b.sessions), context);
  return { ...base, sessionsPerVariantNeeded: needed, moreSessionsPerVariantNeeded: more, verdict, scoreVerdict };
}

/**
 * How much wider users make the CTR's variance than independent sessions would: (Var_A + Var_B)
 * over users / (p_A(1 − p_A)/n_A + p_B(1 − p_B)/n_B). The sample size for independent sessions
 * times this is what users who come back need (Kish's design effect). Never below 1: a smaller
 * observed value is noise from few users, and a sample size should not be promised on it.
 */
function designEffect(a: VariantAggregate, b: VariantAggregate, perUser: { control: PerUserSums; treatment: PerUserSums }): number {
  const control = clusteredRatio(perUser.control.clicksPerSession);
  const treatment = clusteredRatio(perUser.treatment.clicksPerSession);
  if (!control || !treatment) return 1;
  const independentVariance = (rate: number, sessions: number) => (rate * (1 - rate)) / sessions;
  const independent = independentVariance(a.clicks / a.sessions, a.sessions) + independentVariance(b.clicks / b.sessions, b.sessions);
  return independent > 0 ? Math.max(1, (control.variance + treatment.variance) / independent) : 1;
}

function describeCtrTest(
  controlName: string,
  treatmentName: string,
  controlRate: number,
  treatmentRate: number,
  test: TestResult,
  more: number | null,
  sessionsPerVariant: number,
  context: ComparisonContext,
): string {
  const note = thresholdNote(context);
  if (test.pValue < context.threshold) {
    const [winner, winnerRate, loser, loserRate] = test.difference > 0 ? [treatmentName, treatmentRate, controlName, controlRate] : [controlName, controlRate, treatmentName, treatmentRate];
    return `${winner} beats ${loser} on CTR (${formatPercent(winnerRate)} vs ${formatPercent(loserRate)}), ${formatPValue(test.pValue)}${note}`;
  }
  const p = formatPValue(test.pValue);
  if (more === null) return `Not significant yet (${p}${note}): ${treatmentName} and ${controlName} have the same CTR so far (${formatPercent(controlRate)})`;
  // The estimate assumes the observed difference is the true one; early differences tend to be
  // overstated, so this is a floor more often than a promise.
  if (more > 0) return `Not significant yet (${p}${note}): about ${roughSessionCount(more)} more sessions per variant needed`;
  return `No significant difference on CTR (${p}${note}) after ${wholeNumber.format(sessionsPerVariant)} sessions per variant: ${formatPercent(treatmentRate)} for ${treatmentName} vs ${formatPercent(controlRate)} for ${controlName}`;
}

function describeScoreTest(controlName: string, treatmentName: string, a: SufficientStatistics, b: SufficientStatistics, test: WelchTestResult, context: ComparisonContext): string {
  const controlMean = a.sum / a.n;
  const treatmentMean = b.sum / b.n;
  const note = thresholdNote(context);
  if (test.pValue < context.threshold && context.mode === "ab") {
    const [winner, winnerMean, loser, loserMean] = test.difference > 0 ? [treatmentName, treatmentMean, controlName, controlMean] : [controlName, controlMean, treatmentName, treatmentMean];
    return `${winner} beats ${loser} on mean score (${winnerMean.toFixed(2)} vs ${loserMean.toFixed(2)}), ${formatPValue(test.pValue)}${note}`;
  }
  const significance = test.pValue < context.threshold ? "Significant difference" : "No significant difference";
  return `${significance} on mean score (${treatmentMean.toFixed(2)} for ${treatmentName} vs ${controlMean.toFixed(2)} for ${controlName}, ${formatPValue(test.pValue)}${note})`;
}

function describeAaCheck(control: VariantInput, treatment: VariantInput, ctrTest: TestResult, scoreTest: WelchTestResult | null, context: ComparisonContext): string {
  const a = control.aggregate;
  const b = treatment.aggregate;
  const differences: string[] = [];
  if (ctrTest.pValue < context.threshold) {
    differences.push(`CTR (${formatPercent(b.clicks / b.sessions)} vs ${formatPercent(a.clicks / a.sessions)}, ${formatPValue(ctrTest.pValue)})`);
  }
  if (scoreTest && scoreTest.pValue < context.threshold) {
    const treatmentMean = b.positionScore.sum / b.positionScore.n;
    const controlMean = a.positionScore.sum / a.positionScore.n;
    differences.push(`mean score (${treatmentMean.toFixed(2)} vs ${controlMean.toFixed(2)}, ${formatPValue(scoreTest.pValue)})`);
  }
  if (differences.length > 0) {
    return `A/A check failed: ${treatment.name} and ${control.name} differ on ${differences.join(" and ")} although both serve the same model; look for a fault in assignment or logging before trusting A/B results`;
  }
  const arms = context.comparisonCount > 1 ? `${control.name} and ${treatment.name}` : "the arms";
  const pValues = scoreTest ? `${formatPValue(ctrTest.pValue)} on CTR, ${formatPValue(scoreTest.pValue)} on mean score` : formatPValue(ctrTest.pValue);
  return `A/A check passed: no difference between ${arms} (${pValues})`;
}

// ---------------------------------------------------------------------------------------------
// Sample ratio

function sampleRatioWarning(variants: readonly VariantInput[], check: SampleRatioCheck, basis: "users" | "sessions", observed: readonly number[]): string | null {
  if (!check.mismatch) return null;
  const totalWeight = variants.reduce((sum, variant) => sum + variant.weight, 0);
  const split = observed.map((count) => wholeNumber.format(count)).join(" / ");
  const configured = variants.map((variant) => `${Math.round((variant.weight / totalWeight) * 1000) / 10}%`).join(" / ");
  const p = check.pValue === 0 ? "an arm configured for no traffic received some" : formatPValue(check.pValue);
  return (
    `Sample ratio mismatch: ${basis} split ${split} (${variants.map((v) => v.name).join(" / ")}) against a configured ${configured} (${p}); ` +
    "some users are lost or misassigned in one arm, so the comparison cannot be trusted until that is found"
  );
}

// ---------------------------------------------------------------------------------------------

export function experimentVerdict(input: ExperimentInput): ExperimentVerdict {
  const { mode, variants, alpha = 0.05, power = 0.8 } = input;
  if (variants.length === 0) throw new RangeError("an experiment needs at least one variant");

  const useUsers = variants.every((variant) => variant.assignedUsers !== undefined);
  const observed = variants.map((variant) => (useUsers ? variant.assignedUsers! : variant.aggregate.sessions));
  const check = sampleRatioMismatch(observed, variants.map((variant) => variant.weight));
  const basis = useUsers ? "users" : "sessions";

  const [control, ...treatments] = variants as [VariantInput, ...VariantInput[]];
  const context: ComparisonContext = { mode, threshold: alpha / Math.max(1, treatments.length), power, comparisonCount: treatments.length };
  const comparisons = treatments.map((treatment) => compare(control, treatment, context));

  const totalSessions = variants.reduce((sum, variant) => sum + variant.aggregate.sessions, 0);
  let verdict: string;
  if (totalSessions === 0) verdict = "No sessions yet";
  else if (comparisons.length === 0) verdict = `Only one variant (${control.name}): nothing to compare`;
  else verdict = comparisons.map((comparison) => comparison.verdict).join("; ");

  return {
    variants: variants.map((variant) => variantMetrics(variant.name, variant.aggregate, variant.perUser)),
    comparisons,
    sampleRatio: { ...check, basis },
    sampleRatioWarning: sampleRatioWarning(variants, check, basis, observed),
    verdict,
  };
}
