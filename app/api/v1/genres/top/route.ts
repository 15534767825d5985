import { requireViewerOrScope } from "@/lib/auth/actor";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { authorizeRecsReader } from "@/lib/recs/access";
import { genresTopQuery } from "@/lib/recs/contract";
import { topInUserGenres } from "@/lib/recs/recommendation-service";

/** The most popular movies in a user's favorite genres, without a model (the seed's genres_top). */
export const GET = apiRoute("/api/v1/genres/top", async ({ request, db, handle, actor, now }) => {
  const caller = requireViewerOrScope(await actor(), ["recs:read"]);
  const query = readQuery(request, genresTopQuery);
  authorizeRecsReader(caller, query.userId);
  return json(await topInUserGenres({ db, handle, now }, query.userId, query.limit));
});
