import { requireScope } from "@/lib/auth/actor";
import { apiRoute, json } from "@/lib/http/api-route";
import { getBoss } from "@/lib/jobs/runtime";
import { trendMovieParams } from "@/lib/trends/contract";
import { enqueueExternalFetch } from "@/lib/trends/jobs";
import { requestExternalRefresh } from "@/lib/trends/trend-service";

/** Queues a fresh fetch of the movie's external vote average. */
export const POST = apiRoute(
  "/api/v1/trends/movies/[movieId]/refresh-external",
  async ({ db, params, actor }) => {
    requireScope(await actor(), "catalog:write");
    const boss = await getBoss();
    return json(await requestExternalRefresh(db, params.movieId, (ids) => enqueueExternalFetch(boss, ids)), 202);
  },
  { params: trendMovieParams },
);
