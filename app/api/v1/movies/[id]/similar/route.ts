import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { authorizeRecsReader } from "@/lib/recs/access";
import { similarParams, similarQuery } from "@/lib/recs/contract";
import { similarMovies } from "@/lib/recs/recommendation-service";

/** Movies like this one, from the served model. Public, as the movie pages are; for a user (themself) it is a logged list. */
export const GET = apiRoute(
  "/api/v1/movies/[id]/similar",
  async ({ request, db, handle, params, actor, now }) => {
    const { k, userId } = readQuery(request, similarQuery);
    if (userId !== undefined) authorizeRecsReader(await actor(), userId);
    return json(await similarMovies({ db, handle, now }, params.id, k, { userId }));
  },
  { params: similarParams },
);
