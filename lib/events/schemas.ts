import { z } from "zod";
import { idSchema } from "@/lib/ids/ids";

/**
 * The event contract of the interaction service seed (001): camelCase names, a `metadata` object
 * per type. Strings are bounded; unknown fields are refused so typos do not vanish silently.
 */
export const MAX_EVENTS_PER_BATCH = 1_000;

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
        progressPercent: z.number().min(0).max(100),
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
export type EventInput<T extends keyof typeof eventSchemas> = z.infer<(typeof eventSchemas)[T]>;
