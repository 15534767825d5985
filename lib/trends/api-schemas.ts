import { z } from "zod";
import { trendSorts } from "@/db/queries/trends";
import { paginationSchema } from "@/lib/http/pagination";
import { idSchema } from "@/lib/ids/ids";
import { trendWindows } from "./series";

/** What the trend routes accept, parsed before anything else, and what they answer. */

const tmdbId = z.number({ error: "A TMDB id: a positive whole number" }).int("A TMDB id: a positive whole number").positive("A TMDB id: a positive whole number").max(2_147_483_647);

export const registerTrendMovieSchema = z.object({ tmdbId: tmdbId.describe("The movie's id on The Movie Database (TMDB), e.g. 27205 for Inception") }).strict();

export const addViewSchema = z
  .object({
    tmdbId: tmdbId.optional().describe("The TMDB id of a movie in the catalog"),
    movieId: idSchema.optional().describe("The catalog id of the movie; send this or tmdbId"),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.tmdbId === undefined && body.movieId === undefined) ctx.addIssue({ code: "custom", path: ["movieId"], message: "Send movieId or tmdbId" });
    if (body.tmdbId !== undefined && body.movieId !== undefined) ctx.addIssue({ code: "custom", path: ["tmdbId"], message: "Send movieId or tmdbId, not both" });
  });

export const trendMovieParams = z.object({ movieId: idSchema });

export const trendListQuery = z
  .object({
    sort: z.enum(trendSorts).default("final").describe("final: the seed's final trend score; trending: recent activity with time decay; views: total views. Highest first."),
    window: z.enum(trendWindows).default("7d").describe("The span of viewsInWindow, counted in whole UTC days: 24h is yesterday and today, 7d the last seven days"),
    ...paginationSchema,
  })
  .strict();

export const trendHistoryQuery = z
  .object({
    top: z.coerce.number().int().min(1).max(20).default(10).describe("How many movies: the first ones by sort"),
    days: z.coerce.number().int().min(2).max(60).default(14).describe("How many days, ending today (UTC)"),
    sort: z.enum(trendSorts).default("trending").describe("Which movies are the top ones"),
  })
  .strict();

export type TrendListQuery = z.infer<typeof trendListQuery>;
export type TrendHistoryQuery = z.infer<typeof trendHistoryQuery>;

const timestamp = z.iso.datetime();
export const externalStatuses = ["pending", "ok", "missing", "error", "no_key"] as const;
export const externalSources = ["tmdb", "own_ratings", "last_known"] as const;

export const registeredTrendMovie = z.object({
  movieId: idSchema,
  tmdbId: z.number().int(),
  title: z.string(),
  /** true when the movie was created from the TMDB id; false when an existing one was registered. */
  created: z.boolean(),
  registeredAt: timestamp,
  externalStatus: z.enum(externalStatuses),
});

export const viewAccepted = z.object({
  movieId: idSchema,
  views: z.number().int(),
  finalScore: z.number().nullable(),
  trendingScore: z.number(),
});

export const refreshAccepted = z.object({ movieId: idSchema, status: z.literal("queued") });

export const dailyPoint = z.object({ day: z.iso.date(), views: z.number().int(), activity: z.number() });

export const trendItem = z.object({
  movieId: idSchema,
  title: z.string(),
  year: z.number().int().nullable(),
  genres: z.array(z.string()),
  tmdbId: z.number().int().nullable(),
  registered: z.boolean(),
  views: z.number().int(),
  viewsInWindow: z.number().int(),
  externalVoteAverage: z.number().nullable(),
  externalSource: z.enum(externalSources).nullable(),
  externalLabel: z.string(),
  externalStatus: z.enum(externalStatuses),
  externalMessage: z.string().nullable(),
  externalCheckedAt: timestamp.nullable(),
  finalScore: z.number().nullable(),
  trendingScore: z.number(),
  daily: z.array(dailyPoint),
});

export const trendPage = z.object({
  items: z.array(trendItem),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  nextOffset: z.number().int().nullable(),
  sort: z.enum(trendSorts),
  window: z.enum(trendWindows),
  asOf: timestamp,
  halfLifeHours: z.number(),
});

export const trendHistory = z.object({
  days: z.array(z.iso.date()),
  sort: z.enum(trendSorts),
  asOf: timestamp,
  movies: z.array(z.object({ movieId: idSchema, title: z.string(), views: z.array(z.number().int()), trending: z.array(z.number()) })),
});

export type RegisteredTrendMovie = z.infer<typeof registeredTrendMovie>;
export type ViewAccepted = z.infer<typeof viewAccepted>;
export type TrendItem = z.infer<typeof trendItem>;
export type TrendPage = z.infer<typeof trendPage>;
export type TrendHistory = z.infer<typeof trendHistory>;
