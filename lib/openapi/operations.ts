import { z } from "zod";
import { createTokenSchema } from "@/lib/auth/token-service";
import { changeRoleSchema } from "@/lib/auth/user-service";
import { signUpSchema } from "@/lib/auth/sign-in";
import { idParams, movieListQuery, theaterListQuery } from "@/lib/catalog/query-schemas";
import { createMovieSchema, createTheaterSchema, updateMovieSchema, updateTheaterSchema } from "@/lib/catalog/schemas";
import * as T from "@/lib/trends/api-schemas";
import { paginationSchema } from "@/lib/http/pagination";
import { deadLetterListQuery, deadLetterParams } from "@/lib/dead-letters/dead-letter-service";
import { eventBatchSchema, eventSchemas, MAX_EVENTS_PER_BATCH, typedEventSchema } from "@/lib/events/schemas";
import { refreshQuery } from "@/lib/features/feature-service";
import { idSchema } from "@/lib/ids/ids";
import { batchListQuery, findShowtimesSchema, transactionParams, wizardMoviesQuery } from "@/lib/showtimes/api-schemas";
import { createBatchSchema, MAX_SHOWTIMES_PER_BATCH } from "@/lib/showtimes/batch-request";
import { IDEMPOTENCY_KEY_PATTERN } from "@/lib/showtimes/batch-service";
import "./field-descriptions";
import * as R from "./response-schemas";
import { named } from "./schema-registry";

/**
 * Every operation of the JSON API, in the order the reference shows them. A route without an entry
 * here fails lib/openapi/completeness.test.ts. Import the schemas the route parses with; do not
 * write new ones for the document.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who may call: anyone, any signed-in caller, admins, or admins and tokens with the scope. */
export type Access = "public" | "signed-in" | "admin" | TokenScope;
export type TokenScope = z.infer<typeof createTokenSchema>["scopes"][number];

/** Error statuses with a shared response in components.responses. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

export interface HeaderSpec {
  name: string;
  description: string;
  schema?: z.ZodType;
  example?: string;
}

export interface ResponseSpec {
  description: string;
  /** Omit for an empty body (204). */
  schema?: z.ZodType;
  /** application/json unless said otherwise. */
  contentType?: string;
  example?: unknown;
}

export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI style: "/api/v1/movies/{id}". */
  path: string;
  tag: TagName;
  summary: string;
  description?: string;
  auth: Access;
  /** For "signed-in": token scopes that grant it too (any one). Without, any token may call it. */
  tokenScopes?: TokenScope[];
  /** Who may call, when the access level alone does not say it (e.g. "only for themself"). */
  authNote?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads besides Authorization and Content-Type. */
  headers?: HeaderSpec[];
  body?: z.ZodType;
  bodyExample?: unknown;
  responses: Record<number, ResponseSpec>;
  /**
   * Errors particular to this operation. The usual ones are added from the rest of the entry:
   * 400 for params, query or body; 413/415 for a body; 401/403 unless public; 404 with path params.
   */
  errors?: ErrorStatus[];
  /** Values for the curl example. */
  example?: { params?: Record<string, string>; query?: Record<string, string> };
}

export const tags = [
  { name: "Movies", description: "The movie catalog: read by anyone, written by admins and `catalog:write` tokens." },
  { name: "Theaters", description: "Theaters with their seat maps: read by anyone, written by admins and `catalog:write` tokens." },
  {
    name: "Showtimes",
    description: "Creating showtimes in batches, the way the showtime wizard does: submit, then follow the batch by polling or by Server-Sent Events. Admins only.",
  },
  {
    name: "Events",
    description: "What viewers do (watch, search, rate, favorite), sent by the apps or on a viewer's behalf. Stored at once, processed into features, ratings and trends by a worker.",
  },
  { name: "Features", description: "Per-user features computed from events, as the recommenders read them." },
  {
    name: "Trends",
    description:
      "How much each movie is trending, as on the /trends dashboard: the seed's final trend score (70% the TMDB vote average, 30% views) and \"trending now\" (recent activity with exponential time decay). Reading is public; registering movies, adding views and refreshing scores is for admins and `catalog:write` tokens.",
  },
  { name: "Accounts", description: "Self sign-up for viewers. Signing in happens on the web page (/signin), which sets the session cookie." },
  { name: "Admin: users", description: "People and their roles. Admins only." },
  { name: "Admin: API tokens", description: "Tokens for services and scripts. Admins only." },
  { name: "Admin: dead letters", description: "Background work that kept failing, to retry or discard. Admins only." },
  { name: "Operations", description: "Health checks for load balancers and orchestrators, and Prometheus metrics." },
] as const;

