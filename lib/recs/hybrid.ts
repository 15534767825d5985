import { Random } from "@/lib/random/random";
import { findInRow, type InteractionMatrix } from "./interactions";
import type { UserHistory } from "./als";

/**
 * A LightFM-style hybrid (Kula 2015): a vector is the weighted sum of its features' embeddings,
 * and score(u, i) = user·item + item bias.
 * - A movie's features: its id (weight 1) and its genres (1/n each of n), so a movie nobody has
 *   watched yet still gets a vector, from its genres alone.
 * - A user's features: their id (weight 1), their favorite genres (1/n each), and the movies of
 *   their positive history (1/√n each of n; LightFM's interacted-items user features, as in
 *   SVD++/FISM). A user who only picked genres gets a vector from those; a user with five
 *   interactions is described by five embeddings trained on everyone's data rather than by one id
 *   embedding trained on five updates, which is what makes the hybrid good for short histories.
 *   While training on a positive, that movie is left out of the user's history sum (as FISM does),
 *   or the model would learn to predict a movie from itself.
 *
 * Trained with WARP (Weston et al. 2011), as LightFM does: for a positive (u, i), draw items until
 * one scores within a margin of 1 of i, then push i up and that item down with a weight
 * log(⌊(items − 1) / draws⌋), large when a violator turns up quickly (i ranks badly). BPR (one
 * draw, logistic loss) is the alternative. Per-parameter Adagrad, as LightFM's default. Users are
 * visited in a seeded random order, each user's positives together, so the gradient of their
 * history sum is gathered over their turn and applied once to the history embeddings.
 */
export interface HybridParams {
  factors: number;
  epochs: number;
  learningRate: number;
  loss: "warp" | "bpr";
  /** WARP's cap on draws per positive. */
  maxSampled: number;
  /** L2 penalty per update on the embeddings that took part in it. */
  regularization: number;
  /** Describe users by their history's movies too (see above); off gives LightFM's plain id + genres. */
  historyFeatures: boolean;
}

export interface HybridWeights {
  factors: number;
  genres: string[];
  /** (users + genres) × factors: user id embeddings first, then user-side genre embeddings. */
  userEmbeddings: Float32Array;
  /** (items + genres) × factors: item id embeddings first, then item-side genre embeddings. */
  itemEmbeddings: Float32Array;
  /** items + genres: item id biases, then genre biases. */
  itemBiases: Float32Array;
  /** items × factors: each movie's embedding as part of a user's history (empty without history features). */
  historyEmbeddings: Float32Array;
  /** users × factors: each user's history sum at the end of training (empty without history features). */
  userHistoryVectors: Float32Array;
}

/** Features of one side in CSR form: row r's features are ids[indptr[r] … indptr[r + 1]) with their weights. */
export interface FeatureRows {
  indptr: Int32Array;
  ids: Int32Array;
  weights: Float32Array;
}

/** Each row's features: its own id (feature r), plus its genres (feature rowCount + genre id) with weight 1/n each. */
export function featureRows(rowCount: number, genresByRow: readonly (readonly string[])[], genreIndex: ReadonlyMap<string, number>): FeatureRows {
  const indptr = new Int32Array(rowCount + 1);
  const ids: number[] = [];
  const weights: number[] = [];
  for (let r = 0; r < rowCount; r++) {
    ids.push(r);
    weights.push(1);
    const known = [...new Set(genresByRow[r] ?? [])].filter((g) => genreIndex.has(g));
    for (const genre of known) {
      ids.push(rowCount + genreIndex.get(genre)!);
      weights.push(1 / known.length);
    }
    indptr[r + 1] = ids.length;
  }
  return { indptr, ids: Int32Array.from(ids), weights: Float32Array.from(weights) };
}

export function genreIndexOf(genres: readonly string[]): Map<string, number> {
  return new Map(genres.map((g, i) => [g, i]));
}

/** Every genre of the catalogue and of the users' favorites, sorted, so the order never depends on input order. */
export function collectGenres(itemGenres: readonly (readonly string[])[], userGenres: readonly (readonly string[])[]): string[] {
  const all = new Set<string>();
  for (const list of itemGenres) for (const g of list) all.add(g);
  for (const list of userGenres) for (const g of list) all.add(g);
  return [...all].sort();
}

