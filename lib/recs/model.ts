import { z } from "zod";
import { explainAls, foldInUser, itemGramOf, trainAls, type AlsFactors, type AlsParams, type UserHistory } from "./als";
import { easeContributions, scoreEase, slotsOf, trainEase, type EaseParams, type EaseWeights } from "./ease";
import { cosineToItems, historyContributions, hybridServing, newItemVector, scoreHybrid, trainHybrid, userVector, type HybridParams, type HybridServing, type HybridWeights } from "./hybrid";
import { nonZeroCount } from "./interactions";
import { genrePopularityScores, genreTable, popularityScores, type GenreTable } from "./popularity";
import type { TrainingData } from "./training-data";

/**
 * One shape per trained algorithm and one serving interface over all of them: score every item for
 * a user's state, find similar items, and say which of a user's interactions (or genres) a
 * recommendation comes from. Plus training, hyperparameter schemas, and the byte encoding the app
 * stores model versions in.
 */
export const algorithms = ["als", "hybrid", "ease", "popular"] as const;
export type Algorithm = (typeof algorithms)[number];

// Defaults: ALS's alpha and regularization, EASE's lambda and the hybrid's sampling and penalty
// were tuned on ml-latest-small with the offline protocol of ./evaluation (20% held out per user,
// Precision@10, and the cold segment for the hybrid). EASE's item cap bounds its O(n³) inverse and
// its n² weights; on MovieLens the thousand most watched movies hold most of what gets recommended.
export const alsParamsSchema = z
  .object({
    factors: z.number().int().min(1).max(512).default(64),
    iterations: z.number().int().min(1).max(200).default(15),
    regularization: z.number().min(0).max(1e6).default(40),
    alpha: z.number().min(0).max(1e6).default(7),
    cgSteps: z.number().int().min(1).max(100).default(3),
  })
  .strict();

export const hybridParamsSchema = z
  .object({
    factors: z.number().int().min(1).max(512).default(32),
    epochs: z.number().int().min(1).max(500).default(20),
    learningRate: z.number().positive().max(10).default(0.05),
    loss: z.enum(["warp", "bpr"]).default("warp"),
    maxSampled: z.number().int().min(1).max(1000).default(50),
    regularization: z.number().min(0).max(1).default(0.0001),
    historyFeatures: z.boolean().default(true),
  })
  .strict();

export const easeParamsSchema = z
  .object({
    lambda: z.number().positive().max(1e9).default(250),
    maxItems: z.number().int().min(1).max(20_000).default(1000),
  })
  .strict();

export const popularParamsSchema = z.object({}).strict();

export const hyperparameterSchemas = {
  als: alsParamsSchema,
  hybrid: hybridParamsSchema,
  ease: easeParamsSchema,
  popular: popularParamsSchema,
} as const;

export type HyperparametersOf<A extends Algorithm> = z.infer<(typeof hyperparameterSchemas)[A]>;

/** Hyperparameters with every default filled in; throws a ZodError naming the bad field. */
export function parseHyperparameters<A extends Algorithm>(algorithm: A, input: unknown = {}): HyperparametersOf<A> {
  return hyperparameterSchemas[algorithm].parse(input ?? {}) as HyperparametersOf<A>;
}

interface ModelBase {
  userIds: string[];
  itemIds: string[];
  /** By item index. */
  itemGenres: string[][];
  /** Positive interactions per item in the training data (see popularity.ts); zeros when unknown. */
  popularity: Float32Array;
  trainedAt: string;
  counts: { users: number; items: number; interactions: number };
  /** Derived when a model is built or decoded, never stored. */
  lookup: ModelLookup;
}

export interface ModelLookup {
  userIndex: ReadonlyMap<string, number>;
  itemIndex: ReadonlyMap<string, number>;
  genres: GenreTable;
}

export interface AlsModel extends ModelBase {
  algorithm: "als";
  params: AlsParams;
  factors: AlsFactors;
  /** YᵀY of the item factors (derived), for folding in. */
  itemGram: Float64Array;
}

export interface HybridModel extends ModelBase {
  algorithm: "hybrid";
  params: HybridParams;
  weights: HybridWeights;
  /** Favorite genres by user index, as trained. */
  userGenres: string[][];
  serving: HybridServing;
}

export interface EaseModel extends ModelBase {
  algorithm: "ease";
  params: EaseParams;
  ease: EaseWeights;
  /** Item index → row of B, or -1 (derived). */
  slotOf: Int32Array;
}

