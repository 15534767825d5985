import { requireScope } from "@/lib/auth/actor";
import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { getBoss } from "@/lib/jobs/runtime";
import { registerTrendMovieSchema } from "@/lib/trends/contract";
import { enqueueExternalFetch } from "@/lib/trends/jobs";
import { registerByTmdbId } from "@/lib/trends/trend-service";

/** Registers a movie by TMDB id (creating it when the catalog lacks it); a job fetches its score. */
export const POST = apiRoute("/api/v1/trends/movies/register", async ({ request, db, actor, now }) => {
  requireScope(await actor(), "catalog:write");
  const { tmdbId } = await readJson(request, registerTrendMovieSchema);
  const boss = await getBoss();
  return json(await registerByTmdbId(db, tmdbId, { now, enqueue: (ids) => enqueueExternalFetch(boss, ids) }), 201);
});
