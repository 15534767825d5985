import type { InteractionMatrix } from "./interactions";

/**
 * Popularity of each item = the number of users with a positive signal for it. A count rather than
 * a sum of weights: a 2-star rating still means the movie was watched, and "what many people
 * watch" is what a popularity list is for; known negatives do not count.
 */
export function popularityScores(matrix: InteractionMatrix): Float32Array {
  const scores = new Float32Array(matrix.cols);
  const nnz = matrix.indptr[matrix.rows]!;
  for (let e = 0; e < nnz; e++) if (matrix.values[e]! > 0) scores[matrix.indices[e]!]!++;
  return scores;
}

/**
 * Genre names ↔ small integer ids, and each item's genre ids in CSR form, so that matching an
 * item against a user's genres compares integers instead of strings.
 */
export interface GenreTable {
  names: string[];
  /** Item i's genre ids are ids[indptr[i] … indptr[i + 1]). */
  indptr: Int32Array;
  ids: Int32Array;
}

export function genreTable(itemGenres: readonly (readonly string[])[]): GenreTable {
  const byName = new Map<string, number>();
  const names: string[] = [];
  const indptr = new Int32Array(itemGenres.length + 1);
  const ids: number[] = [];
  for (let i = 0; i < itemGenres.length; i++) {
    for (const genre of itemGenres[i]!) {
      let id = byName.get(genre);
      if (id === undefined) {
        id = names.length;
        byName.set(genre, id);
        names.push(genre);
      }
      if (!ids.slice(indptr[i]!).includes(id)) ids.push(id);
    }
    indptr[i + 1] = ids.length;
  }
  return { names, indptr, ids: Int32Array.from(ids) };
}

/** The ids of the named genres the table knows (unknown names are ignored). */
export function genreIds(table: GenreTable, genres: readonly string[]): Int32Array {
  const ids: number[] = [];
  for (const genre of genres) {
    const id = table.names.indexOf(genre);
    if (id !== -1 && !ids.includes(id)) ids.push(id);
  }
  return Int32Array.from(ids);
}

/**
 * The seed's genres_top: items scored by their popularity when they have at least one of the
 * given genres, and -Infinity (no opinion) otherwise, into `out`. With no genres every item is
 * out of the list. Rank with topK.
 */
export function genrePopularityScores(popularity: Float32Array, table: GenreTable, genres: readonly string[], out: Float32Array): void {
  const wanted = genreIds(table, genres);
  for (let i = 0; i < popularity.length; i++) {
    let match = false;
    for (let e = table.indptr[i]!; e < table.indptr[i + 1]! && !match; e++) {
      const id = table.ids[e]!;
      for (let g = 0; g < wanted.length; g++) if (wanted[g] === id) match = true;
    }
    out[i] = match ? popularity[i]! : -Infinity;
  }
}