export interface PopularModel extends ModelBase {
  algorithm: "popular";
  params: Record<string, never>;
}

export type TrainedModel = AlsModel | HybridModel | EaseModel | PopularModel;

export interface TrainOptions {
  seed: number;
  onProgress?: (fraction: number, label: string) => void;
  now?: Date;
}

export function trainModel(algorithm: Algorithm, data: TrainingData, params: unknown, options: TrainOptions): TrainedModel {
  const base = {
    userIds: data.userIds,
    itemIds: data.itemIds,
    itemGenres: data.itemGenres,
    popularity: popularityScores(data.matrix),
    trainedAt: (options.now ?? new Date()).toISOString(),
    counts: { users: data.matrix.rows, items: data.matrix.cols, interactions: nonZeroCount(data.matrix) },
  };
  switch (algorithm) {
    case "als": {
      const p = parseHyperparameters("als", params);
      return withAlsDerived({ ...base, algorithm, params: p, factors: trainAls(data.matrix, p, options) });
    }
    case "hybrid": {
      const p = parseHyperparameters("hybrid", params);
      const weights = trainHybrid(data, p, options);
      return withHybridDerived({ ...base, algorithm, params: p, weights, userGenres: data.userGenres });
    }
    case "ease": {
      const p = parseHyperparameters("ease", params);
      return withEaseDerived({ ...base, algorithm, params: p, ease: trainEase(data.matrix, p, options.onProgress) });
    }
    case "popular": {
      parseHyperparameters("popular", params);
      options.onProgress?.(1, "popularity");
      return { ...base, algorithm, params: {}, lookup: lookupOf(base) };
    }
  }
}

function lookupOf(base: { userIds: string[]; itemIds: string[]; itemGenres: string[][] }): ModelLookup {
  return {
    userIndex: new Map(base.userIds.map((id, i) => [id, i])),
    itemIndex: new Map(base.itemIds.map((id, i) => [id, i])),
    genres: genreTable(base.itemGenres),
  };
}

type WithoutDerived<M, K extends keyof M> = Omit<M, K | "lookup">;

function withAlsDerived(model: WithoutDerived<AlsModel, "itemGram">): AlsModel {
  return { ...model, lookup: lookupOf(model), itemGram: itemGramOf(model.factors.itemFactors, model.factors.factors) };
}

function withHybridDerived(model: WithoutDerived<HybridModel, "serving">): HybridModel {
  const serving = hybridServing(model.weights, model.userIds.length, model.itemIds.length, model.itemGenres, model.userGenres);
  return { ...model, lookup: lookupOf(model), serving };
}

function withEaseDerived(model: WithoutDerived<EaseModel, "slotOf">): EaseModel {
  return { ...model, lookup: lookupOf(model), slotOf: slotsOf(model.ease.slotItems, model.itemIds.length) };
}

/**
 * An ALS model from factors trained elsewhere (Spark MLlib, `implicit`): ids and row-major
 * factor matrices in the same order. Folding in uses `params`' regularization and alpha, so pass
 * the values the factors were trained with.
 */
export function alsModelFromFactors(input: {
  userIds: string[];
  itemIds: string[];
  factors: number;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  params?: Partial<AlsParams>;
  itemGenres?: string[][];
  popularity?: Float32Array;
  trainedAt?: Date;
}): AlsModel {
  const f = input.factors;
  if (input.userFactors.length !== input.userIds.length * f) throw new RangeError(`expected ${input.userIds.length} × ${f} user factors, got ${input.userFactors.length} values`);
  if (input.itemFactors.length !== input.itemIds.length * f) throw new RangeError(`expected ${input.itemIds.length} × ${f} item factors, got ${input.itemFactors.length} values`);
  for (const [name, ids] of [["user", input.userIds], ["item", input.itemIds]] as const) {
    if (new Set(ids).size !== ids.length) throw new RangeError(`the ${name} ids repeat`);
  }
  const params = parseHyperparameters("als", { ...input.params, factors: f });
  const items = input.itemIds.length;
  return withAlsDerived({
    algorithm: "als",
    params,
    userIds: input.userIds,
    itemIds: input.itemIds,
    itemGenres: input.itemGenres ?? input.itemIds.map(() => []),
    popularity: input.popularity ?? new Float32Array(items),
    trainedAt: (input.trainedAt ?? new Date()).toISOString(),
    counts: { users: input.userIds.length, items, interactions: 0 },
    factors: { factors: f, userFactors: input.userFactors, itemFactors: input.itemFactors },
  });
}

