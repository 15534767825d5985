import { z } from "zod";
import { named, schemaRegistry } from "@/lib/openapi/schema-registry";

/** The parts of the API contract every domain shares: timestamps, list envelopes, the error body. */

export const timestamp = z.iso.datetime().describe("ISO 8601 date-time in UTC, e.g. 2024-05-01T18:30:00.000Z");

/** The schema's first example as a one-item list, for the examples of the lists that hold it. */
export function exampleItems(item: z.ZodType): unknown[] {
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
      retryAfterSeconds: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe("On a 503 (the database is stalled or the event queue is full) or a 429: seconds to wait before trying again, as the Retry-After header says"),
    }),
  }),
  {
    description: "Every error answer has this shape.",
    examples: [{ error: { code: "bad_request:validation", message: "Invalid title: Required", fields: { title: "Required" } } }],
  },
);
export type ErrorBody = z.infer<typeof ErrorBody>;
