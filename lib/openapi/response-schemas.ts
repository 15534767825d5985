import { z } from "zod";
import { TOKEN_PREFIX } from "@/lib/auth/api-tokens";
import { createTokenSchema } from "@/lib/auth/token-service";
import { changeRoleSchema } from "@/lib/auth/user-service";
import { movieFields, theaterFields } from "@/lib/catalog/schemas";
import type { BatchPhase } from "@/db/schema";
import type { ComponentStatus } from "@/lib/health/health";
import { idSchema } from "@/lib/ids/ids";
import { deadLetterListQuery } from "@/lib/dead-letters/dead-letter-service";
import { eventSchemas } from "@/lib/events/schemas";
import { batchListQuery } from "@/lib/showtimes/api-schemas";
import { seatMapSchema } from "@/lib/theaters/seat-map";
import { named, schemaRegistry } from "./schema-registry";

/**
 * What the routes answer, as zod schemas for the API document. Field lists follow the column sets
 * in db/queries (movieColumns, theaterColumns, publicUserColumns, publicTokenColumns); a test
 * compares them. Field constraints are the ones the routes accept on input, reused.
 */

const timestamp = z.iso.datetime().describe("ISO 8601 date-time in UTC, e.g. 2024-05-01T18:30:00.000Z");
const role = changeRoleSchema.shape.role;
const tokenScope = createTokenSchema.shape.scopes.element;

// Exported for the examples in the request schemas and the reference page.
export const exampleMovie = {
  id: "296",
  title: "Pulp Fiction",
  year: 1994,
  runtimeMinutes: 154,
  genres: ["Comedy", "Crime", "Drama", "Thriller"],
  overview: "The lives of two mob hitmen, a boxer, a gangster and his wife intertwine in four tales of violence and redemption.",
  releaseDate: "1994-10-14",
  tmdbId: 680,
  imdbId: "tt0110912",
  createdAt: "2024-05-01T09:00:00.000Z",
  updatedAt: "2024-05-01T09:00:00.000Z",
};

export const exampleSeatMap = {
  blocks: [{ name: "Main", rows: [{ label: "A", positions: 11, gaps: [6] }, { label: "B", positions: 11, gaps: [6] }] }],
};

const exampleTheaterSummary = {
  id: "odeon-berlin-1",
  name: "Odeon 1",
  city: "Berlin",
  timeZone: "Europe/Berlin",
  turnoverMinutes: 15,
  seatCount: 20,
  createdAt: "2024-05-01T09:00:00.000Z",
  updatedAt: "2024-05-01T09:00:00.000Z",
};

const exampleToken = {
  id: "6f1c2b7e-3a52-4c1e-9d0e-2b8f6a1d4c35",
  name: "recommender",
  prefix: "mq_Xk3v9Qa",
  scopes: ["recs:read", "events:write"],
  createdAt: "2024-05-01T09:00:00.000Z",
  lastUsedAt: null,
  revokedAt: null,
};

