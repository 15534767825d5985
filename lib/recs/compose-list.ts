import type { UserHistory } from "./als";
import { explainRecommendation, genrePopularity, scoreItems, type TrainedModel } from "./model";
import { scoreRange, topK } from "./top-k";

/**
 * A user's list from one model, always full: the model's own picks first, then the most popular
 * movies in the user's genres, then the most popular overall (the fallback chain), never a movie
 * the user already watched, rated, favorited or turned down, and never one twice. One slot, the
 * fifth, may go to a recent release, as the recommender seed's service did. Pure: the service
 * reads the history and renders titles and reasons.
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
  const state = { userIndex: model.lookup.userIndex.get(input.userId), history: history.items.length ? history : undefined, genres: input.genres };

  const taken = new Uint8Array(itemCount);
  const list: ListEntry[] = [];
  const scores = new Float32Array(itemCount);
  const room = () => size - list.length;
  const take = (source: Exclude<ListSource, "new">, explain: (item: number) => ReasonCode[]) => {
    if (room() <= 0) return;
    const { min, max } = scoreRange(scores, blocked);
    const top = topK(scores, room(), orMasks(blocked, taken));
    // Fallback picks score below the last personal pick, so a list reads best first.
    const ceiling = list.length ? list[list.length - 1]!.score : 1;
    for (let i = 0; i < top.indices.length; i++) {
      const item = top.indices[i]!;
      const relative = max > min ? (top.scores[i]! - min) / (max - min) : 1;
      taken[item] = 1;
      list.push({ movieId: model.itemIds[item]!, score: round(source === "model" && model.algorithm !== "popular" ? relative : ceiling * relative * 0.99), source, reasons: explain(item) });
    }
  };

  if (model.algorithm !== "popular" && scoreItems(model, state, scores)) {
    take("model", (item) => reasonsOf(model, state, item, kindOf));
  }
  if (input.genres.length) {
    genrePopularity(model, input.genres, scores);
    take("genre", (item) => {
      const genre = input.genres.find((g) => model.itemGenres[item]?.includes(g));
      return genre ? [{ kind: "genre", genre }] : [{ kind: "popular" }];
    });
  }
  scores.set(model.popularity);
  take("popular", () => [{ kind: "popular" }]);

  const release = input.recentRelease;
  if (release && !blockedIds.has(release) && !list.some((e) => e.movieId === release) && size > NEW_RELEASE_SLOT) {
    const at = Math.min(NEW_RELEASE_SLOT, list.length);
    const neighbour = list[at]?.score ?? list[at - 1]?.score ?? 1;
    list.splice(at, 0, { movieId: release, score: neighbour, source: "new", reasons: [{ kind: "new" }] });
    if (list.length > size) list.pop();
  }
  return list;
}

function reasonsOf(model: TrainedModel, state: Parameters<typeof explainRecommendation>[1], item: number, kindOf: Map<string, InteractionKind>): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  for (const attribution of explainRecommendation(model, state, item, 2)) {
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

function orMasks(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! | b[i]!;
  return out;
}

function round(score: number): number {
  return Math.max(0, Math.min(1, Math.round(score * 1000) / 1000));
}
