import { z } from "zod";
import { pageOf, timestamp } from "@/lib/http/contract";
import { paginationSchema } from "@/lib/http/pagination";
import { describeField, named } from "@/lib/openapi/schema-registry";

/** Background work that kept failing after its retries, for an admin to retry or discard. */

export const deadLetterStatuses = ["open", "retried", "discarded"] as const;
export type DeadLetterStatus = (typeof deadLetterStatuses)[number];

export const deadLetterListQuery = z.object({ status: z.enum(deadLetterStatuses).optional(), ...paginationSchema }).strict();
describeField(deadLetterListQuery.shape.status, "Only dead letters with this status");

export const deadLetterParams = z.object({ id: z.coerce.number().int().positive("Not a dead letter id") });

const deadLetterStatus = z.enum(deadLetterStatuses);

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

export type DeadLetter = z.infer<typeof DeadLetter>;
export type DeadLetterResolution = z.infer<typeof DeadLetterResolution>;