/** The weight of each history movie in a user's vector: 1/√(number of positive history movies). */
export function historyWeight(positives: number): number {
  return positives > 0 ? 1 / Math.sqrt(positives) : 0;
}

export interface HybridTrainInput {
  matrix: InteractionMatrix;
  itemGenres: readonly (readonly string[])[];
  userGenres: readonly (readonly string[])[];
}

export function trainHybrid(input: HybridTrainInput, params: HybridParams, options: { seed: number; onProgress?: (fraction: number, label: string) => void }): HybridWeights {
  const { matrix } = input;
  const f = params.factors;
  const users = matrix.rows;
  const items = matrix.cols;
  const genres = collectGenres(input.itemGenres, input.userGenres);
  const genreIndex = genreIndexOf(genres);

  const random = Random.fromSeed(options.seed, "hybrid");
  // LightFM's start: small uniform values scaled by 1/factors; biases at zero.
  const smallRandom = (length: number) => {
    const out = new Float32Array(length);
    for (let k = 0; k < length; k++) out[k] = (random.next() - 0.5) / f;
    return out;
  };
  const state: TrainerState = {
    params,
    f,
    userFeatures: featureRows(users, input.userGenres, genreIndex),
    itemFeatures: featureRows(items, input.itemGenres, genreIndex),
    userEmbeddings: smallRandom((users + genres.length) * f),
    itemEmbeddings: smallRandom((items + genres.length) * f),
    itemBiases: new Float32Array(items + genres.length),
    historyEmbeddings: params.historyFeatures ? smallRandom(items * f) : new Float32Array(0),
  };
  const trainer = new WarpTrainer(state, matrix);

  const userOrder: number[] = [];
  for (let u = 0; u < users; u++) if (positiveCount(matrix, u) > 0) userOrder.push(u);
  const order = Int32Array.from(userOrder);
  for (let epoch = 0; epoch < params.epochs; epoch++) {
    trainer.refreshItemCache();
    shuffleInPlace(order, random);
    for (let n = 0; n < order.length; n++) trainer.trainUser(order[n]!, random);
    options.onProgress?.((epoch + 1) / params.epochs, `epoch ${epoch + 1}/${params.epochs}`);
  }

  const userHistoryVectors = new Float32Array(params.historyFeatures ? users * f : 0);
  if (params.historyFeatures) {
    for (let u = 0; u < users; u++) {
      const from = matrix.indptr[u]!;
      const to = matrix.indptr[u + 1]!;
      addHistorySum(state.historyEmbeddings, f, matrix.indices.subarray(from, to), matrix.values.subarray(from, to), userHistoryVectors, u * f);
    }
  }
  return { factors: f, genres, userEmbeddings: state.userEmbeddings, itemEmbeddings: state.itemEmbeddings, itemBiases: state.itemBiases, historyEmbeddings: state.historyEmbeddings, userHistoryVectors };
}

function positiveCount(matrix: InteractionMatrix, u: number): number {
  let n = 0;
  for (let e = matrix.indptr[u]!; e < matrix.indptr[u + 1]!; e++) if (matrix.values[e]! > 0) n++;
  return n;
}

function shuffleInPlace(order: Int32Array, random: Random) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/** out[offset …] += historyWeight(n)·Σ embedding of each positive history movie (unknown movies skipped). */
export function addHistorySum(historyEmbeddings: Float32Array, f: number, items: ArrayLike<number>, weights: ArrayLike<number>, out: Float32Array | Float64Array, offset = 0): void {
  const itemCount = historyEmbeddings.length / f;
  let n = 0;
  for (let e = 0; e < items.length; e++) if (weights[e]! > 0 && items[e]! >= 0 && items[e]! < itemCount) n++;
  const w = historyWeight(n);
  for (let e = 0; e < items.length; e++) {
    const item = items[e]!;
    if (!(weights[e]! > 0) || item < 0 || item >= itemCount) continue;
    const o = item * f;
    for (let k = 0; k < f; k++) out[offset + k]! += w * historyEmbeddings[o + k]!;
  }
}

interface TrainerState {
  params: HybridParams;
  f: number;
  userFeatures: FeatureRows;
  itemFeatures: FeatureRows;
  userEmbeddings: Float32Array;
  itemEmbeddings: Float32Array;
  itemBiases: Float32Array;
  historyEmbeddings: Float32Array;
}

