import { z } from "zod";
import { listMovies } from "@/db/queries/movies";
import { requireScope } from "@/lib/auth/actor";
import { createMovie } from "@/lib/catalog/catalog-service";
import { createMovieSchema, isMovieLensMovie, movieListQuery, movieLensMovieSchema } from "@/lib/catalog/contract";
import { fromMovieLens } from "@/lib/catalog/movielens-movie";
import { apiRoute, json, parseWith, readJson, readQuery } from "@/lib/http/api-route";
import { page } from "@/lib/http/pagination";

export const GET = apiRoute("/api/v1/movies", async ({ request, db }) => {
  const query = readQuery(request, movieListQuery);
  const { items, total } = await listMovies(db, query);
  return json(page(items, total, query.limit, query.offset));
});

/** Ours, or MovieLens's form (seed 000's client releases movies that way). */
export const POST = apiRoute("/api/v1/movies", async ({ request, db, actor }) => {
  requireScope(await actor(), "catalog:write");
  const raw = await readJson(request, z.unknown());
  const input = isMovieLensMovie(raw) ? fromMovieLens(parseWith(movieLensMovieSchema, raw)) : parseWith(createMovieSchema, raw);
  return json(await createMovie(db, input), 201);
});