export const Movie = named(
  "Movie",
  z.object({
    id: idSchema,
    title: movieFields.title,
    year: movieFields.year,
    runtimeMinutes: movieFields.runtimeMinutes,
    genres: movieFields.genres,
    overview: movieFields.overview,
    releaseDate: movieFields.releaseDate,
    tmdbId: movieFields.tmdbId,
    imdbId: movieFields.imdbId,
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
  { description: "A movie in the catalog.", examples: [exampleMovie] },
);

export const SeatMap = named("SeatMap", seatMapSchema, {
  description: "Blocks of rows; each row has `positions` places from left to right, and the positions listed in `gaps` are aisles or missing seats. Seats are numbered 1, 2, 3… across the real seats of a row. At most 2,000 seats.",
  examples: [exampleSeatMap],
});

export const TheaterSummary = named(
  "TheaterSummary",
  z.object({
    id: idSchema,
    name: theaterFields.name,
    city: theaterFields.city,
    timeZone: theaterFields.timeZone,
    turnoverMinutes: theaterFields.turnoverMinutes,
    seatCount: z.number().int().min(1).describe("Real seats in the map, gaps excluded"),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
  { description: "A theater as lists show it: without its seat map.", examples: [exampleTheaterSummary] },
);

export const Theater = named("Theater", TheaterSummary.extend({ seatMap: SeatMap }), {
  description: "A theater with its seat map.",
  examples: [{ ...exampleTheaterSummary, seatMap: exampleSeatMap }],
});

export const User = named(
  "User",
  z.object({
    id: idSchema,
    email: z.email().nullable().describe("Null for audience members imported without an account"),
    role,
    displayName: z.string(),
    createdAt: timestamp,
  }),
  {
    description: "A person: someone with an account, or an audience member from imported ratings. Never includes the password hash.",
    examples: [{ id: "c0a8012e-7a1d-4f7e-a6f3-3f1b2e9d8c41", email: "ada@example.com", role: "viewer", displayName: "Ada", createdAt: "2024-05-01T09:00:00.000Z" }],
  },
);

export const SignedUpUser = named(
  "SignedUpUser",
  z.object({ id: idSchema, email: z.email(), displayName: z.string(), role }),
  {
    description: "The account just created. Sign in through the web page to get a session.",
    examples: [{ id: "c0a8012e-7a1d-4f7e-a6f3-3f1b2e9d8c41", email: "ada@example.com", displayName: "Ada", role: "viewer" }],
  },
);

const tokenFields = {
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the token, to tell tokens apart without the secret"),
  scopes: z.array(tokenScope),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable().describe("Updated at most once a minute"),
  revokedAt: timestamp.nullable(),
};

export const ApiToken = named("ApiToken", z.object(tokenFields), {
  description: "An API token, without its secret.",
  examples: [exampleToken],
});

export const ApiTokenListItem = named("ApiTokenListItem", z.object({ ...tokenFields, createdByEmail: z.email().nullable() }), {
  description: "An API token with the email of the admin who created it.",
  examples: [{ ...exampleToken, createdByEmail: "admin@example.com" }],
});

export const CreatedApiToken = named(
  "CreatedApiToken",
  z.object({ ...tokenFields, token: z.string().startsWith(TOKEN_PREFIX).describe("The secret. Shown in this response only; store it now.") }),
  {
    description: "A new API token with its secret, which is never shown again.",
    examples: [{ ...exampleToken, token: "mq_Xk3v9QaLr2T8wYp1Zs6Nf4Bd7Hj0Kc5Mv3Eg9Uq2Ra" }],
  },
);

export const GenreCount = named("GenreCount", z.object({ genre: z.string(), movies: z.number().int().min(1) }), {
  description: "A genre used in the catalog and how many movies have it.",
  examples: [{ genre: "Drama", movies: 4361 }],
});

export const CityCount = named("CityCount", z.object({ city: z.string(), theaters: z.number().int().min(1) }), {
  description: "A city with theaters and how many.",
  examples: [{ city: "Berlin", theaters: 3 }],
});

function exampleItems(item: z.ZodType): unknown[] {
  const example = schemaRegistry.get(item)?.examples?.[0];
  return example === undefined ? [] : [example];
}

/** The envelope every paginated list answers with. */
export function pageOf<S extends z.ZodType>(name: string, item: S) {
  const items = exampleItems(item);
  return named(
    name,
    z.object({
      items: z.array(item),
      total: z.number().int().min(0).describe("Items matching the filters, over all pages"),
      limit: z.number().int().min(1),
      offset: z.number().int().min(0),
      nextOffset: z.number().int().min(0).nullable().describe("The offset of the next page, or null on the last page"),
    }),
    {
      description: "One page of a list. Ask for the next page with `offset=nextOffset` until it is null.",
      examples: [{ items, total: items.length, limit: 25, offset: 0, nextOffset: null }],
    },
  );
}

/** The envelope of short lists that are never paginated. */
export function listOf<S extends z.ZodType>(name: string, item: S) {
  return named(name, z.object({ items: z.array(item) }), { description: "The complete list.", examples: [{ items: exampleItems(item) }] });
}

export const MoviePage = pageOf("MoviePage", Movie);
export const TheaterPage = pageOf("TheaterPage", TheaterSummary);
export const UserPage = pageOf("UserPage", User);
export const GenreList = listOf("GenreList", GenreCount);
export const CityList = listOf("CityList", CityCount);
export const ApiTokenList = listOf("ApiTokenList", ApiTokenListItem);

export const ErrorBody = named(
  "Error",
  z.object({
    error: z.object({
      code: z
        .string()
        .regex(/^[a-z_]+(:[a-z0-9_:.-]+)?$/)
        .describe("Kind, then what in particular: \"not_found:movie\", \"forbidden:admin\", \"bad_request:validation\". The kind decides the HTTP status."),
      message: z.string().describe("A sentence for people; do not parse it"),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .describe("Field path (dotted, e.g. \"seatMap.blocks.0.name\"; \"query.limit\" for query parameters) → what is wrong with it"),
    }),
  }),
  {
    description: "Every error answer has this shape.",
    examples: [{ error: { code: "bad_request:validation", message: "Invalid title: Required", fields: { title: "Required" } } }],
  },
);

const componentStatuses = ["ok", "degraded", "down", "not_configured"] as const satisfies readonly ComponentStatus[];
// Fails to compile when lib/health gains a status this list lacks.
const everyStatusListed: Exclude<ComponentStatus, (typeof componentStatuses)[number]> extends never ? true : never = true;
void everyStatusListed;

export const ComponentHealth = named(
  "ComponentHealth",
  z.object({
    status: z.enum(componentStatuses),
    latencyMs: z.number().min(0).nullable().describe("How long the check took"),
    detail: z.string().optional(),
  }),
  { examples: [{ status: "ok", latencyMs: 1.2, detail: "pglite, 1 migrations" }] },
);

export const Health = named(
  "Health",
  z.object({
    status: z.enum(componentStatuses).describe("down if any component is down, degraded if any is degraded"),
    components: z.record(z.string(), ComponentHealth).describe("database, jobQueue, jobWorkers, models"),
    checkedAt: timestamp,
  }),
  {
    description: "Per-component health.",
    examples: [
      {
        status: "ok",
        components: {
          database: { status: "ok", latencyMs: 1.2, detail: "pglite, 1 migrations" },
          jobQueue: { status: "ok", latencyMs: 3.4, detail: "4 queues" },
          jobWorkers: { status: "ok", latencyMs: null, detail: "on a worker thread" },
          models: { status: "not_configured", latencyMs: null, detail: "no recommendation models are trained yet" },
        },
        checkedAt: "2024-05-01T09:00:00.000Z",
      },
    ],
  },
);

export const Readiness = named(
  "Readiness",
  z.object({ status: z.enum(["ready", "not_ready"]), database: ComponentHealth }),
  { examples: [{ status: "ready", database: { status: "ok", latencyMs: 1.2, detail: "pglite, 1 migrations" } }] },
);

export const Liveness = named("Liveness", z.object({ status: z.literal("ok") }), { examples: [{ status: "ok" }] });

// Showtime batches (app/api/v1/showtime-creation). Statuses come from the route's own query
// schema; phases have no zod schema, so the list is checked against the type instead.
const batchStatus = batchListQuery.shape.status.unwrap().describe("waiting → processing → succeeded; failed when showtimes conflict; error when the server gave up");
const batchPhases = ["waiting", "validating", "creating_showtimes", "creating_tickets", "done"] as const satisfies readonly BatchPhase[];
const everyPhaseListed: Exclude<BatchPhase, (typeof batchPhases)[number]> extends never ? true : never = true;
void everyPhaseListed;
const batchPhase = z.enum(batchPhases);
const instant = z.iso.datetime({ offset: true });
const exampleBatchId = "0b9e2f4c-7d1a-4e55-9c3b-5a8f1e2d6c70";

export const ConflictingShowtime = named(
  "ConflictingShowtime",
  z.object({
    id: z.string(),
    movieId: idSchema,
    movieTitle: z.string(),
    theaterId: idSchema,
    theaterName: z.string(),
    startTime: instant,
    endTime: instant,
    requestedStartTimes: z.array(instant).describe("The requested start times in that theater that hit this showtime"),
  }),
  { description: "An existing showtime that a requested one would overlap (show plus turnover)." },
);

const batchProgress = {
  totalShowtimes: z.number().int().min(0),
  totalTickets: z.number().int().min(0),
  createdShowtimes: z.number().int().min(0),
  createdTickets: z.number().int().min(0),
};

export const ShowtimeBatchAccepted = named(
  "ShowtimeBatchAccepted",
  z.object({
    transactionId: z.uuid(),
    statusUrl: z.string().describe("GET it for the batch's status"),
    eventsUrl: z.string().describe("Server-Sent Events with the batch's progress"),
  }),
  {
    description: "The batch is stored and queued; a job creates the showtimes.",
    examples: [{ transactionId: exampleBatchId, statusUrl: `/api/v1/showtime-creation/batches/${exampleBatchId}`, eventsUrl: `/api/v1/showtime-creation/batches/${exampleBatchId}/events` }],
  },
);

export const ShowtimeBatch = named(
  "ShowtimeBatch",
  z.object({
    transactionId: z.uuid(),
    status: batchStatus,
    phase: batchPhase,
    movie: z.object({ id: idSchema, title: z.string().nullable() }),
    theaterIds: z.array(idSchema),
    theaters: z.array(z.object({ id: idSchema, name: z.string(), city: z.string(), timeZone: z.string() })).describe("The batch's theaters that still exist, with the zone their times are shown in"),
    durationInMinutes: z.number().int().min(1),
    startTimesByTheater: z.record(z.string(), z.array(instant)).describe("Every requested start, per theater, in UTC"),
    progress: z.object(batchProgress),
    conflictingShowtimes: z.array(ConflictingShowtime).describe("Filled when the batch failed on conflicts; nothing was created then"),
    message: z.string().nullable(),
    requestedBy: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
  }),
  {
    description: "A batch of showtimes: its request, where it is, and the conflicts or error that ended it.",
    examples: [
      {
        transactionId: exampleBatchId,
        status: "succeeded",
        phase: "done",
        movie: { id: "296", title: "Pulp Fiction" },
        theaterIds: ["odeon-berlin-1"],
        theaters: [{ id: "odeon-berlin-1", name: "Odeon Berlin 1", city: "Berlin", timeZone: "Europe/Berlin" }],
        durationInMinutes: 154,
        startTimesByTheater: { "odeon-berlin-1": ["2031-01-05T18:00:00.000Z", "2031-01-05T21:15:00.000Z"] },
        progress: { totalShowtimes: 2, totalTickets: 40, createdShowtimes: 2, createdTickets: 40 },
        conflictingShowtimes: [],
        message: null,
        requestedBy: { id: "admin-1", name: "Admin", email: "admin@example.com" },
        createdAt: "2030-12-01T09:00:00.000Z",
        startedAt: "2030-12-01T09:00:00.120Z",
        finishedAt: "2030-12-01T09:00:00.480Z",
      },
    ],
  },
);

export const ShowtimeBatchSummary = named(
  "ShowtimeBatchSummary",
  z.object({
    id: z.uuid().describe("The transactionId"),
    status: batchStatus,
    phase: batchPhase,
    movieId: idSchema,
    movieTitle: z.string().nullable(),
    theaterCount: z.number().int().min(1),
    ...batchProgress,
    conflictCount: z.number().int().min(0),
    errorMessage: z.string().nullable(),
    requestedByName: z.string().nullable(),
    requestedByEmail: z.string().nullable(),
    createdAt: timestamp,
    finishedAt: timestamp.nullable(),
  }),
  { description: "A batch as the history lists it." },
);

export const WizardMovie = named(
  "WizardMovie",
  z.object({
    id: idSchema,
    title: movieFields.title,
    year: movieFields.year,
    runtimeMinutes: movieFields.runtimeMinutes,
    genres: movieFields.genres,
    releaseDate: movieFields.releaseDate,
    showtimes: z.object({
      upcoming: z.number().int().min(0).describe("Showtimes that have not ended"),
      firstStart: instant.nullable(),
      lastStart: instant.nullable(),
      theaters: z.number().int().min(0).describe("Theaters they are in"),
    }),
  }),
  {
    description: "A movie for the showtime wizard, with its upcoming showtimes summed up.",
    examples: [
      {
        ...Object.fromEntries(Object.entries(exampleMovie).filter(([k]) => ["id", "title", "year", "runtimeMinutes", "genres", "releaseDate"].includes(k))),
        showtimes: { upcoming: 12, firstStart: "2031-01-05T18:00:00.000Z", lastStart: "2031-01-09T21:15:00.000Z", theaters: 3 },
      },
    ],
  },
);

export const UpcomingShowtime = named(
  "UpcomingShowtime",
  z.object({
    id: z.string(),
    theaterId: idSchema,
    theaterName: z.string(),
    movieId: idSchema,
    movieTitle: z.string(),
    startTime: timestamp,
    endTime: timestamp,
    availableAt: timestamp.describe("When the theater is free again: the end plus its turnover"),
  }),
  {
    examples: [
      {
        id: "1042",
        theaterId: "odeon-berlin-1",
        theaterName: "Odeon 1",
        movieId: "296",
        movieTitle: "Pulp Fiction",
        startTime: "2031-01-05T18:00:00.000Z",
        endTime: "2031-01-05T20:34:00.000Z",
        availableAt: "2031-01-05T20:49:00.000Z",
      },
    ],
  },
);

export const UpcomingShowtimes = named(
  "UpcomingShowtimes",
  z.object({ items: z.array(UpcomingShowtime), truncated: z.boolean().describe("True when there were more than `limit`; narrow the range") }),
  { description: "Showtimes that have not ended, oldest first.", examples: [{ items: exampleItems(UpcomingShowtime), truncated: false }] },
);

export const ShowtimeBatchPage = pageOf("ShowtimeBatchPage", ShowtimeBatchSummary);
export const WizardMoviePage = pageOf("WizardMoviePage", WizardMovie);

export const BatchEvent = named(
  "BatchEvent",
  z.object({
    transactionId: z.uuid(),
    status: batchStatus,
    phase: batchPhase,
    ...batchProgress,
    conflictingShowtimes: z.array(ConflictingShowtime).optional(),
    message: z.string().optional(),
    at: timestamp,
  }),
  { description: "The `data:` of every Server-Sent Event of a batch." },
);

// Events (app/api/v1/events), user features (app/api/v1/features) and dead letters.
const eventTypes = Object.keys(eventSchemas) as [keyof typeof eventSchemas, ...(keyof typeof eventSchemas)[]];

export const EventReceipt = named(
  "EventReceipt",
  z.object({
    requestId: z.string().describe("Yours, or a generated one"),
    status: z.enum(["accepted", "duplicate"]).describe("duplicate: an event with this requestId was stored before; nothing changed"),
    serverTimestamp: timestamp,
  }),
  {
    description: "The event is stored; a worker turns it into features, ratings and trends shortly after.",
    examples: [{ requestId: "watch-42-296-1", status: "accepted", serverTimestamp: "2031-01-05T20:40:00.000Z" }],
  },
);

export const EventBatchReceipt = named(
  "EventBatchReceipt",
  z.object({
    results: z.array(EventReceipt).describe("One per event, in the order sent"),
    accepted: z.number().int().min(0),
    duplicates: z.number().int().min(0),
  }),
  {
    examples: [{ results: [{ requestId: "watch-42-296-1", status: "accepted", serverTimestamp: "2031-01-05T20:40:00.000Z" }], accepted: 1, duplicates: 0 }],
  },
);

const exampleFeatures = {
  userId: "42",
  watchHistory: [{ movieId: "296", watchDuration: 5400, progressPercent: 58.4, at: "2031-01-05T20:40:00.000Z" }],
  totalWatchTime: 5400,
  averageWatchTime: 5400,
  watchCount: 1,
  searchHistory: [{ query: "tarantino", at: "2031-01-05T20:00:00.000Z" }],
  topKeywords: [{ keyword: "tarantino", count: 1 }],
  ratings: { "296": { rating: 4.5, at: "2031-01-05T22:50:00.000Z" } },
  averageRating: 4.5,
  likedMovies: ["296"],
  favorites: [],
  interactionCounts: { watch: 1, search: 1, rating: 1, favorite: 0 },
  genreScores: { Crime: 1.6, Drama: 1.6 },
  genreAffinity: { Crime: 0.5, Drama: 0.5 },
  lastActiveAt: "2031-01-05T22:50:00.000Z",
  updatedAt: "2031-01-05T22:51:00.000Z",
};

const userFeatureFields = {
  userId: idSchema,
  watchHistory: z
    .array(z.object({ movieId: idSchema, watchDuration: z.number().min(0), progressPercent: z.number().min(0).max(100), at: timestamp }))
    .describe("Latest first, at most 100"),
  totalWatchTime: z.number().min(0).describe("Seconds"),
  averageWatchTime: z.number().min(0).describe("Seconds per watch event"),
  watchCount: z.number().int().min(0),
  searchHistory: z.array(z.object({ query: z.string(), at: timestamp })).describe("Latest first, at most 50"),
  topKeywords: z.array(z.object({ keyword: z.string(), count: z.number().int().min(1) })).describe("From searches, most used first, at most 10"),
  ratings: z.record(z.string(), z.object({ rating: z.number().min(0.5).max(5), at: timestamp })).describe("Movie id → the latest rating"),
  averageRating: z.number().min(0.5).max(5).nullable(),
  likedMovies: z.array(idSchema).describe("Rated 4 or more"),
  favorites: z.array(idSchema),
  interactionCounts: z.record(z.enum(eventTypes), z.number().int().min(0)),
  genreScores: z.record(z.string(), z.number()).describe("Implicit-feedback weight summed per genre"),
  genreAffinity: z.record(z.string(), z.number().min(0).max(1)).describe("genreScores scaled to sum to 1"),
  lastActiveAt: timestamp.nullable(),
  updatedAt: timestamp.nullable().describe("When the features were last computed; null if never"),
};

export const UserFeatures = named("UserFeatures", z.object(userFeatureFields), {
  description: "What the events of a user add up to, as the recommenders read it.",
  examples: [exampleFeatures],
});

export const RefreshedUserFeatures = named(
  "RefreshedUserFeatures",
  z.object({ ...userFeatureFields, rebuiltFrom: z.object({ events: z.number().int().min(0), daysBack: z.number().int().min(1) }) }),
  { description: "The features rebuilt from raw events.", examples: [{ ...exampleFeatures, rebuiltFrom: { events: 3, daysBack: 90 } }] },
);

const deadLetterStatus = deadLetterListQuery.shape.status.unwrap();

export const DeadLetter = named(
  "DeadLetter",
  z.object({
    id: z.number().int().positive(),
    queue: z.string().describe("The job queue the work came from"),
    payload: z.record(z.string(), z.unknown()).describe("The work that failed, as the queue had it"),
    error: z.string().describe("The last error"),
    attempts: z.number().int().min(1),
    status: deadLetterStatus,
    createdAt: timestamp,
    resolvedAt: timestamp.nullable(),
  }),
  {
    description: "Work that kept failing after its retries.",
    examples: [
      {
        id: 7,
        queue: "events.process",
        payload: { eventId: 1042 },
        error: "No movie with id 'gone'",
        attempts: 3,
        status: "open",
        createdAt: "2031-01-05T20:41:00.000Z",
        resolvedAt: null,
      },
    ],
  },
);

export const DeadLetterPage = pageOf("DeadLetterPage", DeadLetter);

export const DeadLetterResolution = named("DeadLetterResolution", z.object({ id: z.number().int().positive(), status: deadLetterStatus.exclude(["open"]) }), {
  examples: [{ id: 7, status: "retried" }],
});
