import type { UserHistory } from "./als";
import { explainRecommendation, genrePopularity, scoreItems, type TrainedModel } from "./model";
import { fillRecommendations, type RankedSource } from "./fallback-chain";
import { scoreRange, topK } from "./top-k";

/**
 * A user's list from one model, always full: the model's own picks first, then the most popular
 * movies in the user's genres, then the most popular overall (the fallback chain of
 * fallback-chain.ts), never a movie the user already watched, rated, favorited or turned down, and
 * never one twice. One slot, the fifth, may go to a recent release, as the recommender seed's
 * service did. Pure: the service reads the history and renders titles and reasons.
 */

export type InteractionKind = "liked" | "watched" | "rated" | "favorited";

export interface HistoryEntry {
  movieId: string;
  weight: number;
  kind: InteractionKind;
}

export type ListSource = "model" | "genre" | "popular" | "new";

/** Why a movie is on the list, before it is put into words (reasons.ts). */
export type ReasonCode =
  | { kind: "because"; movieId: string; how: InteractionKind }
  | { kind: "taste"; genre: string }
  | { kind: "genre"; genre: string }
  | { kind: "popular" }
  | { kind: "new" };

export interface ListEntry {
  movieId: string;
  /** 0..1, highest first within a list. */
  score: number;
  source: ListSource;
  reasons: ReasonCode[];
}

export interface ComposeInput {
  model: TrainedModel;
  userId: string;
  history: readonly HistoryEntry[];
  /** The user's favorite genres, or the ones they interact with most when they picked none. */
  genres: readonly string[];
  /** Movies turned down ("not interested", disliked): never shown, like the history. */
  excluded?: ReadonlySet<string>;
  size: number;
  /** A recent release for the fifth slot, when it is not already known to the user. */
  recentRelease?: string | null;
}

/** The slot (0-based) a recent release takes, when there is one. */
export const NEW_RELEASE_SLOT = 4;

export function composeList(input: ComposeInput): ListEntry[] {
  const { model, size } = input;
  const itemCount = model.itemIds.length;
  const itemIndex = model.lookup.itemIndex;
  const blocked = new Uint8Array(itemCount);
  const blockedIds = new Set<string>(input.excluded ?? []);
  const items: number[] = [];
  const weights: number[] = [];
  const kindOf = new Map<string, InteractionKind>();
  for (const entry of input.history) {
    blockedIds.add(entry.movieId);
    kindOf.set(entry.movieId, entry.kind);
    const index = itemIndex.get(entry.movieId);
    if (index === undefined) continue;
    items.push(index);
    weights.push(entry.weight);
  }
  for (const id of blockedIds) {
    const index = itemIndex.get(id);
    if (index !== undefined) blocked[index] = 1;
  }
  const history: UserHistory = { items: Int32Array.from(items), weights: Float32Array.from(weights) };
  const namable = strongestEntries(history.weights, MAX_NAMED_HISTORY);
  const state = { userIndex: model.lookup.userIndex.get(input.userId), history: history.items.length ? history : undefined, genres: input.genres };

  // Each source's best, as relative scores (0..1 over what the user may be shown); the chain
  // takes them in order, skipping repeats (fallback-chain.ts).
  const scores = new Float32Array(itemCount);
  const relative = new Map<string, number>();
  const ranked = (source: ListSource): string[] => {
    const { min, max } = scoreRange(scores, blocked);
    const top = topK(scores, size, blocked);
    return Array.from(top.indices, (item, i) => {
      const movieId = model.itemIds[item]!;
      if (!relative.has(`${source}|${movieId}`)) relative.set(`${source}|${movieId}`, max > min ? (top.scores[i]! - min) / (max - min) : 1);
      return movieId;
    });
  };
  const sources: RankedSource<string>[] = [];
  if (model.algorithm !== "popular" && scoreItems(model, state, scores)) sources.push({ source: "model", items: ranked("model") });
  if (input.genres.length) {
    genrePopularity(model, input.genres, scores);
    sources.push({ source: "genre", items: ranked("genre") });
  }
  scores.set(model.popularity);
  sources.push({ source: "popular", items: ranked("popular") });

  const release = input.recentRelease;
  const placed = fillRecommendations({
    k: size,
    sources,
    exclude: blockedIds,
    recentRelease: release && size > NEW_RELEASE_SLOT ? { candidates: [release], position: NEW_RELEASE_SLOT, source: "new" } : undefined,
  });

  // Scores read best first: a fallback pick scores below the personal pick before it.
  let previous = 1;
  return placed.map(({ item: movieId, source }) => {
    const kind = source as ListSource;
    const own = relative.get(`${kind}|${movieId}`) ?? previous;
    const score = round(kind === "model" ? own : kind === "new" ? previous : Math.min(previous, own) * 0.99);
    previous = score;
    const index = itemIndex.get(movieId);
    return { movieId, score, source: kind, reasons: reasonsFor(kind, index) };
  });

  function reasonsFor(kind: ListSource, index: number | undefined): ReasonCode[] {
    if (kind === "new" || index === undefined) return [{ kind: "new" }];
    if (kind === "model") return reasonsOf(model, state, index, kindOf, namable);
    if (kind === "genre") {
      const genre = input.genres.find((g) => model.itemGenres[index]?.includes(g));
      return genre ? [{ kind: "genre", genre }] : [{ kind: "popular" }];
    }
    return [{ kind: "popular" }];
  }
}

/**
 * The "because you watched …" reasons name one of the user's MAX_NAMED_HISTORY strongest
 * interactions: explaining a movie costs one pass over the history entries it may name, a list
 * explains up to a hundred, and a long history holds thousands whose shares are tiny.
 */
export const MAX_NAMED_HISTORY = 200;

/** Positions of the `limit` largest weights (all of them when there are no more), in history order. */
export function strongestEntries(weights: Float32Array, limit: number): Int32Array | undefined {
  if (weights.length <= limit) return undefined;
  const order = Array.from(weights.keys()).sort((a, b) => weights[b]! - weights[a]! || a - b);
  return Int32Array.from(order.slice(0, limit)).sort();
}

function reasonsOf(model: TrainedModel, state: Parameters<typeof explainRecommendation>[1], item: number, kindOf: Map<string, InteractionKind>, entries: Int32Array | undefined): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  for (const attribution of explainRecommendation(model, state, item, 2, entries)) {
    if (attribution.kind === "item") {
      const movieId = model.itemIds[attribution.item]!;
      reasons.push({ kind: "because", movieId, how: kindOf.get(movieId) ?? "watched" });
    } else if (attribution.kind === "genre") reasons.push({ kind: "taste", genre: attribution.genre });
    else reasons.push({ kind: "popular" });
  }
  if (!reasons.length) {
    const genre = state.genres?.find((g) => model.itemGenres[item]?.includes(g));
    reasons.push(genre ? { kind: "taste", genre } : { kind: "popular" });
  }
  return reasons;
}

function round(score: number): number {
  return Math.max(0, Math.min(1, Math.round(score * 1000) / 1000));
}