// ─── Serving ────────────────────────────────────────────────────────────────────────────────

/**
 * What a model knows about the user being served. `userIndex` is their row in the model (absent or
 * -1 for a user it was not trained on); `history` is their current interactions as model item
 * indices and weights (fresh from the database, so it may be newer than the model); `genres` their
 * favorite genres.
 *
 * - ALS: with a history, the user vector is folded in from it (exact, fresh); else the trained
 *   vector of a known user; else no scores.
 * - EASE: scores come from the history alone (no history, no scores).
 * - Hybrid: see `userVector` in hybrid.ts (id, genres and history parts of whatever is known).
 * - Popular: overall popularity, the same for everyone.
 */
export interface UserState {
  userIndex?: number;
  history?: UserHistory;
  genres?: readonly string[];
}

/**
 * Every item's score for this user into `out` (length = the model's item count); higher is better,
 * -Infinity means "no opinion". Returns false when the model cannot say anything for this user
 * (then `out` is all -Infinity and the caller falls back).
 */
export function scoreItems(model: TrainedModel, state: UserState, out: Float32Array): boolean {
  if (out.length !== model.itemIds.length) throw new RangeError(`out has ${out.length} places for ${model.itemIds.length} items`);
  const known = state.userIndex !== undefined && state.userIndex >= 0 && state.userIndex < model.userIds.length;
  switch (model.algorithm) {
    case "als": {
      const f = model.factors.factors;
      let user: Float32Array | null = null;
      if (state.history && state.history.items.length > 0) user = foldInUser(alsItemSide(model), state.history);
      else if (known) user = model.factors.userFactors.subarray(state.userIndex! * f, (state.userIndex! + 1) * f);
      if (!user) return noOpinion(out);
      dotWithRows(model.factors.itemFactors, f, user, out);
      return true;
    }
    case "ease":
      if (!state.history) return noOpinion(out);
      return scoreEase(model.ease, model.slotOf, state.history, out);
    case "hybrid": {
      const user = userVector(model.serving, state);
      if (!user) return noOpinion(out);
      scoreHybrid(model.serving, user, out);
      return true;
    }
    case "popular":
      out.set(model.popularity);
      return true;
  }
}

/** The seed's genres_top from any model's popularity: -Infinity outside the genres. */
export function genrePopularity(model: TrainedModel, genres: readonly string[], out: Float32Array): void {
  genrePopularityScores(model.popularity, model.lookup.genres, genres, out);
}

/**
 * How similar every item is to `item` (an item index, or a movie the model has not seen, given by
 * its genres), into `out`; the item itself scores -Infinity. ALS and the hybrid use the cosine of
 * item vectors; EASE the weight B[item][j]. Returns false when the model has nothing to say
 * (popularity, EASE for an item outside its cap, ALS for an unseen movie).
 */
export function similarItems(model: TrainedModel, item: number | { genres: readonly string[] }, out: Float32Array): boolean {
  if (typeof item !== "number") {
    if (model.algorithm !== "hybrid") return noOpinion(out);
    const { vector } = newItemVector(model.serving, item.genres);
    cosineToItems(model.serving.itemVectors, model.weights.factors, vector, out);
    return true;
  }
  switch (model.algorithm) {
    case "als": {
      const f = model.factors.factors;
      cosineToItems(model.factors.itemFactors, f, model.factors.itemFactors.subarray(item * f, (item + 1) * f), out);
      break;
    }
    case "hybrid": {
      const f = model.weights.factors;
      cosineToItems(model.serving.itemVectors, f, model.serving.itemVectors.subarray(item * f, (item + 1) * f), out);
      break;
    }
    case "ease": {
      const slot = model.slotOf[item]!;
      if (slot === undefined || slot === -1) return noOpinion(out);
      const n = model.ease.slotItems.length;
      out.fill(-Infinity);
      for (let s = 0; s < n; s++) out[model.ease.slotItems[s]!] = model.ease.weights[slot * n + s]!;
      break;
    }
    case "popular":
      return noOpinion(out);
  }
  out[item] = -Infinity;
  return true;
}

/**
 * A movie added after training, scored for this user from its genres alone (the hybrid's genre
 * embeddings); null for the other models, which know nothing of it until the next training.
 */
export function scoreNewMovie(model: TrainedModel, state: UserState, genres: readonly string[]): number | null {
  if (model.algorithm !== "hybrid") return null;
  const user = userVector(model.serving, state);
  if (!user) return null;
  const { vector, bias } = newItemVector(model.serving, genres);
  let score = bias;
  for (let k = 0; k < vector.length; k++) score += user[k]! * vector[k]!;
  return score;
}

