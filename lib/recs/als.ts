import { Random } from "@/lib/random/random";
import { choleskyInPlace, choleskySolveInPlace, gramOfRows, matVec, symmetricEigen } from "./linear-algebra";
import { transposeCsr, type InteractionMatrix } from "./interactions";

/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky 2008), solved by a few warm-started conjugate-
 * gradient steps per row (Takács, Pilászy & Tikk 2011), as the `implicit` library does.
 *
 * Each observed weight w becomes a preference p = 1 if w > 0, else 0 (a known negative), with
 * confidence c = 1 + alpha·|w|; every unobserved pair has p = 0 and c = 1. With the app's weights
 * in 0..1 (a rating r/5, a finished watch 1.0), alpha sets how far an interaction outweighs a
 * missing one, and a 5-star rating still counts more than a 1-star one. (`implicit` uses c = alpha·w
 * directly, so binary data with alpha = 1 gives observed pairs no extra confidence at all.)
 *
 * For one user, the factors x minimise Σ_i c_i (p_i − x·y_i)² + λ|x|², i.e. solve
 *   (YᵀY + λI + Σ_{i observed} (c_i − 1) y_i y_iᵀ) x = Σ_{i observed} c_i p_i y_i,
 * and the same with users and items swapped. YᵀY is shared by every row, so a CG step costs one
 * f × f product plus two passes over the row's own entries, never the whole catalogue.
 */
export interface AlsParams {
  factors: number;
  iterations: number;
  regularization: number;
  alpha: number;
  cgSteps: number;
}

export interface AlsFactors {
  factors: number;
  /** users × factors, row-major. */
  userFactors: Float32Array;
  /** items × factors, row-major. */
  itemFactors: Float32Array;
}

export interface AlsTrainOptions {
  seed: number;
  /** Called after every half-iteration (users solved, items solved). */
  onProgress?: (fraction: number, label: string) => void;
}

/** Scratch vectors of one row solve, allocated once per training. */
interface CgScratch {
  x: Float64Array;
  dots: Float64Array;
  r: Float64Array;
  p: Float64Array;
  ap: Float64Array;
  /** Per entry of the row being solved (longest row long): its score y·x, and y·p of the step. */
  rowScores: Float64Array;
  stepDots: Float64Array;
}

function cgScratch(f: number, longestRow = 0): CgScratch {
  return { x: new Float64Array(f), dots: new Float64Array(4), r: new Float64Array(f), p: new Float64Array(f), ap: new Float64Array(f), rowScores: new Float64Array(longestRow), stepDots: new Float64Array(longestRow) };
}

/**
 * The score u·v of every interaction, in the by-user entry order, carried from one half-iteration
 * to the next: a solve ends at x = x₀ + Σ aₖ·pₖ and has computed every y·pₖ on the way, so the
 * entries' new scores come for free, and the next half's residual needs no pass of dot products.
 * A rotation changes no score (both sides turn together).
 */
interface EntryScores {
  values: Float64Array;
  /** For each entry of the side being solved, its index in `values` (null: the same order). */
  at: Int32Array | null;
  /** False until a first half-iteration has computed them. */
  known: boolean;
}

