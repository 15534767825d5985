import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { similarParams, similarQuery } from "@/lib/recs/contract";
import { similarMovies } from "@/lib/recs/recommendation-service";

/** Movies like this one, from the served model. Public, as the movie pages are. */
export const GET = apiRoute(
  "/api/v1/movies/[id]/similar",
  async ({ request, db, handle, params, now }) => {
    const { k } = readQuery(request, similarQuery);
    return json(await similarMovies({ db, handle, now }, params.id, k));
  },
  { params: similarParams },
);
