import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Random } from "@/lib/random/random";

/**
 * A small MovieLens folder (ml-latest layout: movies.csv and ratings.csv) in a temporary directory:
 * `movies` movies, `users` users who each rate a seeded handful of them. Returns the folder.
 */
export function writeMovielensFixture(options: { movies: number; users: number; ratingsPerUser: number; seed?: number; extraMovies?: string[] }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-movielens-"));
  const random = Random.fromSeed(options.seed ?? 1, "movielens-fixture");
  const genres = ["Action", "Comedy", "Drama", "Thriller", "Romance"];
  const movieLines = ["movieId,title,genres"];
  for (let m = 1; m <= options.movies; m++) movieLines.push(`${m},Film ${m} (${1980 + (m % 40)}),${genres[m % 5]}|${genres[(m + 2) % 5]}`);
  movieLines.push(...(options.extraMovies ?? []));
  fs.writeFileSync(path.join(dir, "movies.csv"), movieLines.join("\n") + "\n");
  const ratingLines = ["userId,movieId,rating,timestamp"];
  for (let u = 1; u <= options.users; u++) {
    const rated = random.shuffled(Array.from({ length: options.movies }, (_, i) => i + 1)).slice(0, options.ratingsPerUser);
    for (const m of rated) ratingLines.push(`${u},${m},${random.int(1, 10) / 2},${1_500_000_000 + u * 1000 + m}`);
  }
  fs.writeFileSync(path.join(dir, "ratings.csv"), ratingLines.join("\n") + "\n");
  return dir;
}
