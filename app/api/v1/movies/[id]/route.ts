import { requireScope } from "@/lib/auth/actor";
import { deleteMovie, getMovie, updateMovie } from "@/lib/catalog/catalog-service";
import { idParams } from "@/lib/catalog/contract";
import { updateMovieSchema } from "@/lib/catalog/contract";
import { apiRoute, json, readJson } from "@/lib/http/api-route";

const route = "/api/v1/movies/[id]";

export const GET = apiRoute(route, async ({ db, params }) => json(await getMovie(db, params.id)), { params: idParams });

export const PATCH = apiRoute(
  route,
  async ({ request, db, params, actor, now }) => {
    requireScope(await actor(), "catalog:write");
    const input = await readJson(request, updateMovieSchema);
    return json(await updateMovie(db, params.id, input, now));
  },
  { params: idParams },
);

export const DELETE = apiRoute(
  route,
  async ({ db, params, actor }) => {
    requireScope(await actor(), "catalog:write");
    await deleteMovie(db, params.id);
    return new Response(null, { status: 204 });
  },
  { params: idParams },
);