/** Why an item is recommended: the user's interactions or genres that speak for it most. */
export type Attribution =
  | { kind: "item"; item: number; contribution: number }
  | { kind: "genre"; genre: string; contribution: number }
  | { kind: "popularity"; contribution: number };

/**
 * The (at most) `limit` strongest positive reasons for `item`, strongest first. ALS splits the
 * folded-in score exactly over the history (as `implicit`'s explain); EASE gives each history item
 * its weight B[h][item]; the hybrid gives each history item its exact share of the history part of
 * the score, and each of the user's genres the item has its share of the genre part; popularity
 * names itself. The item reasons need `state.history`; `entries` limits them to those positions of it.
 */
export function explainRecommendation(model: TrainedModel, state: UserState, item: number, limit = 3, entries?: ArrayLike<number>): Attribution[] {
  const history = state.history;
  const reasons: Attribution[] = [];
  switch (model.algorithm) {
    case "als": {
      if (!history) break;
      const [contributions] = explainAls(alsItemSide(model), history, [item], entries);
      pushItems(reasons, history, contributions!, limit);
      break;
    }
    case "ease":
      if (history) pushItems(reasons, history, easeContributions(model.ease, model.slotOf, history, item), limit);
      break;
    case "hybrid": {
      const serving = model.serving;
      const f = model.weights.factors;
      const known = state.userIndex !== undefined && state.userIndex >= 0 && state.userIndex < serving.users;
      const genres = [...new Set(state.genres ?? (known ? model.userGenres[state.userIndex!] ?? [] : []))];
      const itemGenres = new Set(model.itemGenres[item] ?? []);
      for (const genre of genres) {
        const id = serving.genreIndex.get(genre);
        if (id === undefined || !itemGenres.has(genre)) continue;
        let dot = 0;
        for (let k = 0; k < f; k++) dot += model.weights.userEmbeddings[(serving.users + id) * f + k]! * serving.itemVectors[item * f + k]!;
        reasons.push({ kind: "genre", genre, contribution: dot / genres.length });
      }
      if (history) pushItems(reasons, history, historyContributions(serving, history, item, entries), limit);
      break;
    }
    case "popular":
      reasons.push({ kind: "popularity", contribution: model.popularity[item] ?? 0 });
      break;
  }
  return reasons.filter((r) => r.contribution > 0).sort((a, b) => b.contribution - a.contribution).slice(0, limit);
}

/**
 * The `limit` history entries that contribute most (and positively), pushed onto `reasons`. A long
 * history has thousands of entries and a list explains a hundred movies: only the few that can be
 * named are kept, without an object per entry.
 */
function pushItems(reasons: Attribution[], history: UserHistory, contributions: Float32Array, limit: number) {
  if (limit <= 0) return;
  const best: number[] = [];
  for (let e = 0; e < contributions.length; e++) {
    const c = contributions[e]!;
    if (!(c > 0) || (best.length === limit && c <= contributions[best[limit - 1]!]!)) continue;
    let at = best.length === limit ? limit - 1 : best.length;
    while (at > 0 && contributions[best[at - 1]!]! < c) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = e;
  }
  for (const e of best) reasons.push({ kind: "item", item: history.items[e]!, contribution: contributions[e]! });
}

function alsItemSide(model: AlsModel) {
  return { factors: model.factors.factors, itemFactors: model.factors.itemFactors, itemGram: model.itemGram, regularization: model.params.regularization, alpha: model.params.alpha };
}

function noOpinion(out: Float32Array): false {
  out.fill(-Infinity);
  return false;
}

/** out[i] = rows[i]·v for the row-major rows × f matrix. */
function dotWithRows(rows: Float32Array, f: number, v: Float32Array, out: Float32Array) {
  const n = rows.length / f;
  for (let i = 0; i < n; i++) {
    const offset = i * f;
    let s0 = 0, s1 = 0;
    let k = 0;
    for (; k + 1 < f; k += 2) {
      s0 += rows[offset + k]! * v[k]!;
      s1 += rows[offset + k + 1]! * v[k + 1]!;
    }
    if (k < f) s0 += rows[offset + k]! * v[k]!;
    out[i] = s0 + s1;
  }
}

// ─── Encoding ───────────────────────────────────────────────────────────────────────────────

