import type { ModelMetrics } from "./contract";

/**
 * Whether a nightly version replaces the one being served. It does unless its held-out
 * Precision@K fell by more than `tolerance` (relative): more data usually helps, and a small dip is
 * noise between splits, but a model that got clearly worse waits for an admin to look.
 */
export function shouldPromote(candidate: ModelMetrics | null, serving: ModelMetrics | null, tolerance = 0.1): boolean {
  if (!serving) return true;
  if (!candidate) return false;
  if (candidate.k !== serving.k) return true;
  return candidate.precisionAtK >= serving.precisionAtK * (1 - tolerance);
}
