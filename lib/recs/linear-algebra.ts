/**
 * The dense linear algebra the models need, on row-major Float64Arrays: Cholesky factorisation,
 * solves, the inverse of a symmetric positive definite matrix, and a symmetric eigensolver. The
 * loops run along rows so they read memory in order; nothing allocates inside them.
 */

/**
 * Replaces the lower triangle of the n × n symmetric positive definite `a` with L (a = L·Lᵀ);
 * the strict upper triangle is left as it was. Throws when `a` is not positive definite.
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      let sum = a[rowI + j]!;
      let k = 0;
      // Four independent partial sums: the dot products of the two row prefixes dominate.
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (; k + 3 < j; k += 4) {
        s0 += a[rowI + k]! * a[rowJ + k]!;
        s1 += a[rowI + k + 1]! * a[rowJ + k + 1]!;
        s2 += a[rowI + k + 2]! * a[rowJ + k + 2]!;
        s3 += a[rowI + k + 3]! * a[rowJ + k + 3]!;
      }
      for (; k < j; k++) s0 += a[rowI + k]! * a[rowJ + k]!;
      sum -= s0 + s1 + s2 + s3;
      if (i === j) {
        if (!(sum > 0)) throw new RangeError(`matrix is not positive definite (pivot ${i} is ${sum})`);
        a[rowI + i] = Math.sqrt(sum);
      } else {
        a[rowI + j] = sum / a[rowJ + j]!;
      }
    }
  }
}

/** Solves (L·Lᵀ)·x = b in place in `b`, with L from choleskyInPlace. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[row + k]! * b[k]!;
    b[i] = sum / l[row + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * b[k]!;
    b[i] = sum / l[i * n + i]!;
  }
}

/**
 * The inverse of the n × n symmetric positive definite `a`, written whole (both triangles) into
 * `out`; `a` is destroyed. Cholesky, then W = L⁻¹ row by row in place, then a⁻¹ = Wᵀ·W as a sum
 * of outer products of W's rows: every inner loop is an axpy along a contiguous row.
 */
export function invertSpdInPlace(a: Float64Array, n: number, out: Float64Array): void {
  choleskyInPlace(a, n);
  // Row i of W = L⁻¹ solves wᵢ·L = eᵢ: wᵢ = (eᵢ − Σ_{k<i} L[i][k]·w_k) / L[i][i], which only reads
  // rows above it, so W can overwrite L once row i of L has been consumed.
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    row.fill(0, 0, i + 1);
    row[i] = 1;
    for (let k = 0; k < i; k++) {
      const lik = a[rowI + k]!;
      if (lik === 0) continue;
      const rowK = k * n;
      for (let m = 0; m <= k; m++) row[m]! -= lik * a[rowK + m]!;
    }
    const inv = 1 / a[rowI + i]!;
    for (let m = 0; m <= i; m++) a[rowI + m] = row[m]! * inv;
  }
  // out = Wᵀ·W: out[p][q] = Σ_k W[k][p]·W[k][q], summed over rows k of W (lower triangle of out).
  out.fill(0);
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let p = 0; p <= k; p++) {
      const wkp = a[rowK + p]!;
      if (wkp === 0) continue;
      const rowP = p * n;
      for (let q = 0; q <= p; q++) out[rowP + q]! += wkp * a[rowK + q]!;
    }
  }
  for (let p = 0; p < n; p++) for (let q = 0; q < p; q++) out[q * n + p] = out[p * n + q]!;
}

/** out = a·x for the n × n row-major a (out must not be x); four rows at a time share each x[k]. */
export function matVec(a: Float64Array, n: number, x: Float64Array, out: Float64Array): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0; k < n; k++) {
      const xk = x[k]!;
      s0 += a[r0 + k]! * xk;
      s1 += a[r1 + k]! * xk;
      s2 += a[r2 + k]! * xk;
      s3 += a[r3 + k]! * xk;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < n; i++) {
    const row = i * n;
    let s = 0;
    for (let k = 0; k < n; k++) s += a[row + k]! * x[k]!;
    out[i] = s;
  }
}

/**
 * Gram matrix vᵀ·v of the `rows` × n row-major float32 matrix v, into the n × n `out` (both
 * triangles). Rows that are all zero add nothing and are skipped cheaply.
 */
export function gramOfRows(v: Float32Array, rows: number, n: number, out: Float64Array): void {
  out.fill(0);
  // Four rows and two rows of `out` at a time: each loaded element of v serves two products, and
  // each element of `out` is read and written once per four rows.
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const o0 = r * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    let p = 0;
    for (; p + 1 < n; p += 2) {
      const a0 = v[o0 + p]!, a1 = v[o1 + p]!, a2 = v[o2 + p]!, a3 = v[o3 + p]!;
      const b0 = v[o0 + p + 1]!, b1 = v[o1 + p + 1]!, b2 = v[o2 + p + 1]!, b3 = v[o3 + p + 1]!;
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0 && b0 === 0 && b1 === 0 && b2 === 0 && b3 === 0) continue;
      const rowP = p * n, rowP1 = rowP + n;
      out[rowP + p]! += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3;
      for (let q = p + 1; q < n; q++) {
        const c0 = v[o0 + q]!, c1 = v[o1 + q]!, c2 = v[o2 + q]!, c3 = v[o3 + q]!;
        out[rowP + q]! += a0 * c0 + a1 * c1 + a2 * c2 + a3 * c3;
        out[rowP1 + q]! += b0 * c0 + b1 * c1 + b2 * c2 + b3 * c3;
      }
    }
    if (p < n) out[p * n + p]! += v[o0 + p]! * v[o0 + p]! + v[o1 + p]! * v[o1 + p]! + v[o2 + p]! * v[o2 + p]! + v[o3 + p]! * v[o3 + p]!;
  }
  for (; r < rows; r++) {
    const off = r * n;
    for (let p = 0; p < n; p++) {
      const vp = v[off + p]!;
      if (vp === 0) continue;
      const rowP = p * n;
      for (let q = p; q < n; q++) out[rowP + q]! += vp * v[off + q]!;
    }
  }
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) out[q * n + p] = out[p * n + q]!;
}

/**
 * Eigen-decomposition of the symmetric n × n `a` by cyclic Jacobi rotations: returns the
 * eigenvalues, and the eigenvectors as the columns of the row-major `vectors` (a = V·Λ·Vᵀ).
 * `a` is destroyed. Jacobi is slow for large n but exact to rounding and simple; the models only
 * use it on factor-sized matrices.
 */
export function symmetricEigen(a: Float64Array, n: number, vectors: Float64Array): Float64Array {
  vectors.fill(0);
  for (let i = 0; i < n; i++) vectors[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i]! * a[i]!;
  const tolerance = 1e-30 * scale;

  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! * a[p * n + q]!;
    if (off <= tolerance) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        // The rotation angle φ that zeroes a[p][q]: cot 2φ = (aqq − app) / (2·apq), t = tan φ (the smaller root).
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          const kp = c * akp - s * akq;
          const kq = s * akp + c * akq;
          a[k * n + p] = kp;
          a[p * n + k] = kp;
          a[k * n + q] = kq;
          a[q * n + k] = kq;
        }
        a[p * n + p] = app - t * apq;
        a[q * n + q] = aqq + t * apq;
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = vectors[k * n + p]!;
          const vkq = vectors[k * n + q]!;
          vectors[k * n + p] = c * vkp - s * vkq;
          vectors[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return values;
}
