import "server-only";
import { createHash } from "node:crypto";

/**
 * Sticky assignment of users to experiment variants. A user's arm is a pure function of the
 * experiment id, the user id and the split, so every process and machine (and every request,
 * unlike the seed 003 service, which re-drew per request) puts the same user in the same arm
 * without storing anything.
 */

/** 2⁵²: a double holds every integer below 2⁵³, so 52 hash bits map onto [0, 1) exactly and evenly. */
const TWO_TO_THE_52 = 2 ** 52;

/**
 * The (experiment, user) pair as a point of [0, 1): the first 52 bits of SHA-256 over both ids.
 * SHA-256 rather than a fast non-cryptographic hash because its bits are uniform and independent
 * for any input pattern (sequential ids, shared prefixes), and a new experiment id gives an
 * unrelated permutation of users; hashing two short ids costs nothing beside the request it
 * serves. The experiment id is prefixed by its length (in UTF-16 units, JavaScript's) so that
 * ("ab", "c") and ("a", "bc") differ; both ids are hashed as UTF-8.
 */
export function assignmentPoint(experimentId: string, userId: string): number {
  const digest = createHash("sha256").update(`${experimentId.length}:${experimentId}|${userId}`, "utf8").digest();
  const high32 = digest.readUInt32BE(0);
  const next20 = digest.readUInt32BE(4) >>> 12;
  return (high32 * 2 ** 20 + next20) / TWO_TO_THE_52;
}

/**
 * The index of the variant a user sees. Weights are relative (70/30, 0.7/0.3 and 7/3 are one
 * split); the point is placed on their cumulative sum, so a variant with weight 0 is never
 * chosen. Changing the weights moves only the users near the boundaries that shift.
 */
export function assignVariant(experimentId: string, userId: string, weights: readonly number[]): number {
  const total = checkedTotalWeight(weights);
  const target = assignmentPoint(experimentId, userId) * total;
  let cumulative = 0;
  let lastLiveVariant = -1;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i]!;
    if (weight === 0) continue;
    cumulative += weight;
    lastLiveVariant = i;
    if (target < cumulative) return i;
  }
  // Rounding in the running sum can leave a point just above the last boundary.
  return lastLiveVariant;
}

function checkedTotalWeight(weights: readonly number[]): number {
  if (weights.length === 0) throw new RangeError("an experiment needs at least one variant");
  for (const weight of weights) {
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`variant weights must be finite and non-negative, got ${weight}`);
  }
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError("at least one variant needs a positive weight");
  return total;
}