/**
 * A model as a small JSON-able description plus one byte array (a Postgres bytea): numeric arrays
 * as little-endian IEEE floats or int32, id and genre lists as UTF-8 JSON, each section 8-byte
 * aligned. Derived structures (lookups, Gram matrices, item vectors) are rebuilt on decode.
 */
export const MODEL_FORMAT = 1;

const sectionSchema = z.object({ offset: z.number().int().min(0), length: z.number().int().min(0), type: z.enum(["f32", "i32", "json"]) });

export const modelMetaSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  algorithm: z.enum(algorithms),
  params: z.record(z.string(), z.unknown()),
  trainedAt: z.string(),
  counts: z.object({ users: z.number().int().min(0), items: z.number().int().min(0), interactions: z.number().int().min(0) }),
  sections: z.record(z.string(), sectionSchema),
});

export type ModelMeta = z.infer<typeof modelMetaSchema>;

type SectionValue = Float32Array | Int32Array | unknown[];

export function encodeModel(model: TrainedModel): { meta: ModelMeta; bytes: Uint8Array } {
  const sections: Record<string, SectionValue> = {
    userIds: model.userIds,
    itemIds: model.itemIds,
    itemGenres: model.itemGenres,
    popularity: model.popularity,
  };
  switch (model.algorithm) {
    case "als":
      sections.userFactors = model.factors.userFactors;
      sections.itemFactors = model.factors.itemFactors;
      break;
    case "hybrid":
      sections.userGenres = model.userGenres;
      sections.genres = model.weights.genres;
      sections.userEmbeddings = model.weights.userEmbeddings;
      sections.itemEmbeddings = model.weights.itemEmbeddings;
      sections.itemBiases = model.weights.itemBiases;
      sections.historyEmbeddings = model.weights.historyEmbeddings;
      sections.userHistoryVectors = model.weights.userHistoryVectors;
      break;
    case "ease":
      sections.slotItems = model.ease.slotItems;
      sections.weights = model.ease.weights;
      break;
    case "popular":
      break;
  }

  const encoder = new TextEncoder();
  const parts: { name: string; type: "f32" | "i32" | "json"; bytes: Uint8Array; length: number }[] = [];
  for (const [name, value] of Object.entries(sections)) {
    if (value instanceof Float32Array) parts.push({ name, type: "f32", bytes: littleEndianBytes(value), length: value.length });
    else if (value instanceof Int32Array) parts.push({ name, type: "i32", bytes: littleEndianBytes(value), length: value.length });
    else {
      const bytes = encoder.encode(JSON.stringify(value));
      parts.push({ name, type: "json", bytes, length: bytes.length });
    }
  }
  let size = 0;
  const meta: ModelMeta = { format: MODEL_FORMAT, algorithm: model.algorithm, params: { ...model.params }, trainedAt: model.trainedAt, counts: { ...model.counts }, sections: {} };
  for (const part of parts) {
    meta.sections[part.name] = { offset: size, length: part.length, type: part.type };
    size += align8(part.bytes.length);
  }
  const bytes = new Uint8Array(size);
  for (const part of parts) bytes.set(part.bytes, meta.sections[part.name]!.offset);
  return { meta, bytes };
}

export class ModelFormatError extends Error {
  constructor(message: string) {
    super(`stored model is unreadable: ${message}`);
    this.name = "ModelFormatError";
  }
}