export function trainAls(matrix: InteractionMatrix, params: AlsParams, options: AlsTrainOptions): AlsFactors {
  const f = params.factors;
  const byUser = matrix;
  const byItem = transposeCsr(matrix);
  const userFactors = new Float32Array(matrix.rows * f);
  const itemFactors = new Float32Array(matrix.cols * f);

  // Small random starting factors, only for rows that have interactions: a user or item with none
  // keeps a zero vector, adds nothing to the shared Gram matrix and is never solved.
  const random = Random.fromSeed(options.seed, "als");
  initialise(userFactors, byUser, f, random);
  initialise(itemFactors, byItem, f, random);

  const gram = new Float64Array(f * f);
  const basis = new Float64Array(f * f);
  const basisRows = new Float64Array(f * f);
  const rotationBlock = new Float64Array(4 * f);
  const scratch = cgScratch(f, Math.max(longestRow(byUser), longestRow(byItem)));
  const scoreValues = new Float64Array(byUser.indptr[byUser.rows]!);
  const userScores: EntryScores = { values: scoreValues, at: null, known: false };
  const itemScores: EntryScores = { values: scoreValues, at: transposedPositions(byUser, byItem), known: false };
  const halfSteps = params.iterations * 2;
  const activeUsers = nonEmptyRows(byUser);
  const activeItems = nonEmptyRows(byItem);

  // One half-iteration: the target side's rows solved against the fixed side. The f × f product
  // with YᵀY + λI costs f² per CG step of every target row. When the fixed side is small enough,
  // rotating both factor matrices into that matrix's eigenbasis (f² per row, once) is cheaper: no
  // score changes (x·y is invariant under a shared rotation) and the matrix becomes diagonal, so
  // each product costs f.
  const half = (rows: InteractionMatrix, fixed: Float32Array, target: Float32Array, fixedRows: number, targetRows: number, scores: EntryScores) => {
    regularizedGram(fixed, fixed.length / f, f, params.regularization, gram);
    const diagonal = fixedRows < params.cgSteps * targetRows;
    let system: Float64Array = gram;
    if (diagonal) {
      system = symmetricEigen(gram, f, basis);
      for (let a = 0; a < f; a++) for (let b = 0; b < f; b++) basisRows[a * f + b] = basis[b * f + a]!;
      rotateRows(fixed, f, basisRows, rotationBlock);
      rotateRows(target, f, basisRows, rotationBlock);
    }
    solveRows(rows, fixed, target, f, system, diagonal, params.alpha, params.cgSteps, scratch, scores);
    userScores.known = itemScores.known = true;
  };

  for (let iteration = 0; iteration < params.iterations; iteration++) {
    half(byUser, itemFactors, userFactors, activeItems, activeUsers, userScores);
    options.onProgress?.((iteration * 2 + 1) / halfSteps, `iteration ${iteration + 1}/${params.iterations}: users`);
    half(byItem, userFactors, itemFactors, activeUsers, activeItems, itemScores);
    options.onProgress?.((iteration * 2 + 2) / halfSteps, `iteration ${iteration + 1}/${params.iterations}: items`);
  }
  return { factors: f, userFactors, itemFactors };
}

function longestRow(rows: InteractionMatrix): number {
  let longest = 0;
  for (let r = 0; r < rows.rows; r++) longest = Math.max(longest, rows.indptr[r + 1]! - rows.indptr[r]!);
  return longest;
}

/** For each entry of `transposed` (as transposeCsr builds it), its index among the entries of `m`. */
function transposedPositions(m: InteractionMatrix, transposed: InteractionMatrix): Int32Array {
  const next = transposed.indptr.slice(0, transposed.rows);
  const positions = new Int32Array(m.indptr[m.rows]!);
  for (let r = 0; r < m.rows; r++) for (let e = m.indptr[r]!; e < m.indptr[r + 1]!; e++) positions[next[m.indices[e]!]!++] = e;
  return positions;
}

function nonEmptyRows(rows: InteractionMatrix): number {
  let count = 0;
  for (let r = 0; r < rows.rows; r++) if (rows.indptr[r + 1]! > rows.indptr[r]!) count++;
  return count;
}

/**
 * Every row v of the rows × f matrix becomes v·Q, where `qt` holds Qᵀ row-major; four rows and two
 * columns of Q at a time, so each loaded element serves two or four products. `block` is 4·f of
 * scratch.
 */
function rotateRows(m: Float32Array, f: number, qt: Float64Array, block: Float64Array) {
  const rows = m.length / f;
  const o1 = f, o2 = 2 * f, o3 = 3 * f;
  for (let r = 0; r < rows; r += 4) {
    const count = Math.min(4, rows - r);
    const at = r * f;
    block.fill(0);
    for (let k = 0; k < count * f; k++) block[k] = m[at + k]!;
    let j = 0;
    for (; j + 1 < f; j += 2) {
      const q = j * f, q2 = q + f;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let k = 0; k < f; k++) {
        const a = qt[q + k]!, b = qt[q2 + k]!;
        const b0 = block[k]!, b1 = block[o1 + k]!, b2 = block[o2 + k]!, b3 = block[o3 + k]!;
        s0 += b0 * a;
        s1 += b1 * a;
        s2 += b2 * a;
        s3 += b3 * a;
        t0 += b0 * b;
        t1 += b1 * b;
        t2 += b2 * b;
        t3 += b3 * b;
      }
      writeRotated(m, at + j, f, count, s0, s1, s2, s3);
      writeRotated(m, at + j + 1, f, count, t0, t1, t2, t3);
    }
    if (j < f) {
      const q = j * f;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < f; k++) {
        const a = qt[q + k]!;
        s0 += block[k]! * a;
        s1 += block[o1 + k]! * a;
        s2 += block[o2 + k]! * a;
        s3 += block[o3 + k]! * a;
      }
      writeRotated(m, at + j, f, count, s0, s1, s2, s3);
    }
  }
}

