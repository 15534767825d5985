import { csrFromTriples, DenseIndex, type InteractionMatrix } from "./interactions";

/**
 * What every model trains on: users × items weighted interactions plus the genres the hybrid and
 * the genre popularity need, all indexed densely (user index = row, item index = column).
 *
 * Weights are those of `lib/events/implicit-feedback.ts` (finished watch 1.0, unfinished 0.5,
 * rating r/5, favorite 0.3). Repeated interactions of one (user, movie) pair combine by MAX, the
 * strongest signal. Negative feedback (a dislike, "not interested") arrives as a negative weight
 * and overrides every positive of the pair: the pair becomes a known negative. The models read a
 * known negative as:
 * - ALS: preference 0 with confidence 1 + alpha·|w| (the model is pushed to score it low);
 * - hybrid (WARP): never a positive, and the first negative tried for that user;
 * - EASE and popularity: not an interaction (input 0).
 * A pair whose weight is exactly 0 (a removed favorite) carries no signal and is left out.
 */
export interface TrainingData {
  userIds: string[];
  itemIds: string[];
  /** users × items, values = combined weights. */
  matrix: InteractionMatrix;
  /** By item index; [] when the movie has none or is unknown to the catalogue. */
  itemGenres: string[][];
  /** Favorite genres by user index; [] when the user picked none. */
  userGenres: string[][];
}

export interface InteractionRecord {
  userId: string;
  movieId: string;
  weight: number;
}

export interface MovieGenres {
  id: string;
  genres: readonly string[];
}

export interface TrainingDataInput {
  interactions: Iterable<InteractionRecord>;
  /** The catalogue: every movie gets an item index, even one nobody has interacted with yet. */
  movies: Iterable<MovieGenres>;
  favoriteGenres?: Iterable<{ userId: string; genres: readonly string[] }>;
}

export function buildTrainingData(input: TrainingDataInput): TrainingData {
  const items = new DenseIndex();
  const itemGenres: string[][] = [];
  for (const movie of input.movies) {
    const before = items.size;
    const index = items.add(movie.id);
    if (index === before) itemGenres.push([...movie.genres]);
  }

  const users = new DenseIndex();
  let rowIdx = new Int32Array(1024);
  let colIdx = new Int32Array(1024);
  let values = new Float32Array(1024);
  let count = 0;
  for (const record of input.interactions) {
    if (!Number.isFinite(record.weight)) throw new RangeError(`the weight of (${record.userId}, ${record.movieId}) is not a finite number`);
    if (count === rowIdx.length) {
      rowIdx = grow(rowIdx, new Int32Array(count * 2));
      colIdx = grow(colIdx, new Int32Array(count * 2));
      values = grow(values, new Float32Array(count * 2));
    }
    const before = items.size;
    const item = items.add(record.movieId);
    // An interaction with a movie the catalogue does not list still counts; it has no genres.
    if (item === before) itemGenres.push([]);
    rowIdx[count] = users.add(record.userId);
    colIdx[count] = item;
    values[count] = record.weight;
    count++;
  }

  const favorites = new Map<number, string[]>();
  for (const { userId, genres } of input.favoriteGenres ?? []) favorites.set(users.add(userId), [...genres]);
  const userGenres: string[][] = [];
  for (let u = 0; u < users.size; u++) userGenres.push(favorites.get(u) ?? []);

  const matrix = csrFromTriples(users.size, items.size, rowIdx.subarray(0, count), colIdx.subarray(0, count), values.subarray(0, count), "max");
  return { userIds: users.ids(), itemIds: items.ids(), matrix, itemGenres, userGenres };
}

function grow<T extends Int32Array | Float32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * A user's favorite genres read from their history, as the seed's genres_top would have them
 * picked: the `count` genres with the largest total positive weight (ties by name), for users who
 * never picked any (MovieLens users in the offline evaluation).
 */
export function favoriteGenresFromHistory(matrix: InteractionMatrix, itemGenres: readonly (readonly string[])[], user: number, count = 3): string[] {
  const totals = new Map<string, number>();
  for (let e = matrix.indptr[user]!; e < matrix.indptr[user + 1]!; e++) {
    const w = matrix.values[e]!;
    if (w <= 0) continue;
    for (const genre of itemGenres[matrix.indices[e]!] ?? []) totals.set(genre, (totals.get(genre) ?? 0) + w);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, count)
    .map(([genre]) => genre);
}
