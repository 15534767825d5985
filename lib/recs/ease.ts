import { invertSpdInPlace } from "./linear-algebra";
import { columnCounts, type InteractionMatrix } from "./interactions";
import type { UserHistory } from "./als";

/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders"): an item-to-item weight matrix B with
 * a zero diagonal, closed form
 *   P = (XᵀX + λI)⁻¹,   B = I − P·diag(1/diag(P))   (B[i][j] = −P[i][j] / P[j][j], B[j][j] = 0),
 * and a user's scores are their history row times B, so a list is always as fresh as the history
 * it is given. X is binary (1 for a positive signal; a known negative is 0, as if unseen).
 *
 * The inverse costs O(n³) time and n² memory in the number of items n, so B is computed only for
 * the `maxItems` items with the most positive interactions. Items outside that set get no score
 * from EASE (-Infinity); ranking them is the fallback chain's job.
 */
export interface EaseParams {
  lambda: number;
  maxItems: number;
}

export interface EaseWeights {
  /** The item index (in the training data) of each of the n modelled items, most interacted first. */
  slotItems: Int32Array;
  /** n × n row-major B in slot order: B[h][j] is how much having h speaks for j. */
  weights: Float32Array;
}

export function trainEase(matrix: InteractionMatrix, params: EaseParams, onProgress?: (fraction: number, label: string) => void): EaseWeights {
  const slotItems = mostInteractedItems(matrix, params.maxItems);
  const n = slotItems.length;
  const slotOf = slotsOf(slotItems, matrix.cols);

  // G = XᵀX over the modelled items, upper triangle first (each user adds every pair of their items).
  const gram = new Float64Array(n * n);
  const slots = new Int32Array(n);
  for (let u = 0; u < matrix.rows; u++) {
    let count = 0;
    for (let e = matrix.indptr[u]!; e < matrix.indptr[u + 1]!; e++) {
      if (!(matrix.values[e]! > 0)) continue;
      const slot = slotOf[matrix.indices[e]!]!;
      if (slot !== -1) slots[count++] = slot;
    }
    slots.subarray(0, count).sort();
    for (let a = 0; a < count; a++) {
      const row = slots[a]! * n;
      for (let b = a; b < count; b++) gram[row + slots[b]!]!++;
    }
  }
  for (let i = 0; i < n; i++) {
    gram[i * n + i]! += params.lambda;
    for (let j = i + 1; j < n; j++) gram[j * n + i] = gram[i * n + j]!;
  }
  onProgress?.(0.1, `Gram matrix of ${n} items`);

  const inverse = new Float64Array(n * n);
  invertSpdInPlace(gram, n, inverse);
  onProgress?.(0.95, "inverse");

  const weights = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) weights[row + j] = i === j ? 0 : -inverse[row + j]! / inverse[j * n + j]!;
  }
  onProgress?.(1, "weights");
  return { slotItems, weights };
}

/** The (at most) `limit` items with the most positive interactions, ties to the lower index; never an item with none. */
export function mostInteractedItems(matrix: InteractionMatrix, limit: number): Int32Array {
  const counts = columnCounts(matrix, true);
  const candidates: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) candidates.push(i);
  candidates.sort((a, b) => counts[b]! - counts[a]! || a - b);
  return Int32Array.from(candidates.slice(0, limit));
}

/** Item index → slot in the model, or -1 for an item EASE does not model. */
export function slotsOf(slotItems: Int32Array, itemCount: number): Int32Array {
  const slotOf = new Int32Array(itemCount).fill(-1);
  for (let s = 0; s < slotItems.length; s++) slotOf[slotItems[s]!] = s;
  return slotOf;
}

/**
 * Every item's score for this history into `out` (length = item count): Σ over the history's
 * positive, modelled items h of B[h][j]; -Infinity for items outside the model. Returns false when
 * no history item is modelled (EASE has nothing to say about this user).
 */
export function scoreEase(model: EaseWeights, slotOf: Int32Array, history: UserHistory, out: Float32Array, row: Float64Array = new Float64Array(model.slotItems.length)): boolean {
  const n = model.slotItems.length;
  row.fill(0, 0, n);
  let used = 0;
  for (let e = 0; e < history.items.length; e++) {
    if (!(history.weights[e]! > 0)) continue;
    const item = history.items[e]!;
    const slot = item >= 0 && item < slotOf.length ? slotOf[item]! : -1;
    if (slot === -1) continue;
    used++;
    const offset = slot * n;
    for (let j = 0; j < n; j++) row[j]! += model.weights[offset + j]!;
  }
  out.fill(-Infinity);
  if (used === 0) return false;
  for (let s = 0; s < n; s++) out[model.slotItems[s]!] = row[s]!;
  return true;
}

/** Each history entry's share of item j's score, B[h][j] (0 for negatives and unmodelled items). */
export function easeContributions(model: EaseWeights, slotOf: Int32Array, history: UserHistory, item: number): Float32Array {
  const n = model.slotItems.length;
  const out = new Float32Array(history.items.length);
  const j = item >= 0 && item < slotOf.length ? slotOf[item]! : -1;
  if (j === -1) return out;
  for (let e = 0; e < history.items.length; e++) {
    if (!(history.weights[e]! > 0)) continue;
    const h = history.items[e]!;
    const slot = h >= 0 && h < slotOf.length ? slotOf[h]! : -1;
    if (slot !== -1) out[e] = model.weights[slot * n + j]!;
  }
  return out;
}
