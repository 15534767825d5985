import { z } from "zod";
import { timestamp } from "@/lib/http/contract";
import { idSchema } from "@/lib/ids/ids";
import { describeField, named } from "@/lib/openapi/schema-registry";
import { CLIENT_TIMESTAMP_WINDOW_WORDS } from "./client-time";

/**
 * The event contract of the interaction service seed (001): camelCase names, a `metadata` object
 * per type. Strings are bounded; unknown fields are refused so typos do not vanish silently.
 */
export const MAX_EVENTS_PER_BATCH = 1_000;

export const eventTypes = ["watch", "search", "rating", "favorite"] as const;
export type EventType = (typeof eventTypes)[number];

const requestId = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, "1–100 characters: letters, digits, . _ : -");
const clientTimestamp = z.iso.datetime({ offset: true, message: "Use ISO 8601 with an offset or Z" });
// Postgres cannot store a NUL character in text or jsonb; refusing it here keeps it a 400, not a 500.
const NO_NUL = [/^[^\u0000]*$/, "Must not contain a NUL character"] as const;
const text = (max: number) => z.string().max(max).regex(...NO_NUL);
const shortText = (max: number) => z.string().trim().min(1).max(max).regex(...NO_NUL);

const common = {
  requestId: requestId.optional(),
  userId: idSchema,
  clientTimestamp: clientTimestamp.optional(),
};

export const watchEventSchema = z
  .object({
    ...common,
    movieId: idSchema,
    metadata: z
      .object({
        watchDuration: z.number().min(0, "Seconds, 0 or more").max(86_400 * 2),
        progressPercent: z.number().min(0).max(100).optional(),
        device: shortText(50).optional(),
        quality: shortText(20).optional(),
        sessionId: shortText(100).optional(),
      })
      .strict(),
  })
  .strict();

export const searchEventSchema = z
  .object({
    ...common,
    movieId: idSchema.optional(),
    metadata: z
      .object({
        query: z.string().trim().min(1, "Required").max(500).regex(...NO_NUL),
        resultsCount: z.number().int().min(0).max(1_000_000).optional(),
        filters: z.record(text(50), z.union([text(200), z.number(), z.boolean(), z.array(text(200)).max(50)])).optional(),
      })
      .strict(),
  })
  .strict();

const halfStar = (field: string) =>
  z
    .number()
    .min(0.5, `${field} is between 0.5 and 5`)
    .max(5, `${field} is between 0.5 and 5`)
    .refine((r) => Number.isInteger(r * 2), `${field} goes in steps of 0.5`);

export const ratingEventSchema = z
  .object({
    ...common,
    movieId: idSchema,
    metadata: z.object({ rating: halfStar("rating"), previousRating: halfStar("previousRating").optional() }).strict(),
  })
  .strict();

export const favoriteEventSchema = z
  .object({
    ...common,
    movieId: idSchema,
    metadata: z.object({ action: z.enum(["add", "remove"]), listId: shortText(100).optional() }).strict(),
  })
  .strict();

export const eventSchemas = { watch: watchEventSchema, search: searchEventSchema, rating: ratingEventSchema, favorite: favoriteEventSchema } as const;

export const typedEventSchema = z.discriminatedUnion("type", [
  watchEventSchema.extend({ type: z.literal("watch") }),
  searchEventSchema.extend({ type: z.literal("search") }),
  ratingEventSchema.extend({ type: z.literal("rating") }),
  favoriteEventSchema.extend({ type: z.literal("favorite") }),
]);

export const eventBatchSchema = z
  .object({ events: z.array(typedEventSchema).min(1, "Send at least one event").max(MAX_EVENTS_PER_BATCH, `At most ${MAX_EVENTS_PER_BATCH} events per batch`) })
  .strict();

export type TypedEvent = z.infer<typeof typedEventSchema>;

describeField(watchEventSchema.shape.requestId, "Your id for this event, so a retry is recognised as a duplicate; generated when left out. Scoped to the event's user: the same id for another user is another event");
describeField(watchEventSchema.shape.clientTimestamp, `When it happened on the device (ISO 8601 with offset), ${CLIENT_TIMESTAMP_WINDOW_WORDS} (400 otherwise); the server's time when left out. It dates the event in the user's history and daily activity; "trending now" decays from the time the server received it`);
describeField(watchEventSchema.shape.metadata.shape.watchDuration, "Seconds watched in this session");
describeField(
  watchEventSchema.shape.metadata.shape.progressPercent,
  "How far into the movie, 0–100 (90 or more is a finished watch). Optional: without it the watch counts as unfinished, unless watchDuration covers the movie's runtime (then it is stored as 100)",
);
describeField(searchEventSchema.shape.metadata.shape.query, "What was typed");
describeField(searchEventSchema.shape.metadata.shape.filters, "Filters applied, name → value");
describeField(searchEventSchema.shape.movieId, "The result picked, if any");
describeField(ratingEventSchema.shape.metadata.shape.previousRating, "The rating it replaces, if any");
describeField(favoriteEventSchema.shape.metadata.shape.listId, "Which list, when there are several");

const eventExample = { requestId: "watch-42-296-1", userId: "42", movieId: "296", clientTimestamp: "2031-01-05T21:38:00+01:00" };
named("WatchEvent", watchEventSchema, {
  description: "Someone watched (part of) a movie.",
  examples: [{ ...eventExample, metadata: { watchDuration: 5400, progressPercent: 58.4, device: "tv" } }],
});
named("SearchEvent", searchEventSchema, {
  description: "Someone searched; `movieId` is the result they picked, if any.",
  examples: [{ requestId: "search-42-1", userId: "42", metadata: { query: "tarantino", resultsCount: 7, filters: { genre: "Crime" } } }],
});
named("RatingEvent", ratingEventSchema, {
  description: "Someone rated a movie, 0.5 to 5 in steps of 0.5.",
  examples: [{ ...eventExample, requestId: "rating-42-296", metadata: { rating: 4.5 } }],
});
named("FavoriteEvent", favoriteEventSchema, {
  description: "Someone added a movie to, or removed it from, a favorites list.",
  examples: [{ ...eventExample, requestId: "fav-42-296", metadata: { action: "add" } }],
});
const eventTypeNames = ["WatchEventInBatch", "SearchEventInBatch", "RatingEventInBatch", "FavoriteEventInBatch"];
typedEventSchema.options.forEach((option, i) => named(eventTypeNames[i]!, option, { description: "An event with its `type`." }));
named("EventBatch", eventBatchSchema, {
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

export const EventReceipt = named(
  "EventReceipt",
  z.object({
    requestId: z.string().describe("Yours, or a generated one"),
    status: z.enum(["accepted", "duplicate"]).describe("duplicate: an event with this requestId was stored before for the same user; nothing changed"),
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

export type EventReceipt = z.infer<typeof EventReceipt>;
export type EventBatchReceipt = z.infer<typeof EventBatchReceipt>;
