/**
 * The k best-scored items of a score vector, without sorting it: a bounded min-heap keeps the k
 * best seen so far, so the cost is O(n log k) and the only allocation is the result.
 * Excluded items (mask value non-zero) and items without a finite score (a model's "no opinion",
 * such as an item outside EASE's item cap) are skipped. Equal scores go to the lower index, so a
 * list never depends on anything but the scores.
 */
export interface TopK {
  /** Item indices, best first. */
  indices: Int32Array;
  scores: Float32Array;
}

export function topK(scores: Float32Array, k: number, exclude?: Uint8Array | null): TopK {
  const capacity = Math.max(0, Math.min(k, scores.length));
  const heapItems = new Int32Array(capacity);
  const heapScores = new Float32Array(capacity);
  let size = 0;

  for (let i = 0; i < scores.length; i++) {
    if (exclude && exclude[i]) continue;
    const s = scores[i]!;
    if (!(s > -Infinity && s < Infinity)) continue;
    if (size < capacity) {
      // Sift up: the root holds the worst of the kept items.
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(s, i, heapScores[parent]!, heapItems[parent]!)) break;
        heapItems[at] = heapItems[parent]!;
        heapScores[at] = heapScores[parent]!;
        at = parent;
      }
      heapItems[at] = i;
      heapScores[at] = s;
    } else if (capacity > 0 && worse(heapScores[0]!, heapItems[0]!, s, i)) {
      siftDown(heapItems, heapScores, size, i, s);
    }
  }

  // Pop the worst repeatedly, filling the result from the back.
  const indices = new Int32Array(size);
  const out = new Float32Array(size);
  for (let n = size; n > 0; n--) {
    indices[n - 1] = heapItems[0]!;
    out[n - 1] = heapScores[0]!;
    if (n > 1) siftDown(heapItems, heapScores, n - 1, heapItems[n - 1]!, heapScores[n - 1]!);
  }
  return { indices, scores: out };
}

/** Is (score a, item ia) ranked below (score b, item ib)? Lower score, or equal score and higher index. */
function worse(a: number, ia: number, b: number, ib: number): boolean {
  return a < b || (a === b && ia > ib);
}

/** Puts (item, score) at the root of a heap of `size` and sifts it down to its place. */
function siftDown(items: Int32Array, scores: Float32Array, size: number, item: number, score: number) {
  let at = 0;
  while (true) {
    const left = 2 * at + 1;
    if (left >= size) break;
    let child = left;
    const right = left + 1;
    if (right < size && worse(scores[right]!, items[right]!, scores[left]!, items[left]!)) child = right;
    if (!worse(scores[child]!, items[child]!, score, item)) break;
    items[at] = items[child]!;
    scores[at] = scores[child]!;
    at = child;
  }
  items[at] = item;
  scores[at] = score;
}

/**
 * Scores mapped linearly onto 0..1 for display. Raw model scores have no common scale (a dot
 * product, a popularity count), so they are placed within a range: by default the list's own (its
 * best becomes 1, its worst 0); pass the range of every item's score (`scoreRange`) so that a
 * list's last item does not read as 0 when it is still one of the best in the catalogue. A list
 * whose range is empty shows every score as 1.
 */
export function normalizeScores(scores: ArrayLike<number>, range: { min: number; max: number } = scoreRange(scores)): Float32Array {
  const out = new Float32Array(scores.length);
  const span = range.max - range.min;
  for (let i = 0; i < scores.length; i++) {
    const s = span > 0 ? (scores[i]! - range.min) / span : 1;
    out[i] = s < 0 ? 0 : s > 1 ? 1 : s;
  }
  return out;
}

/** The smallest and largest finite score, skipping excluded items; {0, 0} when there is none. */
export function scoreRange(scores: ArrayLike<number>, exclude?: Uint8Array | null): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    if (exclude && exclude[i]) continue;
    const s = scores[i]!;
    if (!(s > -Infinity && s < Infinity)) continue;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}
