import { Random } from "@/lib/random/random";
import type { InteractionMatrix } from "../interactions";

/**
 * The offline protocol's split: for every user, a seeded random `testFraction` of their positive
 * interactions (rounded to the nearest whole number, at least one) is held out as the test set,
 * and the rest stays in training. Users with fewer than `minInteractions` positive interactions
 * keep everything in training: with a handful of interactions, holding any out leaves too little
 * to learn from, and they are not measured. Known negatives always stay in training (they are not
 * something to predict). Both matrices keep the original shape and indices.
 */
export interface SplitOptions {
  seed: number;
  testFraction?: number;
  minInteractions?: number;
}

export interface TrainTestSplit {
  train: InteractionMatrix;
  test: InteractionMatrix;
}

export const DEFAULT_TEST_FRACTION = 0.2;
export const DEFAULT_MIN_INTERACTIONS = 5;

export function holdOutPerUser(matrix: InteractionMatrix, options: SplitOptions): TrainTestSplit {
  const fraction = options.testFraction ?? DEFAULT_TEST_FRACTION;
  const minInteractions = options.minInteractions ?? DEFAULT_MIN_INTERACTIONS;
  if (!(fraction > 0 && fraction < 1)) throw new RangeError("testFraction must be between 0 and 1");
  const random = Random.fromSeed(options.seed, "holdout");

  const nnz = matrix.indptr[matrix.rows]!;
  const heldOut = new Uint8Array(nnz);
  const positives: number[] = [];
  let testCount = 0;
  for (let u = 0; u < matrix.rows; u++) {
    positives.length = 0;
    for (let e = matrix.indptr[u]!; e < matrix.indptr[u + 1]!; e++) if (matrix.values[e]! > 0) positives.push(e);
    if (positives.length < minInteractions) continue;
    const take = Math.max(1, Math.round(positives.length * fraction));
    // A partial Fisher–Yates shuffle: the first `take` entries end up a uniform random sample.
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random.next() * (positives.length - i));
      const chosen = positives[j]!;
      positives[j] = positives[i]!;
      positives[i] = chosen;
      heldOut[chosen] = 1;
    }
    testCount += take;
  }
  return {
    train: selectEntries(matrix, heldOut, 0, nnz - testCount),
    test: selectEntries(matrix, heldOut, 1, testCount),
  };
}

/** The entries whose mark equals `keep`, same shape, rows still sorted. */
export function selectEntries(matrix: InteractionMatrix, marks: Uint8Array, keep: number, count: number): InteractionMatrix {
  const indptr = new Int32Array(matrix.rows + 1);
  const indices = new Int32Array(count);
  const values = new Float32Array(count);
  let at = 0;
  for (let u = 0; u < matrix.rows; u++) {
    for (let e = matrix.indptr[u]!; e < matrix.indptr[u + 1]!; e++) {
      if (marks[e] !== keep) continue;
      indices[at] = matrix.indices[e]!;
      values[at] = matrix.values[e]!;
      at++;
    }
    indptr[u + 1] = at;
  }
  return { rows: matrix.rows, cols: matrix.cols, indptr, indices, values };
}