/** One column of a block of `count` (≤ 4) rotated rows, starting at m[at], rows f apart. */
function writeRotated(m: Float32Array, at: number, f: number, count: number, s0: number, s1: number, s2: number, s3: number) {
  m[at] = s0;
  if (count > 1) m[at + f] = s1;
  if (count > 2) m[at + 2 * f] = s2;
  if (count > 3) m[at + 3 * f] = s3;
}

function initialise(target: Float32Array, rows: InteractionMatrix, f: number, random: Random) {
  const scale = 0.01;
  for (let r = 0; r < rows.rows; r++) {
    if (rows.indptr[r] === rows.indptr[r + 1]) continue;
    for (let k = r * f; k < (r + 1) * f; k++) target[k] = random.next() * scale;
  }
}

/** out = VᵀV + λI for the rows × f factor matrix v. */
export function regularizedGram(v: Float32Array, rows: number, f: number, regularization: number, out: Float64Array): void {
  gramOfRows(v, rows, f, out);
  for (let k = 0; k < f; k++) out[k * f + k]! += regularization;
}

/**
 * One half-iteration: every non-empty row of `rows` solved against the fixed factors. `gram` is
 * YᵀY + λI, whole (f × f) or, when `diagonal`, only its diagonal (f) because it is diagonal.
 */
function solveRows(rows: InteractionMatrix, fixed: Float32Array, target: Float32Array, f: number, gram: Float64Array, diagonal: boolean, alpha: number, cgSteps: number, scratch: CgScratch, scores: EntryScores) {
  for (let r = 0; r < rows.rows; r++) {
    const from = rows.indptr[r]!;
    const to = rows.indptr[r + 1]!;
    if (from === to) continue;
    conjugateGradientRow(rows.indices, rows.values, from, to, fixed, f, gram, diagonal, alpha, cgSteps, target, r * f, scratch, scores);
  }
}

/**
 * Improves the row vector target[offset … offset + f) by `steps` CG steps on its normal equations,
 * starting from its current value (the previous iteration's solution, usually already close).
 * The row's entries are indices/values[from … to); `fixed` holds the other side's factors (rows ×
 * f, row-major); `gram` is YᵀY + λI (just its diagonal when `diagonal`).
 */
