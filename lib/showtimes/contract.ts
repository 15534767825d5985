import { z } from "zod";
import { movieFields } from "@/lib/catalog/contract";
import { exampleItems, pageOf, timestamp } from "@/lib/http/contract";
import { paginationSchema } from "@/lib/http/pagination";
import { idSchema } from "@/lib/ids/ids";
import { describeField, named } from "@/lib/openapi/schema-registry";

/** The showtime-creation API: batches of showtimes, their status and live progress, the wizard's lists. */

export const MAX_THEATERS_PER_BATCH = 500;
export const MAX_START_TIMES_PER_THEATER = 2_000;
export const MAX_SHOWTIMES_PER_BATCH = 20_000;
export const MAX_DURATION_MINUTES = 24 * 60;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export const batchStatuses = ["waiting", "processing", "succeeded", "failed", "error"] as const;
export type BatchStatus = (typeof batchStatuses)[number];
export const batchPhases = ["waiting", "validating", "creating_showtimes", "creating_tickets", "done"] as const;
export type BatchPhase = (typeof batchPhases)[number];

export function isTerminalStatus(status: BatchStatus): boolean {
  return status === "succeeded" || status === "failed" || status === "error";
}

const isoInstant = z.iso.datetime({ offset: true, message: "Use ISO 8601 with an offset, e.g. 2026-12-01T19:30:00+01:00" });
const startTimeList = z
  .array(isoInstant)
  .min(1, "Give at least one start time")
  .max(MAX_START_TIMES_PER_THEATER, `At most ${MAX_START_TIMES_PER_THEATER} start times per theater in one batch`);

/**
 * POST /showtime-creation/showtimes. `startTimes` are shared by every theater; `startTimesByTheater`
 * (our addition for the wizard's per-theater times) replaces them for the theaters it names.
 */
export const createBatchSchema = named(
  "CreateShowtimeBatch",
  z
    .object({
      movieId: idSchema,
      theaterIds: z
        .array(idSchema)
        .min(1, "Choose at least one theater")
        .max(MAX_THEATERS_PER_BATCH, `At most ${MAX_THEATERS_PER_BATCH} theaters in one batch`),
      durationInMinutes: z.number().int("Whole minutes").positive("Must be more than 0").max(MAX_DURATION_MINUTES),
      startTimes: startTimeList.optional(),
      startTimesByTheater: z.record(idSchema, startTimeList).optional(),
    })
    .strict()
    .superRefine((body, ctx) => {
      const seen = new Set<string>();
      body.theaterIds.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["theaterIds", i], message: `Theater '${id}' is listed twice` });
        seen.add(id);
      });
      for (const id of Object.keys(body.startTimesByTheater ?? {})) {
        if (!seen.has(id)) ctx.addIssue({ code: "custom", path: ["startTimesByTheater", id], message: `Theater '${id}' is not in theaterIds` });
      }
      const uncovered = body.theaterIds.filter((id) => !body.startTimes && !body.startTimesByTheater?.[id]);
      if (uncovered.length) ctx.addIssue({ code: "custom", path: ["startTimes"], message: `Give start times (shared, or for theater '${uncovered[0]}')` });
    }),
  {
    description:
      "Showtimes of one movie in several theaters. `startTimes` apply to every theater; `startTimesByTheater` replaces them for the theaters it names. Every theater needs start times from one or the other.",
    examples: [{ movieId: "296", theaterIds: ["odeon-berlin-1", "odeon-berlin-2"], durationInMinutes: 154, startTimes: ["2031-01-05T19:00:00+01:00", "2031-01-05T22:15:00+01:00"] }],
  },
);
describeField(createBatchSchema.shape.theaterIds, "The theaters to show it in, each once");
describeField(createBatchSchema.shape.durationInMinutes, "Length of each show; the theater's turnover is added after it");
describeField(createBatchSchema.shape.startTimes, "ISO 8601 instants with an offset, e.g. 2031-01-05T19:00:00+01:00, for every theater");
describeField(createBatchSchema.shape.startTimesByTheater, "Theater id → its own start times, replacing startTimes for that theater");

export type CreateBatchInput = z.infer<typeof createBatchSchema>;

export const wizardMoviesQuery = z.object({ q: z.string().trim().max(200).optional(), ...paginationSchema }).strict();
describeField(wizardMoviesQuery.shape.q, "Part of the title (case-insensitive)");

export const findShowtimesSchema = named(
  "FindShowtimes",
  z
    .object({
      theaterIds: z.array(idSchema).min(1, "Choose at least one theater").max(MAX_THEATERS_PER_BATCH),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      limit: z.number().int().min(1).max(10_000).default(2_000),
    })
    .strict()
    .refine((v) => !v.from || !v.to || Date.parse(v.from) < Date.parse(v.to), { path: ["to"], message: "Must be after from" }),
  { examples: [{ theaterIds: ["odeon-berlin-1"], from: "2031-01-05T00:00:00+01:00", to: "2031-01-12T00:00:00+01:00" }] },
);
describeField(findShowtimesSchema.shape.from, "Start of the range (ISO 8601 with offset); default and minimum: now");
describeField(findShowtimesSchema.shape.to, "End of the range; showtimes starting before it");
describeField(findShowtimesSchema.shape.limit, "At most this many; `truncated` says when there were more");

export const batchListQuery = z.object({ status: z.enum(batchStatuses).optional(), ...paginationSchema }).strict();
describeField(batchListQuery.shape.status, "Only batches with this status");

export const transactionParams = z.object({ transactionId: z.uuid("Not a transactionId") });

const batchStatus = z.enum(batchStatuses).describe("waiting → processing → succeeded; failed when showtimes conflict; error when the server gave up");
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
export type ConflictingShowtime = z.infer<typeof ConflictingShowtime>;

const batchCounts = {
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
    progress: z.object(batchCounts),
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
    ...batchCounts,
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
        id: "296",
        title: "Pulp Fiction",
        year: 1994,
        runtimeMinutes: 154,
        genres: ["Comedy", "Crime", "Drama", "Thriller"],
        releaseDate: "1994-10-14",
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

/** The `data:` of every Server-Sent Event of a batch: where it stands now. */
export const BatchProgress = named(
  "BatchEvent",
  z.object({
    transactionId: z.uuid(),
    status: batchStatus,
    phase: batchPhase,
    ...batchCounts,
    conflictingShowtimes: z.array(ConflictingShowtime).optional(),
    message: z.string().optional(),
    at: timestamp,
  }),
  { description: "The `data:` of every Server-Sent Event of a batch." },
);

export type ShowtimeBatchAccepted = z.infer<typeof ShowtimeBatchAccepted>;
export type ShowtimeBatch = z.infer<typeof ShowtimeBatch>;
export type ShowtimeBatchSummary = z.infer<typeof ShowtimeBatchSummary>;
export type WizardMovie = z.infer<typeof WizardMovie>;
export type UpcomingShowtime = z.infer<typeof UpcomingShowtime>;
export type UpcomingShowtimes = z.infer<typeof UpcomingShowtimes>;
export type BatchProgress = z.infer<typeof BatchProgress>;
