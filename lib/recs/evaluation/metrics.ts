/**
 * Ranking metrics of one user's recommended list against their held-out items, and their means.
 * Relevance is binary: an item is a hit when it is among the user's held-out items. A list
 * shorter than K (a model with too few candidates) counts its missing places as misses.
 */

export interface UserRanking {
  /** Item indices, best first (only the first K are read). */
  recommended: ArrayLike<number>;
  /** The user's held-out items. */
  relevant: ReadonlySet<number>;
}

/** Precision@K = hits in the top K / K. */
export function precisionAtK(ranking: UserRanking, k: number): number {
  return hitsAtK(ranking, k) / k;
}

/**
 * Recall@K = hits in the top K / number of held-out items (the standard definition). A user with
 * more than K held-out items cannot reach 1; that is the metric, not a flaw of the model.
 */
export function recallAtK(ranking: UserRanking, k: number): number {
  return ranking.relevant.size === 0 ? 0 : hitsAtK(ranking, k) / ranking.relevant.size;
}

/**
 * NDCG@K = DCG / IDCG with binary gains: DCG = Σ over hits at rank r (1-based) of 1 / log2(r + 1),
 * and IDCG is the DCG of a perfect list: min(K, held-out count) hits at the top.
 */
export function ndcgAtK(ranking: UserRanking, k: number): number {
  let dcg = 0;
  const n = Math.min(k, ranking.recommended.length);
  for (let r = 0; r < n; r++) if (ranking.relevant.has(ranking.recommended[r]!)) dcg += 1 / Math.log2(r + 2);
  let ideal = 0;
  const best = Math.min(k, ranking.relevant.size);
  for (let r = 0; r < best; r++) ideal += 1 / Math.log2(r + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/**
 * AP@K = (Σ over hits at rank r of Precision@r) / min(K, held-out count): the usual truncated
 * average precision, which reaches 1 when the list's first min(K, |held out|) places are all hits.
 * MAP@K is its mean over users.
 */
export function averagePrecisionAtK(ranking: UserRanking, k: number): number {
  const denominator = Math.min(k, ranking.relevant.size);
  if (denominator === 0) return 0;
  let hits = 0;
  let sum = 0;
  const n = Math.min(k, ranking.recommended.length);
  for (let r = 0; r < n; r++) {
    if (!ranking.relevant.has(ranking.recommended[r]!)) continue;
    hits++;
    sum += hits / (r + 1);
  }
  return sum / denominator;
}

export function hitsAtK(ranking: UserRanking, k: number): number {
  let hits = 0;
  const n = Math.min(k, ranking.recommended.length);
  for (let r = 0; r < n; r++) if (ranking.relevant.has(ranking.recommended[r]!)) hits++;
  return hits;
}

/** Catalog coverage = distinct items in anyone's top K / number of items in the catalogue. */
export function catalogCoverage(lists: readonly ArrayLike<number>[], k: number, itemCount: number): number {
  if (itemCount === 0) return 0;
  const seen = new Uint8Array(itemCount);
  let distinct = 0;
  for (const list of lists) {
    const n = Math.min(k, list.length);
    for (let r = 0; r < n; r++) {
      const item = list[r]!;
      if (!seen[item]) {
        seen[item] = 1;
        distinct++;
      }
    }
  }
  return distinct / itemCount;
}

export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  /** Users measured: those with at least one held-out item. */
  users: number;
}

/** The mean of each metric over the users that have at least one held-out item (others are skipped). */
export function meanRankingMetrics(rankings: readonly UserRanking[], k: number): RankingMetrics {
  let precision = 0, recall = 0, ndcg = 0, map = 0, users = 0;
  for (const ranking of rankings) {
    if (ranking.relevant.size === 0) continue;
    users++;
    precision += precisionAtK(ranking, k);
    recall += recallAtK(ranking, k);
    ndcg += ndcgAtK(ranking, k);
    map += averagePrecisionAtK(ranking, k);
  }
  if (users === 0) return { precision: 0, recall: 0, ndcg: 0, map: 0, users: 0 };
  return { precision: precision / users, recall: recall / users, ndcg: ndcg / users, map: map / users, users };
}