export function conjugateGradientRow(
  indices: Int32Array,
  values: Float32Array,
  from: number,
  to: number,
  fixed: Float32Array,
  f: number,
  gram: Float64Array,
  diagonal: boolean,
  alpha: number,
  steps: number,
  target: Float32Array,
  offset: number,
  scratch: CgScratch = cgScratch(f, to - from),
  scores: EntryScores | null = null,
): void {
  const { x, r, p, ap, dots, rowScores, stepDots } = scratch;
  const n = to - from;

  // r = b − A·x = −(YᵀY + λI)·x + Σ (c·p − (c − 1)·y·x)·y
  for (let k = 0; k < f; k++) x[k] = target[offset + k]!;
  if (diagonal) {
    for (let k = 0; k < f; k++) r[k] = -gram[k]! * x[k]!;
  } else {
    matVec(gram, f, x, r);
    for (let k = 0; k < f; k++) r[k] = -r[k]!;
  }
  if (scores?.known) {
    const at = scores.at;
    for (let j = 0; j < n; j++) rowScores[j] = scores.values[at ? at[from + j]! : from + j]!;
  } else {
    // Four entries at a time: x is read once for all four rows.
    let e = from;
    for (; e + 3 < to; e += 4) {
      dotRows4(fixed, indices[e]! * f, indices[e + 1]! * f, indices[e + 2]! * f, indices[e + 3]! * f, x, f, dots);
      for (let j = 0; j < 4; j++) rowScores[e - from + j] = dots[j]!;
    }
    for (; e < to; e++) rowScores[e - from] = dotRow(fixed, indices[e]! * f, x, f);
  }
  let e = from;
  for (; e + 3 < to; e += 4) {
    const j = e - from;
    const y0 = indices[e]! * f, y1 = indices[e + 1]! * f, y2 = indices[e + 2]! * f, y3 = indices[e + 3]! * f;
    axpyRows4(r, residualScale(values[e]!, alpha, rowScores[j]!), y0, residualScale(values[e + 1]!, alpha, rowScores[j + 1]!), y1, residualScale(values[e + 2]!, alpha, rowScores[j + 2]!), y2, residualScale(values[e + 3]!, alpha, rowScores[j + 3]!), y3, fixed, f);
  }
  for (; e < to; e++) axpyRow(r, residualScale(values[e]!, alpha, rowScores[e - from]!), fixed, indices[e]! * f, f);

  let rsOld = 0;
  let beta = 0;
  for (let step = 0; step < steps; step++) {
    // p = r + β·p, and with it (YᵀY + λI)·p into ap and pᵀ(YᵀY + λI)p; the first step also
    // measures the starting residual. The whole matrix needs p complete before the product.
    let pAp = 0;
    let rs = 0;
    if (diagonal) {
      for (let k = 0; k < f; k++) {
        const rk = r[k]!;
        const pk = rk + beta * p[k]!;
        const gp = gram[k]! * pk;
        p[k] = pk;
        ap[k] = gp;
        pAp += pk * gp;
        rs += rk * rk;
      }
    } else {
      for (let k = 0; k < f; k++) {
        const rk = r[k]!;
        p[k] = rk + beta * p[k]!;
        rs += rk * rk;
      }
      matVec(gram, f, p, ap);
      for (let k = 0; k < f; k++) pAp += p[k]! * ap[k]!;
    }
    if (step === 0) {
      rsOld = rs;
      if (!(rsOld > 1e-20)) break;
    }
    // ap += Σ (c − 1)·(y·p)·y completes A·p without forming A, and pᵀ·A·p gains Σ (c − 1)·(y·p)²
    // without another pass over ap. The last step needs only pᵀ·A·p (its residual is never
    // used), so it skips the pass that adds the rows into ap.
    const last = step === steps - 1;
    e = from;
    for (; e + 3 < to; e += 4) {
      const y0 = indices[e]! * f, y1 = indices[e + 1]! * f, y2 = indices[e + 2]! * f, y3 = indices[e + 3]! * f;
      dotRows4(fixed, y0, y1, y2, y3, p, f, dots);
      const d0 = dots[0]!, d1 = dots[1]!, d2 = dots[2]!, d3 = dots[3]!;
      const j = e - from;
      stepDots[j] = d0;
      stepDots[j + 1] = d1;
      stepDots[j + 2] = d2;
      stepDots[j + 3] = d3;
      const c0 = alpha * Math.abs(values[e]!) * d0, c1 = alpha * Math.abs(values[e + 1]!) * d1;
      const c2 = alpha * Math.abs(values[e + 2]!) * d2, c3 = alpha * Math.abs(values[e + 3]!) * d3;
      pAp += c0 * d0 + c1 * d1 + c2 * d2 + c3 * d3;
      if (!last) axpyRows4(ap, c0, y0, c1, y1, c2, y2, c3, y3, fixed, f);
    }
    for (; e < to; e++) {
      const y = indices[e]! * f;
      const d = dotRow(fixed, y, p, f);
      stepDots[e - from] = d;
      const c = alpha * Math.abs(values[e]!) * d;
      pAp += c * d;
      if (!last) axpyRow(ap, c, fixed, y, f);
    }
    if (!(pAp > 0)) break;
    const a = rsOld / pAp;
    for (let j = 0; j < n; j++) rowScores[j]! += a * stepDots[j]!;
    if (last) {
      for (let k = 0; k < f; k++) x[k]! += a * p[k]!;
      break;
    }
    let rsNew = 0;
    for (let k = 0; k < f; k++) {
      x[k]! += a * p[k]!;
      const rk = r[k]! - a * ap[k]!;
      r[k] = rk;
      rsNew += rk * rk;
    }
    if (rsNew < 1e-20) break;
    beta = rsNew / rsOld;
    rsOld = rsNew;
  }
  for (let k = 0; k < f; k++) target[offset + k] = x[k]!;
  if (scores) {
    const at = scores.at;
    for (let j = 0; j < n; j++) scores.values[at ? at[from + j]! : from + j] = rowScores[j]!;
  }
}

