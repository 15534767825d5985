import { Random } from "@/lib/random/random";
import { csrFromTriples } from "./interactions";
import type { TrainingData } from "./training-data";

/**
 * Seeded interaction data with a planted structure, for tests and training benchmarks: users and
 * items are split into groups, and each user interacts only with items of their own group (plus an
 * optional share of noise elsewhere). Within a group, items are drawn with a Zipf-like skew
 * (weight 1/(rank + 1)^skew), so some are popular and most are not, as in real catalogues. Each
 * item has its group's genre ("genre-0", …) and each user picks it as their favorite, so a model
 * that uses genres can learn the groups from them too. Weights are ratings-like: 0.5 … 1.0.
 */
export interface PlantedOptions {
  seed: number;
  groups: number;
  usersPerGroup: number;
  itemsPerGroup: number;
  interactionsPerUser: number;
  /** Share of each user's interactions drawn from other groups (0 = disjoint tastes). */
  noise?: number;
  skew?: number;
}

export interface PlantedData extends TrainingData {
  /** Group of each user and item, by index. */
  userGroup: Int32Array;
  itemGroup: Int32Array;
}

export function plantedInteractions(options: PlantedOptions): PlantedData {
  const { groups, usersPerGroup, itemsPerGroup } = options;
  const users = groups * usersPerGroup;
  const items = groups * itemsPerGroup;
  const perUser = Math.min(options.interactionsPerUser, itemsPerGroup);
  const noise = options.noise ?? 0;
  const random = Random.fromSeed(options.seed, "planted");
  const cumulative = zipfCumulative(itemsPerGroup, options.skew ?? 0.8);

  const userGroup = new Int32Array(users);
  const itemGroup = new Int32Array(items);
  for (let u = 0; u < users; u++) userGroup[u] = Math.floor(u / usersPerGroup);
  for (let i = 0; i < items; i++) itemGroup[i] = Math.floor(i / itemsPerGroup);

  const rowIdx = new Int32Array(users * perUser);
  const colIdx = new Int32Array(users * perUser);
  const values = new Float32Array(users * perUser);
  const stamp = new Int32Array(items).fill(-1);
  let n = 0;
  for (let u = 0; u < users; u++) {
    let placed = 0;
    let attempts = 0;
    while (placed < perUser && attempts < perUser * 50) {
      attempts++;
      const group = noise > 0 && random.next() < noise && groups > 1 ? otherGroup(userGroup[u]!, groups, random) : userGroup[u]!;
      const item = group * itemsPerGroup + drawRank(cumulative, random);
      if (stamp[item] === u) continue;
      stamp[item] = u;
      rowIdx[n] = u;
      colIdx[n] = item;
      values[n] = 0.5 + 0.1 * random.int(0, 5);
      n++;
      placed++;
    }
  }
  const matrix = csrFromTriples(users, items, rowIdx.subarray(0, n), colIdx.subarray(0, n), values.subarray(0, n), "max");
  return {
    userIds: Array.from({ length: users }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: items }, (_, i) => `m${i}`),
    matrix,
    itemGenres: Array.from(itemGroup, (g) => [`genre-${g}`]),
    userGenres: Array.from(userGroup, (g) => [`genre-${g}`]),
    userGroup,
    itemGroup,
  };
}

/**
 * Planted data of `interactions` interactions for training benchmarks: 100 per user, one item per
 * 500 interactions (at least 200 per group, so a user's 100 are drawn from twice as many), 20
 * groups, 10% noise. Users and items grow with the interactions, so time and memory can be
 * compared across 1 M and 5 M.
 */
export function benchmarkInteractions(interactions: number, seed = 1): PlantedData {
  const groups = 20;
  const perUser = 100;
  const usersPerGroup = Math.max(1, Math.round(interactions / perUser / groups));
  const itemsPerGroup = Math.max(2 * perUser, Math.round(interactions / 500 / groups));
  return plantedInteractions({ seed, groups, usersPerGroup, itemsPerGroup, interactionsPerUser: perUser, noise: 0.1 });
}

function zipfCumulative(size: number, skew: number): Float64Array {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) {
    total += 1 / Math.pow(r + 1, skew);
    cumulative[r] = total;
  }
  for (let r = 0; r < size; r++) cumulative[r] = cumulative[r]! / total;
  return cumulative;
}

/** A rank drawn from the cumulative distribution (binary search). */
function drawRank(cumulative: Float64Array, random: Random): number {
  const target = random.next();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function otherGroup(own: number, groups: number, random: Random): number {
  const g = random.int(0, groups - 2);
  return g >= own ? g + 1 : g;
}
