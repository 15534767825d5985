import { parseGenres, splitTitleYear } from "@/lib/movielens/parse";
import type { z } from "zod";
import type { CreateMovie, movieLensMovieSchema } from "./contract";

/** A MovieLens-form movie as ours: "Toy Story (1995)" → title and year, "A|B" → ["A", "B"]. */
export function fromMovieLens(movie: z.infer<typeof movieLensMovieSchema>): CreateMovie {
  const { title, year } = splitTitleYear(movie.title);
  return { id: movie.movieId, title, year: year ?? undefined, genres: parseGenres(movie.genres), overview: "" };
}