/** What folding in, attribution and exact solves need from a trained ALS model. */
export interface AlsItemSide {
  factors: number;
  itemFactors: Float32Array;
  /** YᵀY of the item factors, without regularisation (f × f). */
  itemGram: Float64Array;
  regularization: number;
  alpha: number;
}

export interface UserHistory {
  items: Int32Array;
  weights: Float32Array;
}

export function itemGramOf(itemFactors: Float32Array, f: number): Float64Array {
  const gram = new Float64Array(f * f);
  gramOfRows(itemFactors, itemFactors.length / f, f, gram);
  return gram;
}

/**
 * The last factorisation per history object: serving folds a history in and then explains several
 * items of the same list against it, and building A costs f² per history item. A history is read,
 * never changed, so its identity is a safe key (the entry goes when the history does).
 */
const factored = new WeakMap<UserHistory, { itemFactors: Float32Array; regularization: number; alpha: number; l: Float64Array; b: Float64Array }>();

/**
 * The user's normal-equation matrix A = YᵀY + λI + Σ (c − 1)·y·yᵀ, factored (Cholesky, lower),
 * and the right-hand side b = Σ c·p·y. Items outside the model are ignored. Callers must not
 * change the returned arrays.
 */
function factorUserSystem(model: AlsItemSide, history: UserHistory): { l: Float64Array; b: Float64Array } {
  const cached = factored.get(history);
  if (cached && cached.itemFactors === model.itemFactors && cached.regularization === model.regularization && cached.alpha === model.alpha) return cached;
  const system = buildUserSystem(model, history);
  factored.set(history, { itemFactors: model.itemFactors, regularization: model.regularization, alpha: model.alpha, ...system });
  return system;
}

function buildUserSystem(model: AlsItemSide, history: UserHistory): { l: Float64Array; b: Float64Array } {
  const f = model.factors;
  const items = model.itemFactors.length / f;
  const y = model.itemFactors;
  const a = new Float64Array(model.itemGram);
  const b = new Float64Array(f);
  for (let k = 0; k < f; k++) a[k * f + k]! += model.regularization;
  // The entries that count, as (row offset, c − 1), and b = Σ c·p·y on the way.
  const offsets: number[] = [];
  const extras: number[] = [];
  for (let e = 0; e < history.items.length; e++) {
    const item = history.items[e]!;
    const w = history.weights[e]!;
    if (item < 0 || item >= items || w === 0) continue;
    const extra = model.alpha * Math.abs(w);
    const o = item * f;
    if (w > 0) for (let p = 0; p < f; p++) b[p]! += (1 + extra) * y[o + p]!;
    offsets.push(o);
    extras.push(extra);
  }
  // A += Σ (c − 1)·y·yᵀ, lower triangle only (all choleskyInPlace reads), four entries per pass
  // over A: a long history is thousands of f × f updates, and A is read and written once per four.
  let e = 0;
  for (; e + 3 < offsets.length; e += 4) {
    const o1 = offsets[e]!, o2 = offsets[e + 1]!, o3 = offsets[e + 2]!, o4 = offsets[e + 3]!;
    const x1 = extras[e]!, x2 = extras[e + 1]!, x3 = extras[e + 2]!, x4 = extras[e + 3]!;
    for (let p = 0; p < f; p++) {
      const s1 = x1 * y[o1 + p]!, s2 = x2 * y[o2 + p]!, s3 = x3 * y[o3 + p]!, s4 = x4 * y[o4 + p]!;
      const row = p * f;
      for (let q = 0; q <= p; q++) a[row + q]! += s1 * y[o1 + q]! + s2 * y[o2 + q]! + s3 * y[o3 + q]! + s4 * y[o4 + q]!;
    }
  }
  for (; e < offsets.length; e++) {
    const o = offsets[e]!;
    const x = extras[e]!;
    for (let p = 0; p < f; p++) {
      const s = x * y[o + p]!;
      const row = p * f;
      for (let q = 0; q <= p; q++) a[row + q]! += s * y[o + q]!;
    }
  }
  choleskyInPlace(a, f);
  return { l: a, b };
}

/**
 * The exact least-squares user vector for a history against fixed item factors: one f × f
 * Cholesky solve. Serves a fresh list for a user whose history changed since training (or who
 * was never trained) without retraining.
 */