export type TagName = (typeof tags)[number]["name"];

// The route's query schema also has q and role but is private to app/api/v1/admin/users/route.ts;
// the part it shares is documented from the shared schema, the rest in the description.
const adminUsersQuery = z.object(paginationSchema);

const CreateMovie = named("CreateMovie", createMovieSchema, {
  description: "A new movie. Leave out `id` to get a generated UUID.",
  examples: [{ id: "296", title: "Pulp Fiction", year: 1994, runtimeMinutes: 154, genres: ["Comedy", "Crime", "Drama", "Thriller"], releaseDate: "1994-10-14", imdbId: "tt0110912" }],
});
const UpdateMovie = named("UpdateMovie", updateMovieSchema, {
  description: "The fields to change; at least one. Send null to clear a nullable field.",
  examples: [{ runtimeMinutes: 154, tmdbId: 680 }],
});
const CreateTheater = named("CreateTheater", createTheaterSchema, {
  description: "A new theater with its seat map. Leave out `id` to get a generated UUID.",
  examples: [{ id: "odeon-berlin-1", name: "Odeon 1", city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 20, seatMap: R.exampleSeatMap }],
});
const UpdateTheater = named("UpdateTheater", updateTheaterSchema, {
  description: "The fields to change; at least one. A new seat map replaces the theater's seats.",
  examples: [{ turnoverMinutes: 25 }],
});
const CreateToken = named("CreateToken", createTokenSchema, { examples: [{ name: "recommender", scopes: ["recs:read", "events:write"] }] });
const ChangeRole = named("ChangeRole", changeRoleSchema, { examples: [{ role: "admin" }] });
const CreateShowtimeBatch = named("CreateShowtimeBatch", createBatchSchema, {
  description:
    "Showtimes of one movie in several theaters. `startTimes` apply to every theater; `startTimesByTheater` replaces them for the theaters it names. Every theater needs start times from one or the other.",
  examples: [{ movieId: "296", theaterIds: ["odeon-berlin-1", "odeon-berlin-2"], durationInMinutes: 154, startTimes: ["2031-01-05T19:00:00+01:00", "2031-01-05T22:15:00+01:00"] }],
});
const FindShowtimes = named("FindShowtimes", findShowtimesSchema, {
  examples: [{ theaterIds: ["odeon-berlin-1"], from: "2031-01-05T00:00:00+01:00", to: "2031-01-12T00:00:00+01:00" }],
});
const eventExample = { requestId: "watch-42-296-1", userId: "42", movieId: "296", clientTimestamp: "2031-01-05T21:40:00+01:00" };
const eventBodies = {
  watch: named("WatchEvent", eventSchemas.watch, {
    description: "Someone watched (part of) a movie.",
    examples: [{ ...eventExample, metadata: { watchDuration: 5400, progressPercent: 58.4, device: "tv" } }],
  }),
  search: named("SearchEvent", eventSchemas.search, {
    description: "Someone searched; `movieId` is the result they picked, if any.",
    examples: [{ requestId: "search-42-1", userId: "42", metadata: { query: "tarantino", resultsCount: 7, filters: { genre: "Crime" } } }],
  }),
  rating: named("RatingEvent", eventSchemas.rating, {
    description: "Someone rated a movie, 0.5 to 5 in steps of 0.5.",
    examples: [{ ...eventExample, requestId: "rating-42-296", metadata: { rating: 4.5 } }],
  }),
  favorite: named("FavoriteEvent", eventSchemas.favorite, {
    description: "Someone added a movie to, or removed it from, a favorites list.",
    examples: [{ ...eventExample, requestId: "fav-42-296", metadata: { action: "add" } }],
  }),
};
const eventTypeNames = ["WatchEventInBatch", "SearchEventInBatch", "RatingEventInBatch", "FavoriteEventInBatch"];
typedEventSchema.options.forEach((option, i) => named(eventTypeNames[i]!, option, { description: "An event with its `type`." }));
const EventBatch = named("EventBatch", eventBatchSchema, {
  description: `Up to ${MAX_EVENTS_PER_BATCH.toLocaleString("en-US")} events of any type, each with its \`type\`. All are checked before any is stored.`,
  examples: [
    {
      events: [
        { type: "watch", ...eventExample, metadata: { watchDuration: 5400, progressPercent: 58.4 } },
        { type: "rating", ...eventExample, requestId: "rating-42-296", metadata: { rating: 4.5 } },
      ],
    },
  ],
});
// The route builds this object inline from the shared idSchema.
const featureParams = z.object({ userId: idSchema });
const eventAccess = {
  auth: "signed-in",
  tokenScopes: ["events:write"],
  authNote: "Signed-in viewers for themselves (userId must be theirs); API tokens with the events:write scope for anyone; admins.",
} as const satisfies Pick<OperationSpec, "auth" | "tokenScopes" | "authNote">;
const featureAccess = {
  auth: "signed-in",
  tokenScopes: ["recs:read", "events:write"],
  authNote: "Viewers for themselves; API tokens with the recs:read or events:write scope; admins.",
} as const satisfies Pick<OperationSpec, "auth" | "tokenScopes" | "authNote">;

