import type { ApiSection } from "@/lib/openapi/operation-spec";
import {
  addViewSchema,
  refreshAccepted,
  registeredTrendMovie,
  registerTrendMovieSchema,
  trendHistory,
  trendHistoryQuery,
  trendListQuery,
  trendMovieParams,
  trendPage,
  viewAccepted,
} from "./contract";

export const trendApi: ApiSection = {
  tags: [
    {
      name: "Trends",
      description:
        "How much each movie is trending, as on the /trends dashboard: the seed's final trend score (70% the TMDB vote average, 30% views) and \"trending now\" (recent activity with exponential time decay). Reading is public; registering movies, adding views and refreshing scores is for admins and `catalog:write` tokens.",
    },
  ],
  operations: [
    {
      operationId: "listTrends",
      method: "GET",
      path: "/api/v1/trends",
      tag: "Trends",
      summary: "List trending movies",
      description:
        "Every movie that is registered or has had activity, sorted by final score, trending now or views, with views in the window and a 14-day daily series for sparklines. Trending scores are decayed to now (half-life TREND_HALF_LIFE_HOURS), so old activity fades without writes.",
      auth: "public",
      query: trendListQuery,
      responses: { 200: { description: "A page of movies with their trend scores", schema: trendPage } },
      example: { query: { sort: "trending", window: "24h", limit: "10" } },
    },
    {
      operationId: "getTrendHistory",
      method: "GET",
      path: "/api/v1/trends/history",
      tag: "Trends",
      summary: "Top movies over time",
      description: "The top movies (by `sort`) day by day, for the dashboard's chart.",
      auth: "public",
      query: trendHistoryQuery,
      responses: { 200: { description: "Daily series of the top movies", schema: trendHistory } },
      example: { query: { top: "10", days: "14" } },
    },
    {
      operationId: "registerTrendMovie",
      method: "POST",
      path: "/api/v1/trends/movies/register",
      tag: "Trends",
      summary: "Register a movie by TMDB id",
      description:
        "Registers the catalog movie with this TMDB id, or creates one (id `tmdb-<id>`) when there is none, and queues a job that fetches its TMDB vote average and details. A TMDB 404 marks its external link missing (the movie is never deleted); TMDB being unavailable is retried with backoff, then filed as a dead letter. Without TMDB_API_KEY the movie's own average rating is used. 409 when it is already registered.",
      auth: "catalog:write",
      body: registerTrendMovieSchema,
      responses: { 201: { description: "Registered", schema: registeredTrendMovie } },
      errors: [409],
    },
    {
      operationId: "addTrendView",
      method: "POST",
      path: "/api/v1/trends/movies/view",
      tag: "Trends",
      summary: "Add a view",
      description: "Adds one view to a movie: total views, trending now, the day's activity and the final score change together.",
      auth: "catalog:write",
      body: addViewSchema,
      responses: { 202: { description: "Counted", schema: viewAccepted } },
      errors: [404],
    },
    {
      operationId: "refreshTrendExternalScore",
      method: "POST",
      path: "/api/v1/trends/movies/{movieId}/refresh-external",
      tag: "Trends",
      summary: "Refresh the external score",
      description: "Queues a fresh fetch of the movie's TMDB vote average (or own-ratings fallback). The movie must be on the dashboard. Every registered movie is also refreshed daily.",
      auth: "catalog:write",
      params: trendMovieParams,
      responses: { 202: { description: "Queued", schema: refreshAccepted } },
      example: { params: { movieId: "tmdb-27205" } },
    },
  ],
};
