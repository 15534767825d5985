import { z } from "zod";
import { movieSorts } from "@/db/queries/movies";
import { paginationSchema } from "@/lib/http/pagination";
import { idSchema } from "@/lib/ids/ids";

export const movieListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    genre: z.string().trim().max(40).optional(),
    sort: z.enum(movieSorts).default("title"),
    ...paginationSchema,
  })
  .strict();

export const theaterListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    city: z.string().trim().max(80).optional(),
    minSeats: z.coerce.number().int().min(0).optional(),
    maxSeats: z.coerce.number().int().min(0).optional(),
    ...paginationSchema,
  })
  .strict();

export const idParams = z.object({ id: idSchema });
