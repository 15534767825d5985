import { z } from "zod";
import { eventTypes } from "@/lib/events/contract";
import { timestamp } from "@/lib/http/contract";
import { idSchema } from "@/lib/ids/ids";
import { describeField, named } from "@/lib/openapi/schema-registry";
import { FAVORITES_LIMIT, GENRE_LIMIT, KEYWORD_LIMIT, KEYWORDS_KEPT, RATINGS_SHOWN } from "./user-features";

/** Per-user features: what a user's events add up to, as the recommenders read them. */

export const featureParams = z.object({ userId: idSchema });

export const refreshQuery = z.object({ daysBack: z.coerce.number().int().min(1).max(3650).default(90) }).strict();
describeField(refreshQuery.shape.daysBack, "How many days of events to rebuild from");

const exampleFeatures = {
  userId: "42",
  watchHistory: [{ movieId: "296", watchDuration: 5400, progressPercent: 58.4, at: "2031-01-05T20:40:00.000Z" }],
  totalWatchTime: 5400,
  averageWatchTime: 5400,
  watchCount: 1,
  searchHistory: [{ query: "tarantino", at: "2031-01-05T20:00:00.000Z" }],
  topKeywords: [{ keyword: "tarantino", count: 1 }],
  ratings: { "296": { rating: 4.5, at: "2031-01-05T22:50:00.000Z" } },
  averageRating: 4.5,
  likedMovies: ["296"],
  favorites: [],
  interactionCounts: { watch: 1, search: 1, rating: 1, favorite: 0 },
  genreScores: { Crime: 1.6, Drama: 1.6 },
  genreAffinity: { Crime: 0.5, Drama: 0.5 },
  lastActiveAt: "2031-01-05T22:50:00.000Z",
  updatedAt: "2031-01-05T22:51:00.000Z",
};

const userFeatureFields = {
  userId: idSchema,
  watchHistory: z
    .array(z.object({ movieId: idSchema, watchDuration: z.number().min(0), progressPercent: z.number().min(0).max(100), at: timestamp }))
    .describe("Latest first, at most 100"),
  totalWatchTime: z.number().min(0).describe("Seconds"),
  averageWatchTime: z.number().min(0).describe("Seconds per watch event"),
  watchCount: z.number().int().min(0),
  searchHistory: z.array(z.object({ query: z.string(), at: timestamp })).describe("Latest first, at most 50"),
  topKeywords: z.array(z.object({ keyword: z.string(), count: z.number().int().min(1) })).describe(`From searches, most used first, at most 10. Counted over at most ${KEYWORD_LIMIT} distinct words: past that the least used are forgotten, down to ${KEYWORDS_KEPT}`),
  ratings: z.record(z.string(), z.object({ rating: z.number().min(0.5).max(5), at: timestamp })).describe(`Movie id → the latest rating; the ${RATINGS_SHOWN} most recently rated movies`),
  averageRating: z.number().min(0.5).max(5).nullable().describe("Over all of the user's current ratings"),
  likedMovies: z.array(idSchema).describe(`Rated 4 or more, most recently rated first, at most ${RATINGS_SHOWN}`),
  favorites: z.array(idSchema).describe(`Latest added first, at most ${FAVORITES_LIMIT}`),
  interactionCounts: z.record(z.enum(eventTypes), z.number().int().min(0)),
  genreScores: z.record(z.string(), z.number()).describe(`Implicit-feedback weight summed per genre, the ${GENRE_LIMIT} largest at most`),
  genreAffinity: z.record(z.string(), z.number().min(0).max(1)).describe(`genreScores scaled to sum to 1 (as many genres as genreScores, at most ${GENRE_LIMIT})`),
  lastActiveAt: timestamp.nullable(),
  updatedAt: timestamp.nullable().describe("When the features were last computed; null if never"),
};

export const UserFeatures = named("UserFeatures", z.object(userFeatureFields), {
  description: "What the events of a user add up to, as the recommenders read it.",
  examples: [exampleFeatures],
});

export const RefreshedUserFeatures = named(
  "RefreshedUserFeatures",
  z.object({ ...userFeatureFields, rebuiltFrom: z.object({ events: z.number().int().min(0), daysBack: z.number().int().min(1) }) }),
  { description: "The features rebuilt from raw events.", examples: [{ ...exampleFeatures, rebuiltFrom: { events: 3, daysBack: 90 } }] },
);

export type UserFeaturesView = z.infer<typeof UserFeatures>;
export type RefreshedUserFeatures = z.infer<typeof RefreshedUserFeatures>;
