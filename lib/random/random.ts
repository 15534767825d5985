/**
 * A small seeded random source. Everything random in lib/demo and lib/recs goes through one of
 * these, so a seed reproduces the same data on every machine and Node version.
 */
export type RandomSource = () => number;

/** mulberry32: 32-bit state, fast, and good enough for fake catalogs (not for secrets). */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a of the seed and a label: independent streams per part, so more movies do not reshuffle the theaters. */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  hash = Math.imul(hash, 0x01000193) >>> 0;
  hash ^= Math.floor(seed / 4_294_967_296) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The helpers the generators need on top of a uniform source. */
export class Random {
  private spareNormal: number | null = null;

  constructor(readonly next: RandomSource) {}

  static fromSeed(seed: number, label: string): Random {
    return new Random(mulberry32(deriveSeed(seed, label)));
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One item, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += Math.max(0, weightOf(item));
    if (total <= 0) throw new Error("weighted pick with no positive weight");
    let target = this.next() * total;
    for (const item of items) {
      target -= Math.max(0, weightOf(item));
      if (target < 0) return item;
    }
    // Rounding can leave a sliver past the last item.
    for (let i = items.length - 1; i >= 0; i--) if (weightOf(items[i]!) > 0) return items[i]!;
    throw new Error("unreachable");
  }

  /** Standard normal (Box–Muller), scaled. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A new array in random order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /**
   * `count` distinct indices of `weights`, each drawn with probability proportional to its weight
   * among those left (Efraimidis–Spirakis keys); zero weights are never drawn.
   */
  weightedSample(weights: readonly number[], count: number): number[] {
    const keyed: { index: number; key: number }[] = [];
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      // log(u)/w orders the same as u^(1/w) and does not underflow for small weights.
      if (w > 0) keyed.push({ index: i, key: Math.log(1 - this.next()) / w });
    }
    keyed.sort((a, b) => b.key - a.key || a.index - b.index);
    return keyed.slice(0, count).map((k) => k.index);
  }
}
