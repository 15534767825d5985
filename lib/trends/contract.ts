import { z } from "zod";
import { paginationSchema } from "@/lib/http/pagination";
import { idSchema } from "@/lib/ids/ids";
import { named } from "@/lib/openapi/schema-registry";
import { trendWindows } from "./series";

/** The trends API: what its routes accept, parsed before anything else, and what they answer. */

export const trendSorts = ["final", "trending", "views"] as const;
export type TrendSort = (typeof trendSorts)[number];

const tmdbId = z.number({ error: "A TMDB id: a positive whole number" }).int("A TMDB id: a positive whole number").positive("A TMDB id: a positive whole number").max(2_147_483_647);

export const registerTrendMovieSchema = named(
  "RegisterTrendMovie",
  z.object({ tmdbId: tmdbId.describe("The movie's id on The Movie Database (TMDB), e.g. 27205 for Inception") }).strict(),
  { examples: [{ tmdbId: 27205 }] },
);

export const addViewSchema = named(
  "AddTrendView",
  z
    .object({
      tmdbId: tmdbId.optional().describe("The TMDB id of a movie in the catalog"),
      movieId: idSchema.optional().describe("The catalog id of the movie; send this or tmdbId"),
    })
    .strict()
    .superRefine((body, ctx) => {
      if (body.tmdbId === undefined && body.movieId === undefined) ctx.addIssue({ code: "custom", path: ["movieId"], message: "Send movieId or tmdbId" });
      if (body.tmdbId !== undefined && body.movieId !== undefined) ctx.addIssue({ code: "custom", path: ["tmdbId"], message: "Send movieId or tmdbId, not both" });
    }),
  { description: "The movie to add a view to: by catalog id or by TMDB id, one of the two.", examples: [{ tmdbId: 27205 }] },
);

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
export const externalStatuses = ["pending", "ok", "missing", "error", "no_key", "no_tmdb_id"] as const;
export type ExternalStatus = (typeof externalStatuses)[number];
/** The statuses whose score is the movie's own average rating × 2, kept in step with its ratings. */
export const ownRatingsStatuses = ["no_key", "no_tmdb_id"] as const satisfies readonly ExternalStatus[];
export type OwnRatingsStatus = (typeof ownRatingsStatuses)[number];
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

const exampleTrendItem = {
  movieId: "tmdb-27205",
  title: "Inception",
  year: 2010,
  genres: ["Action", "Science Fiction"],
  tmdbId: 27205,
  registered: true,
  views: 42,
  viewsInWindow: 12,
  externalVoteAverage: 8.4,
  externalSource: "tmdb",
  externalLabel: "TMDB",
  externalStatus: "ok",
  externalMessage: null,
  externalCheckedAt: "2024-05-01T04:15:02.000Z",
  finalScore: 7.1,
  trendingScore: 5.742,
  daily: [
    { day: "2024-04-30", views: 3, activity: 4.5 },
    { day: "2024-05-01", views: 9, activity: 12 },
  ],
};
named("RegisteredTrendMovie", registeredTrendMovie, {
  description: "The registered movie. `created` says whether it was made from the TMDB id; its title is a placeholder until the fetch job has read TMDB.",
  examples: [{ movieId: "tmdb-27205", tmdbId: 27205, title: "TMDB movie 27205", created: true, registeredAt: "2024-05-01T09:00:00.000Z", externalStatus: "pending" }],
});
named("TrendViewAccepted", viewAccepted, {
  description: "The movie's counts after the view: total views, the final score recomputed with them, trending now.",
  examples: [{ movieId: "tmdb-27205", views: 43, finalScore: 7.2, trendingScore: 6.742 }],
});
named("TrendRefreshAccepted", refreshAccepted, { examples: [{ movieId: "tmdb-27205", status: "queued" }] });
named("TrendItem", trendItem, {
  description:
    "A movie on the dashboard. `externalStatus`: pending (not fetched yet), ok (from TMDB), missing (TMDB answered 404; the movie is kept), error (TMDB refused or stayed unreachable; the last known value is kept), no_key (no TMDB key: the movie's own average rating × 2), no_tmdb_id (the movie has no TMDB id: its own average rating × 2, with or without a key). `trendingScore` is decayed to the time of the answer. `daily` covers the last 14 UTC days, oldest first.",
  examples: [exampleTrendItem],
});
named("TrendPage", trendPage, {
  examples: [{ items: [exampleTrendItem], total: 1, limit: 25, offset: 0, nextOffset: null, sort: "final", window: "7d", asOf: "2024-05-01T18:00:00.000Z", halfLifeHours: 24 }],
});
named("TrendHistory", trendHistory, {
  description: "For each of the top movies, daily views and \"trending now\" as it stood at the end of each day (today: now), in the order of `days`.",
  examples: [{ days: ["2024-04-30", "2024-05-01"], sort: "trending", asOf: "2024-05-01T18:00:00.000Z", movies: [{ movieId: "tmdb-27205", title: "Inception", views: [3, 9], trending: [3.1, 9.4] }] }],
});

export type RegisteredTrendMovie = z.infer<typeof registeredTrendMovie>;
export type ViewAccepted = z.infer<typeof viewAccepted>;
export type RefreshAccepted = z.infer<typeof refreshAccepted>;
export type TrendItem = z.infer<typeof trendItem>;
export type TrendPage = z.infer<typeof trendPage>;
export type TrendHistory = z.infer<typeof trendHistory>;
