/**
 * The interaction matrix every model trains on: compressed sparse rows (CSR), rows = users and
 * columns = items in training, column indices sorted within a row and never repeated, so a row is
 * a sorted list that binary search and merges can rely on.
 */
export interface InteractionMatrix {
  rows: number;
  cols: number;
  /** Row r's entries are indptr[r] … indptr[r + 1] - 1 of indices and values. */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/**
 * How entries of one (row, column) pair combine.
 * - "max": the strongest signal. A negative value is a known dislike and overrides every positive
 *   of the pair (the most negative one is kept), so a dislike is never outvoted by an old watch.
 * - "sum": the plain sum, for counts.
 * Either way a pair that combines to exactly 0 carries no signal and is left out.
 */
export type Combine = "max" | "sum";

export function csrFromTriples(
  rows: number,
  cols: number,
  rowIdx: Int32Array,
  colIdx: Int32Array,
  values: Float32Array,
  combine: Combine,
): InteractionMatrix {
  const n = rowIdx.length;
  if (colIdx.length !== n || values.length !== n) throw new RangeError("rowIdx, colIdx and values must have the same length");
  for (let e = 0; e < n; e++) {
    const r = rowIdx[e]!;
    const c = colIdx[e]!;
    if (r < 0 || r >= rows || c < 0 || c >= cols) throw new RangeError(`entry ${e} (${r}, ${c}) is outside a ${rows} × ${cols} matrix`);
  }

  // Two stable counting sorts (by column, then by row) order the entries by (row, column)
  // in linear time, with no comparisons.
  const byCol = countingOrder(colIdx, cols, null);
  const order = countingOrder(rowIdx, rows, byCol);

  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(n);
  const out = new Float32Array(n);
  let written = 0;
  let e = 0;
  for (let r = 0; r < rows; r++) {
    indptr[r] = written;
    while (e < n && rowIdx[order[e]!]! === r) {
      const c = colIdx[order[e]!]!;
      let value = values[order[e]!]!;
      e++;
      while (e < n && rowIdx[order[e]!]! === r && colIdx[order[e]!]! === c) {
        value = combineTwo(value, values[order[e]!]!, combine);
        e++;
      }
      if (value !== 0) {
        indices[written] = c;
        out[written] = value;
        written++;
      }
    }
  }
  indptr[rows] = written;
  return { rows, cols, indptr, indices: indices.slice(0, written), values: out.slice(0, written) };
}

function combineTwo(a: number, b: number, combine: Combine): number {
  if (combine === "sum") return a + b;
  if (a < 0 || b < 0) return Math.min(a, b);
  return Math.max(a, b);
}

/** A stable ordering of entries by key (0 … keyCount - 1), applied on top of `previous` if given. */
function countingOrder(keys: Int32Array, keyCount: number, previous: Int32Array | null): Int32Array {
  const n = keys.length;
  const start = new Int32Array(keyCount + 1);
  for (let e = 0; e < n; e++) start[keys[e]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const e = previous ? previous[i]! : i;
    order[start[keys[e]!]!++] = e;
  }
  return order;
}

/** The same matrix with rows and columns swapped (items × users); rows come out sorted. */
export function transposeCsr(m: InteractionMatrix): InteractionMatrix {
  const nnz = m.indptr[m.rows]!;
  const indptr = new Int32Array(m.cols + 1);
  for (let e = 0; e < nnz; e++) indptr[m.indices[e]! + 1]!++;
  for (let c = 0; c < m.cols; c++) indptr[c + 1]! += indptr[c]!;
  const next = indptr.slice(0, m.cols);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0; r < m.rows; r++) {
    for (let e = m.indptr[r]!; e < m.indptr[r + 1]!; e++) {
      const at = next[m.indices[e]!]!++;
      indices[at] = r;
      values[at] = m.values[e]!;
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, values };
}

export function nonZeroCount(m: InteractionMatrix): number {
  return m.indptr[m.rows]!;
}

/** The value at (row, col), or 0 when the pair has no entry (binary search in the sorted row). */
export function valueAt(m: InteractionMatrix, row: number, col: number): number {
  const at = findInRow(m, row, col);
  return at === -1 ? 0 : m.values[at]!;
}

/** The entry position of (row, col), or -1. */
export function findInRow(m: InteractionMatrix, row: number, col: number): number {
  let lo = m.indptr[row]!;
  let hi = m.indptr[row + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = m.indices[mid]!;
    if (c === col) return mid;
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** One row as its own arrays (copies), e.g. a user's history for folding in. */
export function rowOf(m: InteractionMatrix, row: number): { items: Int32Array; weights: Float32Array } {
  const from = m.indptr[row]!;
  const to = m.indptr[row + 1]!;
  return { items: m.indices.slice(from, to), weights: m.values.slice(from, to) };
}

/** Entries per column (e.g. how many users interacted with each item), counting only positives if asked. */
export function columnCounts(m: InteractionMatrix, positiveOnly: boolean): Int32Array {
  const counts = new Int32Array(m.cols);
  const nnz = m.indptr[m.rows]!;
  for (let e = 0; e < nnz; e++) if (!positiveOnly || m.values[e]! > 0) counts[m.indices[e]!]!++;
  return counts;
}

/**
 * Arbitrary string ids ("296", a UUID) ↔ dense indices 0 … size - 1 in order of first appearance,
 * the form the models index their arrays by.
 */
export class DenseIndex {
  private readonly byId = new Map<string, number>();
  private readonly list: string[] = [];

  constructor(ids: Iterable<string> = []) {
    for (const id of ids) this.add(id);
  }

  /** The index of id, adding it if it is new. */
  add(id: string): number {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const index = this.list.length;
    this.byId.set(id, index);
    this.list.push(id);
    return index;
  }

  /** The index of id, or -1 if it was never added. */
  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  idAt(index: number): string {
    const id = this.list[index];
    if (id === undefined) throw new RangeError(`no id at index ${index}`);
    return id;
  }

  get size(): number {
    return this.list.length;
  }

  /** The ids in index order (a copy). */
  ids(): string[] {
    return [...this.list];
  }
}