function eventOperation(type: keyof typeof eventSchemas, summary: string): OperationSpec {
  return {
    operationId: `send${type[0]!.toUpperCase()}${type.slice(1)}Event`,
    method: "POST",
    path: `/api/v1/events/${type}`,
    tag: "Events",
    summary,
    description:
      "Stores the event and answers 202 at once. Send a `requestId` so a retry cannot count twice: the same requestId again answers `duplicate`. The body may be at most 32 KiB.",
    ...eventAccess,
    body: eventBodies[type],
    responses: { 202: { description: "Stored (or a duplicate)", schema: R.EventReceipt } },
    errors: [404],
  };
}

const exampleTrendItem = {
  movieId: "tmdb-27205",
  title: "Inception",
  year: 2010,
  genres: ["Action", "Science Fiction"],
  tmdbId: 27205,
  registered: true,
  views: 42,
  viewsInWindow: 12,
  externalVoteAverage: 8.4,
  externalSource: "tmdb",
  externalLabel: "TMDB",
  externalStatus: "ok",
  externalMessage: null,
  externalCheckedAt: "2024-05-01T04:15:02.000Z",
  finalScore: 7.1,
  trendingScore: 5.742,
  daily: [
    { day: "2024-04-30", views: 3, activity: 4.5 },
    { day: "2024-05-01", views: 9, activity: 12 },
  ],
};
const RegisterTrendMovie = named("RegisterTrendMovie", T.registerTrendMovieSchema, { examples: [{ tmdbId: 27205 }] });
const AddTrendView = named("AddTrendView", T.addViewSchema, {
  description: "The movie to add a view to: by catalog id or by TMDB id, one of the two.",
  examples: [{ tmdbId: 27205 }],
});
const RegisteredTrendMovie = named("RegisteredTrendMovie", T.registeredTrendMovie, {
  description: "The registered movie. `created` says whether it was made from the TMDB id; its title is a placeholder until the fetch job has read TMDB.",
  examples: [{ movieId: "tmdb-27205", tmdbId: 27205, title: "TMDB movie 27205", created: true, registeredAt: "2024-05-01T09:00:00.000Z", externalStatus: "pending" }],
});
const TrendViewAccepted = named("TrendViewAccepted", T.viewAccepted, {
  description: "The movie's counts after the view: total views, the final score recomputed with them, trending now.",
  examples: [{ movieId: "tmdb-27205", views: 43, finalScore: 7.2, trendingScore: 6.742 }],
});
const TrendRefreshAccepted = named("TrendRefreshAccepted", T.refreshAccepted, { examples: [{ movieId: "tmdb-27205", status: "queued" }] });
// Named so that TrendPage refers to it and the reference lists it once.
named("TrendItem", T.trendItem, {
  description:
    "A movie on the dashboard. `externalStatus`: pending (not fetched yet), ok (from TMDB), missing (TMDB answered 404; the movie is kept), error (TMDB refused or stayed unreachable; the last known value is kept), no_key (no TMDB key: the movie's own average rating × 2). `trendingScore` is decayed to the time of the answer. `daily` covers the last 14 UTC days, oldest first.",
  examples: [exampleTrendItem],
});
const TrendPage = named("TrendPage", T.trendPage, {
  examples: [{ items: [exampleTrendItem], total: 1, limit: 25, offset: 0, nextOffset: null, sort: "final", window: "7d", asOf: "2024-05-01T18:00:00.000Z", halfLifeHours: 24 }],
});
const TrendHistory = named("TrendHistory", T.trendHistory, {
  description: "For each of the top movies, daily views and \"trending now\" as it stood at the end of each day (today: now), in the order of `days`.",
  examples: [{ days: ["2024-04-30", "2024-05-01"], sort: "trending", asOf: "2024-05-01T18:00:00.000Z", movies: [{ movieId: "tmdb-27205", title: "Inception", views: [3, 9], trending: [3.1, 9.4] }] }],
});
const SignUp = named("SignUp", signUpSchema, { examples: [{ email: "ada@example.com", password: "correct horse battery", displayName: "Ada" }] });