export function foldInUser(model: AlsItemSide, history: UserHistory): Float32Array {
  const { l, b } = factorUserSystem(model, history);
  const x = new Float64Array(b);
  choleskySolveInPlace(l, model.factors, x);
  return Float32Array.from(x);
}

/**
 * Why each candidate item scores what it does for this history, as `implicit`'s explain: the
 * folded-in user vector is x = A⁻¹·Σ c_h p_h y_h, so an item's score y_j·x splits exactly into
 * one term per history item, c_h·p_h·(A⁻¹y_j)·y_h. Returns, per candidate, the contribution of
 * each history entry (aligned with history.items; they sum to the candidate's folded-in score).
 * `entries`, when given, limits the attribution to those positions of the history (the others stay
 * 0): the cost is entries × f per candidate, and a list explains a hundred candidates.
 */
export function explainAls(model: AlsItemSide, history: UserHistory, candidates: ArrayLike<number>, entries?: ArrayLike<number>): Float32Array[] {
  const f = model.factors;
  const { l } = factorUserSystem(model, history);
  const w = new Float64Array(f);
  const items = model.itemFactors.length / f;
  const out: Float32Array[] = [];
  for (let c = 0; c < candidates.length; c++) {
    const j = candidates[c]! * f;
    for (let k = 0; k < f; k++) w[k] = model.itemFactors[j + k]!;
    choleskySolveInPlace(l, f, w);
    const contributions = new Float32Array(history.items.length);
    const count = entries ? entries.length : history.items.length;
    for (let n = 0; n < count; n++) {
      const e = entries ? entries[n]! : n;
      const weight = history.weights[e]!;
      const item = history.items[e]!;
      if (!(weight > 0) || item < 0 || item >= items) continue;
      contributions[e] = (1 + model.alpha * weight) * dotRow(model.itemFactors, item * f, w, f);
    }
    out.push(contributions);
  }
  return out;
}

/** The coefficient of y in b − A·x for one entry of weight w, given y·x: c·p − (c − 1)·y·x. */
function residualScale(w: number, alpha: number, yx: number): number {
  const extra = alpha * (w < 0 ? -w : w);
  return (w > 0 ? 1 + extra : 0) - extra * yx;
}

/** row·v for the f-long row of `m` at `offset`; four partial sums keep the multiplier busy. */
function dotRow(m: Float32Array, offset: number, v: Float64Array, f: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < f; k += 4) {
    s0 += m[offset + k]! * v[k]!;
    s1 += m[offset + k + 1]! * v[k + 1]!;
    s2 += m[offset + k + 2]! * v[k + 2]!;
    s3 += m[offset + k + 3]! * v[k + 3]!;
  }
  for (; k < f; k++) s0 += m[offset + k]! * v[k]!;
  return s0 + s1 + s2 + s3;
}

/** v += scale · (the f-long row of `m` at `offset`). */
function axpyRow(v: Float64Array, scale: number, m: Float32Array, offset: number, f: number): void {
  let k = 0;
  for (; k + 3 < f; k += 4) {
    v[k]! += scale * m[offset + k]!;
    v[k + 1]! += scale * m[offset + k + 1]!;
    v[k + 2]! += scale * m[offset + k + 2]!;
    v[k + 3]! += scale * m[offset + k + 3]!;
  }
  for (; k < f; k++) v[k]! += scale * m[offset + k]!;
}

/** out[i] = (row at o_i)·v for four rows of `m`, in one pass over v. */
function dotRows4(m: Float32Array, o0: number, o1: number, o2: number, o3: number, v: Float64Array, f: number, out: Float64Array): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let k = 0; k < f; k++) {
    const vk = v[k]!;
    s0 += m[o0 + k]! * vk;
    s1 += m[o1 + k]! * vk;
    s2 += m[o2 + k]! * vk;
    s3 += m[o3 + k]! * vk;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

/** v += Σ s_i·(row at o_i) for four rows of `m`, reading and writing v once. */
function axpyRows4(v: Float64Array, s0: number, o0: number, s1: number, o1: number, s2: number, o2: number, s3: number, o3: number, m: Float32Array, f: number): void {
  for (let k = 0; k < f; k++) v[k]! += s0 * m[o0 + k]! + s1 * m[o1 + k]! + s2 * m[o2 + k]! + s3 * m[o3 + k]!;
}
