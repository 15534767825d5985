import { z } from "zod";
import { idSchema } from "@/lib/ids/ids";
import { seatMapSchema } from "@/lib/theaters/seat-map";

/** The genres MovieLens uses; the catalog accepts others too, these are what forms offer. */
export const KNOWN_GENRES = [
  "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
  "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
] as const;

const isoDate = z.iso.date({ message: "Use YYYY-MM-DD" });
const currentYear = new Date().getUTCFullYear();

export const movieFields = {
  title: z.string().trim().min(1, "Required").max(300),
  year: z.number().int().min(1870).max(currentYear + 10).nullable(),
  runtimeMinutes: z.number().int().min(1).max(1_000).nullable(),
  genres: z.array(z.string().trim().min(1).max(40)).max(20),
  overview: z.string().max(5_000),
  releaseDate: isoDate.nullable(),
  tmdbId: z.number().int().positive().nullable(),
  imdbId: z.string().regex(/^(tt)?\d{1,10}$/, "Use an IMDb id such as tt0110912").nullable(),
};

export const createMovieSchema = z
  .object({
    id: idSchema.optional(),
    title: movieFields.title,
    year: movieFields.year.optional(),
    runtimeMinutes: movieFields.runtimeMinutes.optional(),
    genres: movieFields.genres.default([]),
    overview: movieFields.overview.default(""),
    releaseDate: movieFields.releaseDate.optional(),
    tmdbId: movieFields.tmdbId.optional(),
    imdbId: movieFields.imdbId.optional(),
  })
  .strict();

export const updateMovieSchema = z
  .object({
    title: movieFields.title,
    year: movieFields.year,
    runtimeMinutes: movieFields.runtimeMinutes,
    genres: movieFields.genres,
    overview: movieFields.overview,
    releaseDate: movieFields.releaseDate,
    tmdbId: movieFields.tmdbId,
    imdbId: movieFields.imdbId,
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change" });

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

export const theaterFields = {
  name: z.string().trim().min(1, "Required").max(120),
  city: z.string().trim().min(1, "Required").max(80),
  timeZone: z.string().refine(isValidTimeZone, "Use an IANA time zone such as Europe/Berlin"),
  turnoverMinutes: z.number().int().min(0).max(240),
  seatMap: seatMapSchema,
};

export const createTheaterSchema = z
  .object({ id: idSchema.optional(), ...theaterFields, turnoverMinutes: theaterFields.turnoverMinutes.default(15) })
  .strict();

export const updateTheaterSchema = z
  .object(theaterFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change" });

export type CreateMovie = z.infer<typeof createMovieSchema>;
export type UpdateMovie = z.infer<typeof updateMovieSchema>;
export type CreateTheater = z.infer<typeof createTheaterSchema>;
export type UpdateTheater = z.infer<typeof updateTheaterSchema>;
