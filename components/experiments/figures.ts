import type { ExperimentResults } from "@/lib/experiments/contract";

/** How the results page writes its figures: a value with its 95% interval, in one short string. */

type Estimate = ExperimentResults["variants"][number]["clickThroughRate"];

export function percentText(value: number | null, digits = 1): string {
  return value === null ? "—" : `${(value * 100).toFixed(digits)}%`;
}

export function numberText(value: number | null, digits = 2): string {
  return value === null ? "—" : value.toFixed(digits);
}

/** "12.4% (10.1–14.9%)", or "—" when there is nothing to estimate from. */
export function estimateText(estimate: Estimate, kind: "rate" | "score"): string {
  if (estimate.value === null) return "—";
  const format = kind === "rate" ? (v: number | null) => percentText(v).replace("%", "") : (v: number | null) => numberText(v);
  const unit = kind === "rate" ? "%" : "";
  const interval = estimate.lower === null || estimate.upper === null ? "" : ` (${format(estimate.lower)}–${format(estimate.upper)}${unit})`;
  return `${format(estimate.value)}${unit}${interval}`;
}

/** "p = 0.003", "p < 0.001". */
export function pValueText(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p.toFixed(3)}`;
}

export function wholeText(n: number): string {
  return n.toLocaleString("en-US");
}