/**
 * The updates, with every scratch vector allocated once. Candidate negatives are scored against
 * item vectors cached at the start of each epoch and refreshed whenever an update touches the item
 * itself, so a draw costs one dot product instead of a sum over the item's features. (Genre updates
 * reach other items' cached vectors at the next epoch: the kind of staleness LightFM's lock-free
 * parallel updates live with too.)
 */
class WarpTrainer {
  private readonly f: number;
  private readonly params: HybridParams;
  /** Adagrad's running sums of squared gradients, starting at 1 as LightFM's do. */
  private readonly userSquares: Float32Array;
  private readonly itemSquares: Float32Array;
  private readonly biasSquares: Float32Array;
  private readonly historySquares: Float32Array;
  private readonly cache: Float32Array;
  private readonly cacheBias: Float32Array;
  /** Each user's known negatives (negative weights), the first candidates WARP tries for them. */
  private readonly negatives: { indptr: Int32Array; ids: Int32Array };
  private readonly user: Float64Array;
  private readonly positive: Float64Array;
  private readonly negative: Float64Array;
  private readonly historySum: Float64Array;
  private readonly historyGradient: Float64Array;
  private readonly positivesOfUser: Int32Array;

  constructor(private readonly s: TrainerState, private readonly matrix: InteractionMatrix) {
    const f = s.f;
    this.f = f;
    this.params = s.params;
    this.userSquares = new Float32Array(s.userEmbeddings.length).fill(1);
    this.itemSquares = new Float32Array(s.itemEmbeddings.length).fill(1);
    this.biasSquares = new Float32Array(s.itemBiases.length).fill(1);
    this.historySquares = new Float32Array(s.historyEmbeddings.length).fill(1);
    this.cache = new Float32Array(matrix.cols * f);
    this.cacheBias = new Float32Array(matrix.cols);
    this.negatives = knownNegatives(matrix);
    this.user = new Float64Array(f);
    this.positive = new Float64Array(f);
    this.negative = new Float64Array(f);
    this.historySum = new Float64Array(f);
    this.historyGradient = new Float64Array(f);
    let longest = 0;
    for (let u = 0; u < matrix.rows; u++) longest = Math.max(longest, matrix.indptr[u + 1]! - matrix.indptr[u]!);
    this.positivesOfUser = new Int32Array(longest);
  }

  refreshItemCache() {
    for (let i = 0; i < this.matrix.cols; i++) this.refreshItem(i);
  }

  private refreshItem(item: number) {
    this.cacheBias[item] = representation(this.s.itemFeatures, item, this.s.itemEmbeddings, this.s.itemBiases, this.f, this.cache, item * this.f);
  }

  /** One turn of user u: each of their positives once, in random order, then their history update. */
  trainUser(u: number, random: Random) {
    const { matrix, f } = this;
    const history = this.s.historyEmbeddings;
    const useHistory = history.length > 0;
    let n = 0;
    for (let e = matrix.indptr[u]!; e < matrix.indptr[u + 1]!; e++) if (matrix.values[e]! > 0) this.positivesOfUser[n++] = e;
    const mine = this.positivesOfUser.subarray(0, n);
    shuffleInPlace(mine, random);

    const w = historyWeight(n);
    if (useHistory) {
      this.historySum.fill(0);
      this.historyGradient.fill(0);
      for (let p = 0; p < n; p++) {
        const o = matrix.indices[mine[p]!]! * f;
        for (let k = 0; k < f; k++) this.historySum[k]! += w * history[o + k]!;
      }
    }
    for (let p = 0; p < n; p++) {
      const e = mine[p]!;
      this.step(u, matrix.indices[e]!, matrix.values[e]!, w, random);
    }
    if (!useHistory) return;
    // The history sum's gradient, gathered over the turn, reaches each history movie with weight w.
    const lr = this.params.learningRate;
    const reg = this.params.regularization;
    for (let p = 0; p < n; p++) {
      const o = matrix.indices[mine[p]!]! * f;
      for (let k = 0; k < f; k++) {
        const g = w * this.historyGradient[k]! + reg * history[o + k]!;
        const squares = this.historySquares[o + k]! + g * g;
        this.historySquares[o + k] = squares;
        history[o + k]! -= (lr * g) / Math.sqrt(squares);
      }
    }
  }