export const operations: OperationSpec[] = [
  {
    operationId: "listMovies",
    method: "GET",
    path: "/api/v1/movies",
    tag: "Movies",
    summary: "List movies",
    description: "Search, filter by genre and sort the catalog, a page at a time.",
    auth: "public",
    query: movieListQuery,
    responses: { 200: { description: "A page of movies", schema: R.MoviePage } },
    example: { query: { q: "pulp", sort: "-year", limit: "10" } },
  },
  {
    operationId: "createMovie",
    method: "POST",
    path: "/api/v1/movies",
    tag: "Movies",
    summary: "Add a movie",
    auth: "catalog:write",
    body: CreateMovie,
    responses: { 201: { description: "The movie as stored", schema: R.Movie } },
    errors: [409],
  },
  {
    operationId: "getMovie",
    method: "GET",
    path: "/api/v1/movies/{id}",
    tag: "Movies",
    summary: "Get a movie",
    auth: "public",
    params: idParams,
    responses: { 200: { description: "The movie", schema: R.Movie } },
    example: { params: { id: "296" } },
  },
  {
    operationId: "updateMovie",
    method: "PATCH",
    path: "/api/v1/movies/{id}",
    tag: "Movies",
    summary: "Change a movie",
    description: "Changes only the fields sent.",
    auth: "catalog:write",
    params: idParams,
    body: UpdateMovie,
    responses: { 200: { description: "The movie after the change", schema: R.Movie } },
    example: { params: { id: "296" } },
  },
  {
    operationId: "deleteMovie",
    method: "DELETE",
    path: "/api/v1/movies/{id}",
    tag: "Movies",
    summary: "Delete a movie",
    description: "Also deletes its ratings and tags. A movie with showtimes cannot be deleted (409).",
    auth: "catalog:write",
    params: idParams,
    responses: { 204: { description: "Deleted" } },
    errors: [409],
    example: { params: { id: "296" } },
  },
  {
    operationId: "listGenres",
    method: "GET",
    path: "/api/v1/genres",
    tag: "Movies",
    summary: "List genres",
    description: "Every genre in the catalog with its number of movies, most common first.",
    auth: "public",
    responses: { 200: { description: "All genres", schema: R.GenreList } },
  },
  {
    operationId: "listTheaters",
    method: "GET",
    path: "/api/v1/theaters",
    tag: "Theaters",
    summary: "List theaters",
    description: "Ordered by city, then name. List items leave out the seat map; get a theater for it.",
    auth: "public",
    query: theaterListQuery,
    responses: { 200: { description: "A page of theaters", schema: R.TheaterPage } },
    example: { query: { city: "Berlin", minSeats: "100" } },
  },
  {
    operationId: "createTheater",
    method: "POST",
    path: "/api/v1/theaters",
    tag: "Theaters",
    summary: "Add a theater",
    description: "Creates the theater and one seat per place in the map, together.",
    auth: "catalog:write",
    body: CreateTheater,
    responses: { 201: { description: "The theater as stored", schema: R.Theater } },
    errors: [409],
  },
  {
    operationId: "getTheater",
    method: "GET",
    path: "/api/v1/theaters/{id}",
    tag: "Theaters",
    summary: "Get a theater",
    auth: "public",
    params: idParams,
    responses: { 200: { description: "The theater with its seat map", schema: R.Theater } },
    example: { params: { id: "odeon-berlin-1" } },
  },
  {
    operationId: "updateTheater",
    method: "PATCH",
    path: "/api/v1/theaters/{id}",
    tag: "Theaters",
    summary: "Change a theater",
    description: "Changes only the fields sent. A new seat map replaces all seats of the theater; not while it has upcoming showtimes (409).",
    auth: "catalog:write",
    params: idParams,
    body: UpdateTheater,
    responses: { 200: { description: "The theater after the change", schema: R.Theater } },
    errors: [409],
    example: { params: { id: "odeon-berlin-1" } },
  },
  {
    operationId: "deleteTheater",
    method: "DELETE",
    path: "/api/v1/theaters/{id}",
    tag: "Theaters",
    summary: "Delete a theater",
    description: "Also deletes its seats. A theater with showtimes cannot be deleted (409).",
    auth: "catalog:write",
    params: idParams,
    responses: { 204: { description: "Deleted" } },
    errors: [409],
    example: { params: { id: "odeon-berlin-1" } },
  },
  {
    operationId: "listCities",
    method: "GET",
    path: "/api/v1/cities",
    tag: "Theaters",
    summary: "List cities",
    description: "Every city with theaters, alphabetically, with its number of theaters.",
    auth: "public",
    responses: { 200: { description: "All cities", schema: R.CityList } },
  },
  {
    operationId: "createShowtimeBatch",
    method: "POST",
    path: "/api/v1/showtime-creation/showtimes",
    tag: "Showtimes",
    summary: "Create showtimes in a batch",
    description: `Checks the request, stores it and answers 202 at once with a transactionId (and a Location header); a job then creates every showtime and one ticket per seat in one transaction. If any showtime would overlap an existing one the batch fails with \`conflictingShowtimes\` and nothing is created. At most ${MAX_SHOWTIMES_PER_BATCH.toLocaleString("en-US")} showtimes per batch; the body may be at most 2 MiB.`,
    auth: "admin",
    headers: [
      {
        name: "Idempotency-Key",
        description: "Optional. Sending the same key with the same body again returns the first batch instead of creating another; with a different body it is a 409.",
        schema: z.string().regex(IDEMPOTENCY_KEY_PATTERN),
        example: "wizard-2031-01-05-pulp",
      },
    ],
    body: CreateShowtimeBatch,
    responses: { 202: { description: "Accepted; follow statusUrl or eventsUrl", schema: R.ShowtimeBatchAccepted } },
    errors: [404, 409],
  },
  {
    operationId: "getShowtimeBatch",
    method: "GET",
    path: "/api/v1/showtime-creation/batches/{transactionId}",
    tag: "Showtimes",
    summary: "Get a batch's status",
    description: "Status, phase, progress counts, and the conflicting showtimes or error message once it is over.",
    auth: "admin",
    params: transactionParams,
    responses: { 200: { description: "The batch", schema: R.ShowtimeBatch } },
    example: { params: { transactionId: "0b9e2f4c-7d1a-4e55-9c3b-5a8f1e2d6c70" } },
  },
  {
    operationId: "streamShowtimeBatchEvents",
    method: "GET",
    path: "/api/v1/showtime-creation/batches/{transactionId}/events",
    tag: "Showtimes",
    summary: "Follow a batch live",
    description:
      "Server-Sent Events: every event so far, then live ones, until the batch succeeds, fails or errors; then the stream closes. Each event has an `id` (its sequence number), the status as its name, and a BatchEvent as JSON data. Reconnect with `Last-Event-ID` (or `?lastEventId=`) to get only what you missed. Comments every 15 s keep the connection open.",
    auth: "admin",
    params: transactionParams,
    headers: [{ name: "Last-Event-ID", description: "Optional. The id of the last event you received; earlier events are not sent again." }],
    responses: {
      200: {
        description: "An event stream",
        contentType: "text/event-stream",
        schema: R.BatchEvent,
        example: `retry: 2000\n: connected to batch 0b9e2f4c-7d1a-4e55-9c3b-5a8f1e2d6c70\n\nid: 1\nevent: waiting\ndata: {"transactionId":"0b9e2f4c-7d1a-4e55-9c3b-5a8f1e2d6c70","status":"waiting","phase":"waiting","totalShowtimes":2,"totalTickets":40,"createdShowtimes":0,"createdTickets":0,"at":"2030-12-01T09:00:00.000Z"}\n\nid: 4\nevent: succeeded\ndata: {"transactionId":"0b9e2f4c-7d1a-4e55-9c3b-5a8f1e2d6c70","status":"succeeded","phase":"done","totalShowtimes":2,"totalTickets":40,"createdShowtimes":2,"createdTickets":40,"at":"2030-12-01T09:00:00.480Z"}`,
      },
    },
    example: { params: { transactionId: "0b9e2f4c-7d1a-4e55-9c3b-5a8f1e2d6c70" } },
  },
  {
    operationId: "listShowtimeBatches",
    method: "GET",
    path: "/api/v1/showtime-creation/batches",
    tag: "Showtimes",
    summary: "List batches",
    description: "The batch history, newest first.",
    auth: "admin",
    query: batchListQuery,
    responses: { 200: { description: "A page of batches", schema: R.ShowtimeBatchPage } },
    example: { query: { status: "failed" } },
  },
  {
    operationId: "findUpcomingShowtimes",
    method: "POST",
    path: "/api/v1/showtime-creation/showtimes/find",
    tag: "Showtimes",
    summary: "Find upcoming showtimes",
    description: "Showtimes in the chosen theaters that have not ended, from `from` (never earlier than now) to `to`, for the wizard's timeline. A POST because the list of theaters can be long.",
    auth: "admin",
    body: FindShowtimes,
    responses: { 200: { description: "The showtimes", schema: R.UpcomingShowtimes } },
  },
  {
    operationId: "listWizardMovies",
    method: "GET",
    path: "/api/v1/showtime-creation/movies",
    tag: "Showtimes",
    summary: "List movies for the wizard",
    description: "Newest release first, each with a summary of its upcoming showtimes.",
    auth: "admin",
    query: wizardMoviesQuery,
    responses: { 200: { description: "A page of movies", schema: R.WizardMoviePage } },
    example: { query: { q: "pulp" } },
  },
  {
    operationId: "listWizardTheaters",
    method: "GET",
    path: "/api/v1/showtime-creation/theaters",
    tag: "Showtimes",
    summary: "List theaters for the wizard",
    description: "The same list and filters as GET /api/v1/theaters, for admins.",
    auth: "admin",
    query: theaterListQuery,
    responses: { 200: { description: "A page of theaters", schema: R.TheaterPage } },
  },
  eventOperation("watch", "Send a watch event"),
  eventOperation("search", "Send a search event"),
  eventOperation("rating", "Send a rating event"),
  eventOperation("favorite", "Send a favorite event"),
  {
    operationId: "sendEventBatch",
    method: "POST",
    path: "/api/v1/events/batch",
    tag: "Events",
    summary: "Send events in a batch",
    description: `Up to ${MAX_EVENTS_PER_BATCH.toLocaleString("en-US")} events of mixed types in one request; all are checked first and none is stored if one is refused (errors name it as \`events.3.userId\`). The body may be at most 2 MiB.`,
    ...eventAccess,
    body: EventBatch,
    responses: { 202: { description: "Stored; one receipt per event", schema: R.EventBatchReceipt } },
    errors: [404],
  },
  {
    operationId: "getUserFeatures",
    method: "GET",
    path: "/api/v1/features/{userId}",
    tag: "Features",
    summary: "Get a user's features",
    description: "As far as the event worker has applied the user's events (within a second or two of acceptance), with their latest watches and searches and their current ratings (imported ones too); empty for a user without any activity.",
    ...featureAccess,
    params: featureParams,
    responses: { 200: { description: "The features", schema: R.UserFeatures } },
    example: { params: { userId: "42" } },
  },
  {
    operationId: "refreshUserFeatures",
    method: "POST",
    path: "/api/v1/features/{userId}/refresh",
    tag: "Features",
    summary: "Rebuild a user's features",
    description: "Recomputes the features from the user's events of the last `daysBack` days that the worker has applied, and stores them; events still waiting are applied by the worker on top, so none is counted twice. Histories and ratings (with their average and liked movies) are the user's current ones, from any time.",
    ...featureAccess,
    params: featureParams,
    query: refreshQuery,
    responses: { 200: { description: "The rebuilt features", schema: R.RefreshedUserFeatures } },
    example: { params: { userId: "42" }, query: { daysBack: "30" } },
  },
  {
    operationId: "listTrends",
    method: "GET",
    path: "/api/v1/trends",
    tag: "Trends",
    summary: "List trending movies",
    description:
      "Every movie that is registered or has had activity, sorted by final score, trending now or views, with views in the window and a 14-day daily series for sparklines. Trending scores are decayed to now (half-life TREND_HALF_LIFE_HOURS), so old activity fades without writes.",
    auth: "public",
    query: T.trendListQuery,
    responses: { 200: { description: "A page of movies with their trend scores", schema: TrendPage } },
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
    query: T.trendHistoryQuery,
    responses: { 200: { description: "Daily series of the top movies", schema: TrendHistory } },
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
    body: RegisterTrendMovie,
    responses: { 201: { description: "Registered", schema: RegisteredTrendMovie } },
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
    body: AddTrendView,
    responses: { 202: { description: "Counted", schema: TrendViewAccepted } },
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
    params: T.trendMovieParams,
    responses: { 202: { description: "Queued", schema: TrendRefreshAccepted } },
    example: { params: { movieId: "tmdb-27205" } },
  },
  {
    operationId: "signUp",
    method: "POST",
    path: "/api/v1/auth/signup",
    tag: "Accounts",
    summary: "Create a viewer account",
    description: "Self sign-up; the account is always a viewer. Then sign in on /signin. At most 20 accounts an hour from one client address; the body may be at most 16 KiB.",
    auth: "public",
    body: SignUp,
    responses: { 201: { description: "The account", schema: R.SignedUpUser } },
    errors: [409, 429],
  },
  {
    operationId: "listUsers",
    method: "GET",
    path: "/api/v1/admin/users",
    tag: "Admin: users",
    summary: "List users",
    description:
      "People with accounts first, then audience members by id. Also takes `q` (part of the email or name, or an exact id, at most 200 characters) and `role` (admin or viewer).",
    auth: "admin",
    query: adminUsersQuery,
    responses: { 200: { description: "A page of users", schema: R.UserPage } },
  },
  {
    operationId: "changeUserRole",
    method: "PATCH",
    path: "/api/v1/admin/users/{id}",
    tag: "Admin: users",
    summary: "Change a user's role",
    description: "Makes a viewer an admin or an admin a viewer. The last admin cannot be made a viewer (409).",
    auth: "admin",
    params: idParams,
    body: ChangeRole,
    responses: { 200: { description: "The user with the new role", schema: R.User } },
    errors: [409],
    example: { params: { id: "c0a8012e-7a1d-4f7e-a6f3-3f1b2e9d8c41" } },
  },
  {
    operationId: "listApiTokens",
    method: "GET",
    path: "/api/v1/admin/tokens",
    tag: "Admin: API tokens",
    summary: "List API tokens",
    description: "Every token, newest first, revoked ones included. Secrets are never listed.",
    auth: "admin",
    responses: { 200: { description: "All tokens", schema: R.ApiTokenList } },
  },
  {
    operationId: "createApiToken",
    method: "POST",
    path: "/api/v1/admin/tokens",
    tag: "Admin: API tokens",
    summary: "Create an API token",
    description: "The answer holds the secret once; only its hash is kept. The token belongs to the calling admin.",
    auth: "admin",
    body: CreateToken,
    responses: { 201: { description: "The token with its secret", schema: R.CreatedApiToken } },
  },
  {
    operationId: "revokeApiToken",
    method: "DELETE",
    path: "/api/v1/admin/tokens/{id}",
    tag: "Admin: API tokens",
    summary: "Revoke an API token",
    description: "The token stops working at once. Revoking it again answers 404. The id is the token's UUID.",
    auth: "admin",
    responses: { 200: { description: "The revoked token", schema: R.ApiToken } },
    example: { params: { id: "6f1c2b7e-3a52-4c1e-9d0e-2b8f6a1d4c35" } },
  },
  {
    operationId: "listDeadLetters",
    method: "GET",
    path: "/api/v1/admin/dead-letters",
    tag: "Admin: dead letters",
    summary: "List dead letters",
    description: "Newest first.",
    auth: "admin",
    query: deadLetterListQuery,
    responses: { 200: { description: "A page of dead letters", schema: R.DeadLetterPage } },
    example: { query: { status: "open" } },
  },
  {
    operationId: "retryDeadLetter",
    method: "POST",
    path: "/api/v1/admin/dead-letters/{id}/retry",
    tag: "Admin: dead letters",
    summary: "Retry a dead letter",
    description: "Puts the work back on its queue. Only open dead letters from queues that know how to retry (409 otherwise).",
    auth: "admin",
    params: deadLetterParams,
    responses: { 200: { description: "Retried", schema: R.DeadLetterResolution } },
    errors: [409],
    example: { params: { id: "7" } },
  },
  {
    operationId: "discardDeadLetter",
    method: "POST",
    path: "/api/v1/admin/dead-letters/{id}/discard",
    tag: "Admin: dead letters",
    summary: "Discard a dead letter",
    description: "Marks it handled without retrying. Only open dead letters (409 otherwise).",
    auth: "admin",
    params: deadLetterParams,
    responses: { 200: { description: "Discarded", schema: R.DeadLetterResolution } },
    errors: [409],
    example: { params: { id: "7" } },
  },
  {
    operationId: "getHealth",
    method: "GET",
    path: "/api/v1/health",
    tag: "Operations",
    summary: "Health of each component",
    description: "Database, job queue, where the job workers run (and whether their worker thread is up), and recommendation models. Holds no secrets, so it is public.",
    auth: "public",
    responses: {
      200: { description: "Everything is ok or degraded", schema: R.Health },
      503: {
        description: "A component is down",
        schema: R.Health,
        example: {
          status: "down",
          components: {
            database: { status: "down", latencyMs: null, detail: "database not reachable" },
            jobQueue: { status: "down", latencyMs: 0.1, detail: "job queue not started in this process" },
            jobWorkers: { status: "down", latencyMs: null, detail: "job queue not started in this process" },
            models: { status: "not_configured", latencyMs: null, detail: "no recommendation models are trained yet" },
          },
          checkedAt: "2024-05-01T09:00:00.000Z",
        },
      },
    },
  },
  {
    operationId: "getLiveness",
    method: "GET",
    path: "/api/v1/health/live",
    tag: "Operations",
    summary: "Liveness",
    description: "The process is up and answering; says nothing about its dependencies.",
    auth: "public",
    responses: { 200: { description: "Alive", schema: R.Liveness } },
  },
  {
    operationId: "getReadiness",
    method: "GET",
    path: "/api/v1/health/ready",
    tag: "Operations",
    summary: "Readiness",
    description: "503 until the database is reachable and every migration is applied.",
    auth: "public",
    responses: {
      200: { description: "Ready for traffic", schema: R.Readiness },
      503: {
        description: "Not ready yet",
        schema: R.Readiness,
        example: { status: "not_ready", database: { status: "degraded", latencyMs: 2.1, detail: "0 of 1 migrations applied" } },
      },
    },
  },
  {
    operationId: "getMetrics",
    method: "GET",
    path: "/api/metrics",
    tag: "Operations",
    summary: "Prometheus metrics",
    description: "Request counts and durations by route, and process metrics, in the Prometheus text format.",
    auth: "admin",
    responses: {
      200: {
        description: "Metrics",
        contentType: "text/plain; version=0.0.4; charset=utf-8",
        example: '# HELP marquee_http_requests_total HTTP requests answered, by route pattern and status\n# TYPE marquee_http_requests_total counter\nmarquee_http_requests_total{method="GET",route="/api/v1/movies",status="200"} 42',
      },
    },
  },
  {
    operationId: "benchNoop",
    method: "POST",
    path: "/api/v1/bench/noop",
    tag: "Operations",
    summary: "Do nothing (benchmark baseline)",
    description: "Answers 204 without reading the body or the caller. `npm run bench:events` compares the event routes with it to tell our work from the cost of any request.",
    auth: "public",
    responses: { 204: { description: "Nothing done" } },
  },
  {
    operationId: "benchEcho",
    method: "POST",
    path: "/api/v1/bench/echo",
    tag: "Operations",
    summary: "Read a JSON body and answer a receipt (benchmark baseline)",
    description: "Reads a JSON object of at most 32 KiB and answers 202 with a receipt-shaped body, without the caller or the database. `npm run bench:events` compares it with /bench/noop (the framework's cost of a body in and out) and with the event routes (our work).",
    auth: "public",
    responses: {
      202: { description: "Read", example: { requestId: "r-1", status: "accepted", serverTimestamp: "2026-11-21T10:00:00.000Z" } },
      400: { description: "Not a JSON object, or larger than 32 KiB" },
    },
  },
];

