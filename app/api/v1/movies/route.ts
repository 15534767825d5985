import { listMovies } from "@/db/queries/movies";
import { requireScope } from "@/lib/auth/actor";
import { createMovie } from "@/lib/catalog/catalog-service";
import { movieListQuery } from "@/lib/catalog/contract";
import { createMovieSchema } from "@/lib/catalog/contract";
import { apiRoute, json, readJson, readQuery } from "@/lib/http/api-route";
import { page } from "@/lib/http/pagination";

export const GET = apiRoute("/api/v1/movies", async ({ request, db }) => {
  const query = readQuery(request, movieListQuery);
  const { items, total } = await listMovies(db, query);
  return json(page(items, total, query.limit, query.offset));
});

export const POST = apiRoute("/api/v1/movies", async ({ request, db, actor }) => {
  requireScope(await actor(), "catalog:write");
  const input = await readJson(request, createMovieSchema);
  return json(await createMovie(db, input), 201);
});