  private cachedScore(item: number): number {
    const f = this.f;
    const cache = this.cache;
    const user = this.user;
    const offset = item * f;
    let s0 = this.cacheBias[item]!;
    let s1 = 0;
    let k = 0;
    for (; k + 1 < f; k += 2) {
      s0 += user[k]! * cache[offset + k]!;
      s1 += user[k + 1]! * cache[offset + k + 1]!;
    }
    if (k < f) s0 += user[k]! * cache[offset + k]!;
    return s0 + s1;
  }

  private step(u: number, positiveItem: number, weight: number, historyW: number, random: Random) {
    const { f, params, matrix } = this;
    const items = matrix.cols;
    const history = this.s.historyEmbeddings;
    representation(this.s.userFeatures, u, this.s.userEmbeddings, null, f, this.user);
    if (history.length > 0) {
      const o = positiveItem * f;
      for (let k = 0; k < f; k++) this.user[k]! += this.historySum[k]! - historyW * history[o + k]!;
    }
    const positiveScore = this.cachedScore(positiveItem);

    let negativeItem = -1;
    let lossWeight = 0;
    const negFrom = this.negatives.indptr[u]!;
    const negCount = this.negatives.indptr[u + 1]! - negFrom;
    if (params.loss === "bpr") {
      for (let tries = 0; tries < 100 && negativeItem === -1; tries++) {
        const candidate = negCount > 0 && tries === 0 ? this.negatives.ids[negFrom + Math.floor(random.next() * negCount)]! : Math.floor(random.next() * items);
        if (!isPositive(matrix, u, candidate)) negativeItem = candidate;
      }
      if (negativeItem === -1) return;
      const difference = positiveScore - this.cachedScore(negativeItem);
      // The derivative of −log σ(difference) is −σ(−difference).
      lossWeight = weight / (1 + Math.exp(difference));
    } else {
      for (let sampled = 1; sampled <= params.maxSampled; sampled++) {
        // A user's known negatives are the first candidates: they are what the model must rank lowest.
        const candidate = negCount > 0 && sampled === 1 ? this.negatives.ids[negFrom + Math.floor(random.next() * negCount)]! : Math.floor(random.next() * items);
        // The score first: most draws do not violate the margin, and then need no positivity check.
        if (this.cachedScore(candidate) > positiveScore - 1 && !isPositive(matrix, u, candidate)) {
          negativeItem = candidate;
          lossWeight = weight * Math.log(Math.max(1, Math.floor((items - 1) / sampled)));
          break;
        }
      }
      if (negativeItem === -1) return;
    }

    // Gradients of lossWeight·(1 − s(u, i) + s(u, j)): the user by (v_j − v_i), i by −user and j
    // by +user, each feature in proportion to its weight.
    const positive = this.positive;
    const negative = this.negative;
    for (let k = 0; k < f; k++) {
      positive[k] = this.cache[positiveItem * f + k]!;
      negative[k] = this.cache[negativeItem * f + k]!;
    }
    const lr = params.learningRate;
    const reg = params.regularization;
    const userEmbeddings = this.s.userEmbeddings;
    for (let e = this.s.userFeatures.indptr[u]!; e < this.s.userFeatures.indptr[u + 1]!; e++) {
      const offset = this.s.userFeatures.ids[e]! * f;
      const w = this.s.userFeatures.weights[e]!;
      for (let k = 0; k < f; k++) {
        const g = lossWeight * w * (negative[k]! - positive[k]!) + reg * userEmbeddings[offset + k]!;
        const squares = this.userSquares[offset + k]! + g * g;
        this.userSquares[offset + k] = squares;
        userEmbeddings[offset + k]! -= (lr * g) / Math.sqrt(squares);
      }
    }
    if (history.length > 0) for (let k = 0; k < f; k++) this.historyGradient[k]! += lossWeight * (negative[k]! - positive[k]!);
    this.updateItem(positiveItem, -lossWeight);
    this.updateItem(negativeItem, lossWeight);
    this.refreshItem(positiveItem);
    this.refreshItem(negativeItem);
  }

