import { z } from "zod";
import { listOf, pageOf, timestamp } from "@/lib/http/contract";
import { paginationSchema } from "@/lib/http/pagination";
import { idSchema } from "@/lib/ids/ids";
import { describeField, named } from "@/lib/openapi/schema-registry";
import { seatBlockSchema, seatMapSchema, seatRowSchema } from "@/lib/theaters/seat-map";

/** The catalog's API: movies, genres, theaters with seat maps, cities. */

/** The genres MovieLens uses; the catalog accepts others too, these are what forms offer. */
export const KNOWN_GENRES = [
  "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
  "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
] as const;

export const movieSorts = ["title", "-title", "year", "-year", "release", "-release", "-created"] as const;
export type MovieSort = (typeof movieSorts)[number];

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
describeField(movieFields.year, "Release year");
describeField(movieFields.runtimeMinutes, "Running time in minutes");
describeField(movieFields.genres, `Genre names. Forms offer the MovieLens genres: ${KNOWN_GENRES.join(", ")}; others are accepted.`);
describeField(movieFields.overview, "A short synopsis");
describeField(movieFields.releaseDate, "First release, YYYY-MM-DD");
describeField(movieFields.tmdbId, "The Movie Database (TMDB) id");
describeField(movieFields.imdbId, "IMDb id, e.g. tt0110912");

export const createMovieSchema = named(
  "CreateMovie",
  z.object({
    id: idSchema.optional(),
    title: movieFields.title,
    year: movieFields.year.optional(),
    runtimeMinutes: movieFields.runtimeMinutes.optional(),
    genres: movieFields.genres.default([]),
    overview: movieFields.overview.default(""),
    releaseDate: movieFields.releaseDate.optional(),
    tmdbId: movieFields.tmdbId.optional(),
    imdbId: movieFields.imdbId.optional(),
  }).strict(),
  {
    description: "A new movie. Leave out `id` to get a generated UUID.",
    examples: [{ id: "296", title: "Pulp Fiction", year: 1994, runtimeMinutes: 154, genres: ["Comedy", "Crime", "Drama", "Thriller"], releaseDate: "1994-10-14", imdbId: "tt0110912" }],
  },
);

export const updateMovieSchema = named(
  "UpdateMovie",
  z
    .object(movieFields)
    .partial()
    .strict()
    .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change" }),
  { description: "The fields to change; at least one. Send null to clear a nullable field.", examples: [{ runtimeMinutes: 154, tmdbId: 680 }] },
);

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
describeField(theaterFields.name, "Shown to viewers, e.g. \"Odeon 1\"");
describeField(theaterFields.timeZone, "IANA time zone such as Europe/Berlin; show times are local to it");
describeField(theaterFields.turnoverMinutes, "Cleaning time after each show; the next show may start when it is over");
// Block names and row labels are one schema instance in lib/theaters/seat-map.ts, so one text.
describeField(seatBlockSchema.shape.name, "A block's name (\"Main\", \"Balcony\") or a row's label (\"A\"); unique among its siblings");
describeField(seatRowSchema.shape.positions, "Places in the row from left to right, seats and gaps together");
describeField(seatRowSchema.shape.gaps, "Positions (1-based) that are aisles or missing seats");

export const createTheaterSchema = named(
  "CreateTheater",
  z.object({ id: idSchema.optional(), ...theaterFields, turnoverMinutes: theaterFields.turnoverMinutes.default(15) }).strict(),
  {
    description: "A new theater with its seat map. Leave out `id` to get a generated UUID.",
    examples: [{ id: "odeon-berlin-1", name: "Odeon 1", city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 20, seatMap: exampleSeatMap }],
  },
);

export const updateTheaterSchema = named(
  "UpdateTheater",
  z
    .object(theaterFields)
    .partial()
    .strict()
    .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change" }),
  { description: "The fields to change; at least one. A new seat map replaces the theater's seats.", examples: [{ turnoverMinutes: 25 }] },
);

/**
 * A movie as the MovieFlix client (seed 000) releases it: MovieLens's own columns, the year in the
 * title and the genres joined by "|". POST /movies takes this form too and stores it as ours.
 */
export const movieLensMovieSchema = named(
  "MovieLensMovie",
  z
    .object({
      movieId: z.union([idSchema, z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).transform(String)]),
      title: z.string().trim().min(1, "Required").max(300),
      genres: z.string().max(1_000).default("").describe("MovieLens genres joined by |, e.g. Adventure|Animation; (no genres listed) for none"),
    })
    .strict(),
  { description: "A movie in MovieLens's form (seed 000's client): the year in the title, genres joined by |.", examples: [{ movieId: 1, title: "Toy Story (1995)", genres: "Adventure|Animation|Children|Comedy|Fantasy" }] },
);

export function isMovieLensMovie(body: unknown): boolean {
  return typeof body === "object" && body !== null && "movieId" in body;
}

export type CreateMovie = z.infer<typeof createMovieSchema>;
export type UpdateMovie = z.infer<typeof updateMovieSchema>;
export type CreateTheater = z.infer<typeof createTheaterSchema>;
export type UpdateTheater = z.infer<typeof updateTheaterSchema>;

export const movieListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    genre: z.string().trim().max(40).optional(),
    sort: z.enum(movieSorts).default("title"),
    ...paginationSchema,
  })
  .strict();
describeField(movieListQuery.shape.q, "Part of the title (case-insensitive), or an exact movie id");
describeField(movieListQuery.shape.genre, "Only movies with this genre (exact name)");
describeField(movieListQuery.shape.sort, "Order: by title, year or release date; a leading - reverses it; -created is newest first");

export const theaterListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    city: z.string().trim().max(80).optional(),
    minSeats: z.coerce.number().int().min(0).optional(),
    maxSeats: z.coerce.number().int().min(0).optional(),
    ...paginationSchema,
  })
  .strict();
describeField(theaterListQuery.shape.q, "Part of the name or the city (case-insensitive)");
describeField(theaterListQuery.shape.city, "Only theaters in this city (exact name)");
describeField(theaterListQuery.shape.minSeats, "Only theaters with at least this many seats");
describeField(theaterListQuery.shape.maxSeats, "Only theaters with at most this many seats");

export type MovieListQuery = z.infer<typeof movieListQuery>;
export type TheaterListQuery = z.infer<typeof theaterListQuery>;

/** A path with one `{id}`: movies, theaters, users. */
export const idParams = z.object({ id: idSchema });

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

export const Movie = named(
  "Movie",
  z.object({
    id: idSchema,
    ...movieFields,
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

export const GenreCount = named("GenreCount", z.object({ genre: z.string(), movies: z.number().int().min(1) }), {
  description: "A genre used in the catalog and how many movies have it.",
  examples: [{ genre: "Drama", movies: 4361 }],
});

export const CityCount = named("CityCount", z.object({ city: z.string(), theaters: z.number().int().min(1) }), {
  description: "A city with theaters and how many.",
  examples: [{ city: "Berlin", theaters: 3 }],
});

export const MoviePage = pageOf("MoviePage", Movie);
export const TheaterPage = pageOf("TheaterPage", TheaterSummary);
export const GenreList = listOf("GenreList", GenreCount);
export const CityList = listOf("CityList", CityCount);

export type Movie = z.infer<typeof Movie>;
export type TheaterSummary = z.infer<typeof TheaterSummary>;
export type Theater = z.infer<typeof Theater>;
export type GenreCount = z.infer<typeof GenreCount>;
export type CityCount = z.infer<typeof CityCount>;
export type GenreList = z.infer<typeof GenreList>;
export type CityList = z.infer<typeof CityList>;