export function decodeModel(metaInput: unknown, bytes: Uint8Array): TrainedModel {
  const parsed = modelMetaSchema.safeParse(metaInput);
  if (!parsed.success) throw new ModelFormatError(`meta: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const meta = parsed.data;
  const reader = new SectionReader(meta, bytes);
  const counts = meta.counts;
  const base = {
    userIds: reader.strings("userIds", counts.users),
    itemIds: reader.strings("itemIds", counts.items),
    itemGenres: reader.stringLists("itemGenres", counts.items),
    popularity: reader.f32("popularity", counts.items),
    trainedAt: meta.trainedAt,
    counts,
  };
  switch (meta.algorithm) {
    case "als": {
      const params = parseStoredParams("als", meta.params);
      const f = params.factors;
      return withAlsDerived({ ...base, algorithm: "als", params, factors: { factors: f, userFactors: reader.f32("userFactors", counts.users * f), itemFactors: reader.f32("itemFactors", counts.items * f) } });
    }
    case "hybrid": {
      const params = parseStoredParams("hybrid", meta.params);
      const f = params.factors;
      const genres = reader.strings("genres", null);
      const weights: HybridWeights = {
        factors: f,
        genres,
        userEmbeddings: reader.f32("userEmbeddings", (counts.users + genres.length) * f),
        itemEmbeddings: reader.f32("itemEmbeddings", (counts.items + genres.length) * f),
        itemBiases: reader.f32("itemBiases", counts.items + genres.length),
        historyEmbeddings: reader.f32("historyEmbeddings", params.historyFeatures ? counts.items * f : 0),
        userHistoryVectors: reader.f32("userHistoryVectors", params.historyFeatures ? counts.users * f : 0),
      };
      return withHybridDerived({ ...base, algorithm: "hybrid", params, weights, userGenres: reader.stringLists("userGenres", counts.users) });
    }
    case "ease": {
      const params = parseStoredParams("ease", meta.params);
      const slotItems = reader.i32("slotItems", null);
      for (const item of slotItems) if (item < 0 || item >= counts.items) throw new ModelFormatError(`slotItems names item ${item} of ${counts.items}`);
      const n = slotItems.length;
      return withEaseDerived({ ...base, algorithm: "ease", params, ease: { slotItems, weights: reader.f32("weights", n * n) } });
    }
    case "popular":
      return { ...base, algorithm: "popular", params: {}, lookup: lookupOf(base) };
  }
}

function parseStoredParams<A extends Algorithm>(algorithm: A, params: unknown): HyperparametersOf<A> {
  const parsed = hyperparameterSchemas[algorithm].safeParse(params);
  if (!parsed.success) throw new ModelFormatError(`params: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return parsed.data as HyperparametersOf<A>;
}

class SectionReader {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });

  constructor(private readonly meta: ModelMeta, private readonly bytes: Uint8Array) {}

  private section(name: string, type: "f32" | "i32" | "json") {
    const section = this.meta.sections[name];
    if (!section) throw new ModelFormatError(`section ${name} is missing`);
    if (section.type !== type) throw new ModelFormatError(`section ${name} is ${section.type}, expected ${type}`);
    const size = type === "json" ? section.length : section.length * 4;
    if (section.offset + size > this.bytes.length) throw new ModelFormatError(`section ${name} runs past the end of the bytes`);
    return { ...section, size };
  }

  f32(name: string, expected: number): Float32Array {
    const s = this.section(name, "f32");
    if (s.length !== expected) throw new ModelFormatError(`section ${name} has ${s.length} values, expected ${expected}`);
    return readLittleEndian(this.bytes, s.offset, s.length, Float32Array);
  }

  i32(name: string, expected: number | null): Int32Array {
    const s = this.section(name, "i32");
    if (expected !== null && s.length !== expected) throw new ModelFormatError(`section ${name} has ${s.length} values, expected ${expected}`);
    return readLittleEndian(this.bytes, s.offset, s.length, Int32Array);
  }

  private json(name: string): unknown {
    const s = this.section(name, "json");
    try {
      return JSON.parse(this.decoder.decode(this.bytes.subarray(s.offset, s.offset + s.length)));
    } catch {
      throw new ModelFormatError(`section ${name} is not JSON`);
    }
  }

  strings(name: string, expected: number | null): string[] {
    const value = this.json(name);
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new ModelFormatError(`section ${name} is not a list of strings`);
    if (expected !== null && value.length !== expected) throw new ModelFormatError(`section ${name} has ${value.length} entries, expected ${expected}`);
    return value as string[];
  }

  stringLists(name: string, expected: number): string[][] {
    const value = this.json(name);
    if (!Array.isArray(value) || value.length !== expected || !value.every((l) => Array.isArray(l) && l.every((v) => typeof v === "string"))) {
      throw new ModelFormatError(`section ${name} is not ${expected} lists of strings`);
    }
    return value as string[][];
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function align8(n: number): number {
  return (n + 7) & ~7;
}

function littleEndianBytes(values: Float32Array | Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    if (values instanceof Float32Array) view.setFloat32(i * 4, values[i]!, true);
    else view.setInt32(i * 4, values[i]!, true);
  }
  return bytes;
}

/** A copy (so it is aligned and owned, whatever buffer the bytes came in), read as little-endian. */
function readLittleEndian<T extends Float32Array | Int32Array>(bytes: Uint8Array, offset: number, length: number, type: { new (buffer: ArrayBuffer): T }): T {
  const copy = bytes.slice(offset, offset + length * 4);
  if (LITTLE_ENDIAN) return new type(copy.buffer);
  const view = new DataView(copy.buffer);
  const out = new type(new ArrayBuffer(length * 4));
  for (let i = 0; i < length; i++) out[i] = type === (Float32Array as unknown) ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  return out;
}