  /** Moves an item's feature embeddings and biases against the gradient sign·user. */
  private updateItem(item: number, sign: number) {
    const { f } = this;
    const lr = this.params.learningRate;
    const reg = this.params.regularization;
    const features = this.s.itemFeatures;
    const embeddings = this.s.itemEmbeddings;
    for (let e = features.indptr[item]!; e < features.indptr[item + 1]!; e++) {
      const feature = features.ids[e]!;
      const w = features.weights[e]!;
      const offset = feature * f;
      for (let k = 0; k < f; k++) {
        const g = sign * w * this.user[k]! + reg * embeddings[offset + k]!;
        const squares = this.itemSquares[offset + k]! + g * g;
        this.itemSquares[offset + k] = squares;
        embeddings[offset + k]! -= (lr * g) / Math.sqrt(squares);
      }
      const g = sign * w;
      const squares = this.biasSquares[feature]! + g * g;
      this.biasSquares[feature] = squares;
      this.s.itemBiases[feature]! -= (lr * g) / Math.sqrt(squares);
    }
  }
}

function knownNegatives(matrix: InteractionMatrix): { indptr: Int32Array; ids: Int32Array } {
  const indptr = new Int32Array(matrix.rows + 1);
  const ids: number[] = [];
  for (let u = 0; u < matrix.rows; u++) {
    for (let e = matrix.indptr[u]!; e < matrix.indptr[u + 1]!; e++) if (matrix.values[e]! < 0) ids.push(matrix.indices[e]!);
    indptr[u + 1] = ids.length;
  }
  return { indptr, ids: Int32Array.from(ids) };
}

function isPositive(matrix: InteractionMatrix, u: number, item: number): boolean {
  const at = findInRow(matrix, u, item);
  return at !== -1 && matrix.values[at]! > 0;
}

/** out = Σ weight·embedding over a row's features; returns the weighted bias sum (0 without biases). */
export function representation(features: FeatureRows, row: number, embeddings: Float32Array, biases: Float32Array | null, f: number, out: Float64Array | Float32Array, outOffset = 0): number {
  for (let k = 0; k < f; k++) out[outOffset + k] = 0;
  let bias = 0;
  for (let e = features.indptr[row]!; e < features.indptr[row + 1]!; e++) {
    const w = features.weights[e]!;
    const offset = features.ids[e]! * f;
    for (let k = 0; k < f; k++) out[outOffset + k]! += w * embeddings[offset + k]!;
    if (biases) bias += w * biases[features.ids[e]!]!;
  }
  return bias;
}

/**
 * What serving needs, derived once from the weights: every item's vector and bias, so that scoring
 * a user is one dot product per item.
 */
export interface HybridServing {
  weights: HybridWeights;
  users: number;
  items: number;
  genreIndex: Map<string, number>;
  /** items × factors. */
  itemVectors: Float32Array;
  itemBias: Float32Array;
  /** By user index: the favorite genres used in training. */
  userGenres: readonly (readonly string[])[];
}

export function hybridServing(weights: HybridWeights, users: number, items: number, itemGenres: readonly (readonly string[])[], userGenres: readonly (readonly string[])[]): HybridServing {
  const f = weights.factors;
  const genreIndex = genreIndexOf(weights.genres);
  const features = featureRows(items, itemGenres, genreIndex);
  const itemVectors = new Float32Array(items * f);
  const itemBias = new Float32Array(items);
  for (let i = 0; i < items; i++) itemBias[i] = representation(features, i, weights.itemEmbeddings, weights.itemBiases, f, itemVectors, i * f);
  return { weights, users, items, genreIndex, itemVectors, itemBias, userGenres };
}

function knownGenreIds(model: HybridServing, genres: readonly string[]): number[] {
  return [...new Set(genres)].map((g) => model.genreIndex.get(g)).filter((id): id is number => id !== undefined);
}

/** A movie's vector and bias from its genres alone (a movie added after training). */
export function newItemVector(model: HybridServing, genres: readonly string[]): { vector: Float32Array; bias: number } {
  const f = model.weights.factors;
  const vector = new Float32Array(f);
  let bias = 0;
  const ids = knownGenreIds(model, genres);
  for (const id of ids) {
    // Item-side genre embeddings and biases sit after the item ids.
    const feature = model.items + id;
    for (let k = 0; k < f; k++) vector[k]! += model.weights.itemEmbeddings[feature * f + k]! / ids.length;
    bias += model.weights.itemBiases[feature]! / ids.length;
  }
  return { vector, bias };
}

