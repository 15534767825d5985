import { z } from "zod";
import { batchStatuses } from "@/db/schema";
import { idSchema } from "@/lib/ids/ids";
import { paginationSchema } from "@/lib/http/pagination";
import { MAX_THEATERS_PER_BATCH } from "./batch-request";

export const wizardMoviesQuery = z.object({ q: z.string().trim().max(200).optional(), ...paginationSchema }).strict();

export const findShowtimesSchema = z
  .object({
    theaterIds: z.array(idSchema).min(1, "Choose at least one theater").max(MAX_THEATERS_PER_BATCH),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(10_000).default(2_000),
  })
  .strict()
  .refine((v) => !v.from || !v.to || Date.parse(v.from) < Date.parse(v.to), { path: ["to"], message: "Must be after from" });

export const batchListQuery = z.object({ status: z.enum(batchStatuses).optional(), ...paginationSchema }).strict();

export const transactionParams = z.object({ transactionId: z.uuid("Not a transactionId") });