export interface HybridUserState {
  userIndex?: number;
  genres?: readonly string[];
  history?: UserHistory;
}

/**
 * A user's vector, the sum of what is known of them: their trained id embedding (a known user),
 * the mean of their genres' user-side embeddings (the given genres, else those they had in
 * training), and their history's part (from the given history, which may be newer than the model;
 * else, for a known user, their history at training time). Null when nothing is known.
 */
export function userVector(model: HybridServing, state: HybridUserState): Float32Array | null {
  const f = model.weights.factors;
  const known = state.userIndex !== undefined && state.userIndex >= 0 && state.userIndex < model.users;
  const vector = new Float32Array(f);
  let informed = false;
  if (known) {
    const offset = state.userIndex! * f;
    for (let k = 0; k < f; k++) vector[k] = model.weights.userEmbeddings[offset + k]!;
    informed = true;
  }
  const genres = state.genres ?? (known ? model.userGenres[state.userIndex!] ?? [] : []);
  const ids = knownGenreIds(model, genres);
  for (const id of ids) {
    const offset = (model.users + id) * f;
    for (let k = 0; k < f; k++) vector[k]! += model.weights.userEmbeddings[offset + k]! / ids.length;
    informed = true;
  }
  if (model.weights.historyEmbeddings.length > 0) {
    if (state.history) {
      addHistorySum(model.weights.historyEmbeddings, f, state.history.items, state.history.weights, vector);
      for (let e = 0; e < state.history.weights.length; e++) if (state.history.weights[e]! > 0 && state.history.items[e]! < model.items) informed = true;
    } else if (known) {
      const offset = state.userIndex! * f;
      for (let k = 0; k < f; k++) vector[k]! += model.weights.userHistoryVectors[offset + k]!;
    }
  }
  return informed ? vector : null;
}

/** score(item) = user·item + bias for every item, into out. */
export function scoreHybrid(model: HybridServing, user: Float32Array, out: Float32Array): void {
  const f = model.weights.factors;
  for (let i = 0; i < model.items; i++) {
    const offset = i * f;
    let s = model.itemBias[i]!;
    for (let k = 0; k < f; k++) s += user[k]! * model.itemVectors[offset + k]!;
    out[i] = s;
  }
}

/**
 * Each history entry's share of the user's score for `item`: historyWeight(n)·z_h·v_item (the
 * history part of the score splits exactly over the history); 0 for negatives and unknown movies.
 * `entries`, when given, limits the attribution to those positions of the history.
 */
export function historyContributions(model: HybridServing, history: UserHistory, item: number, entries?: ArrayLike<number>): Float32Array {
  const f = model.weights.factors;
  const out = new Float32Array(history.items.length);
  const embeddings = model.weights.historyEmbeddings;
  if (embeddings.length === 0) return out;
  let n = 0;
  for (let e = 0; e < history.items.length; e++) if (history.weights[e]! > 0 && history.items[e]! >= 0 && history.items[e]! < model.items) n++;
  const w = historyWeight(n);
  const count = entries ? entries.length : history.items.length;
  for (let p = 0; p < count; p++) {
    const e = entries ? entries[p]! : p;
    const h = history.items[e]!;
    if (!(history.weights[e]! > 0) || h < 0 || h >= model.items) continue;
    let dot = 0;
    for (let k = 0; k < f; k++) dot += embeddings[h * f + k]! * model.itemVectors[item * f + k]!;
    out[e] = w * dot;
  }
  return out;
}

/** Cosine similarity of every item's vector to `vector`, into out (0 for a zero vector). */
export function cosineToItems(itemVectors: Float32Array, f: number, vector: ArrayLike<number>, out: Float32Array): void {
  let norm = 0;
  for (let k = 0; k < f; k++) norm += vector[k]! * vector[k]!;
  norm = Math.sqrt(norm);
  const items = itemVectors.length / f;
  for (let i = 0; i < items; i++) {
    const offset = i * f;
    let dot = 0;
    let n = 0;
    for (let k = 0; k < f; k++) {
      const v = itemVectors[offset + k]!;
      dot += v * vector[k]!;
      n += v * v;
    }
    out[i] = norm > 0 && n > 0 ? dot / (norm * Math.sqrt(n)) : 0;
  }
}
