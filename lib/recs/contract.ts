import { z } from "zod";
import { pageOf, timestamp } from "@/lib/http/contract";
import { paginationSchema } from "@/lib/http/pagination";
import { idSchema } from "@/lib/ids/ids";
import { describeField, named } from "@/lib/openapi/schema-registry";

/** The recommendation API: lists for a user, similar movies, favorite genres, and model versions. */

export const recommenderAlgorithms = ["als", "hybrid", "ease", "popular"] as const;
export type RecommenderAlgorithm = (typeof recommenderAlgorithms)[number];
export const modelStatuses = ["queued", "training", "ready", "failed"] as const;
export type ModelStatus = (typeof modelStatuses)[number];
export const modelSources = ["trained", "imported"] as const;
export const MAX_FAVORITE_GENRES = 3;
export const MAX_RECOMMENDATIONS = 100;

const algorithm = z.enum(recommenderAlgorithms, { error: `Use one of: ${recommenderAlgorithms.join(", ")}` });
const context = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "1–40 lower-case letters, digits, _ and -")
  .default("home");

export const recommendParams = z.object({ userId: idSchema });
export const recommendQuery = z
  .object({
    k: z.coerce.number().int().min(1).max(MAX_RECOMMENDATIONS).default(20),
    context,
    model: algorithm.optional(),
    userType: z.enum(["A", "B"], { error: "A or B" }).optional(),
    actionCycle: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
describeField(recommendQuery.shape.userType, "A simulation client's user group (seed 000): in an experiment, A gets the first variant and B the second");
describeField(recommendQuery.shape.actionCycle, "A simulation client's action cycle (seed 000), logged with the session");
describeField(recommendQuery.shape.k, `How many movies, 1–${MAX_RECOMMENDATIONS}`);
describeField(recommendQuery.shape.context, "Where the list is shown (home, movie, email…); logged with the session");
describeField(recommendQuery.shape.model, "Which model answers; by default the running experiment's variant for the user, else the configured default");

export const Recommendation = named(
  "Recommendation",
  z.object({
    movieId: idSchema,
    title: z.string(),
    score: z.number().min(0).max(1).describe("How strongly the model recommends it, 0–1, comparable within one list"),
    reasons: z.array(z.string()).describe("Short phrases for people: \"because you watched Heat\", \"popular in Drama\""),
  }),
  { examples: [{ movieId: "6", title: "Heat", score: 0.93, reasons: ["because you watched The Godfather"] }] },
);

export const Recommendations = named(
  "Recommendations",
  z.object({
    userId: idSchema,
    sessionId: z.uuid().describe("Send it with feedback on this list"),
    model: algorithm,
    modelVersion: z.number().int().nullable().describe("The model version that ranked the list; null when only the fallbacks answered"),
    experiment: z.object({ id: z.uuid(), variant: z.string() }).nullable().describe("The experiment and variant the list was served under, if any"),
    cached: z.boolean().describe("Whether the list came from the precomputed cache"),
    movieIds: z.array(idSchema).describe("The same movies, in order: what the seed's service clients read"),
    recommendations: z.array(Recommendation),
    generatedAt: timestamp,
    context: z.string(),
  }),
  {
    description: "A user's list: personal where the model knows them, then popular in their genres, then popular overall, never a movie they already watched, rated or favorited.",
    examples: [
      {
        userId: "42",
        sessionId: "01938f5e-7c1a-7d2e-9b4f-3a6c5d8e1f20",
        model: "als",
        modelVersion: 7,
        experiment: null,
        cached: true,
        movieIds: ["6"],
        recommendations: [{ movieId: "6", title: "Heat", score: 0.93, reasons: ["because you watched The Godfather"] }],
        generatedAt: "2031-01-05T20:40:00.000Z",
        context: "home",
      },
    ],
  },
);

export const similarParams = z.object({ id: idSchema });
export const similarQuery = z
  .object({
    k: z.coerce.number().int().min(1).max(MAX_RECOMMENDATIONS).default(10),
    userId: idSchema.optional().describe("The signed-in viewer the list is for: leaves out what they turned down and logs the list as a session for their feedback"),
  })
  .strict();
const shownSessionId = z.uuid().nullable().describe("Send it with feedback on this list (POST /api/v1/feedback); null when the list was not logged (no user, or no movies)");

export const SimilarMovie = named("SimilarMovie", z.object({ movieId: idSchema, title: z.string(), score: z.number().min(0).max(1), genres: z.array(z.string()) }), {
  examples: [{ movieId: "1221", title: "The Godfather: Part II", score: 0.91, genres: ["Crime", "Drama"] }],
});
export const SimilarMovies = named(
  "SimilarMovies",
  z.object({ movieId: idSchema, model: algorithm, modelVersion: z.number().int().nullable(), sessionId: shownSessionId, items: z.array(SimilarMovie) }),
  {
    description: "Movies like this one, most similar first.",
    examples: [{ movieId: "858", model: "als", modelVersion: 7, sessionId: null, items: [{ movieId: "1221", title: "The Godfather: Part II", score: 0.91, genres: ["Crime", "Drama"] }] }],
  },
);

export const genresTopQuery = z
  .object({
    userId: idSchema,
    limit: z.coerce.number().int().min(1).max(MAX_RECOMMENDATIONS).default(20),
  })
  .strict();

export const GenreTopMovie = named(
  "GenreTopMovie",
  z.object({ movieId: idSchema, title: z.string(), genres: z.array(z.string()), interactions: z.number().int().min(0).describe("People who watched, rated or favorited it"), averageRating: z.number().nullable() }),
  { examples: [{ movieId: "318", title: "The Shawshank Redemption", genres: ["Crime", "Drama"], interactions: 317, averageRating: 4.43 }] },
);
export const GenresTop = named(
  "GenresTop",
  z.object({
    userId: idSchema,
    genres: z.array(z.string()).describe("The user's favorite genres; when they picked none, the ones they interact with most"),
    sessionId: shownSessionId,
    items: z.array(GenreTopMovie),
  }),
  { description: "The most popular movies in the user's favorite genres, without a model (the seed's genres_top).", examples: [{ userId: "42", genres: ["Drama"], sessionId: null, items: [] }] },
);

export const userGenresParams = z.object({ userId: idSchema });
export const favoriteGenresBody = named(
  "SetFavoriteGenres",
  z
    .object({
      genres: z
        .array(z.string().trim().min(1).max(40))
        .max(MAX_FAVORITE_GENRES, `At most ${MAX_FAVORITE_GENRES} favorite genres`)
        .refine((list) => new Set(list.map((g) => g.toLowerCase())).size === list.length, "Each genre once"),
    })
    .strict(),
  { description: `Up to ${MAX_FAVORITE_GENRES} genres; an empty list clears them.`, examples: [{ genres: ["Crime", "Drama", "Thriller"] }] },
);
export const FavoriteGenres = named(
  "FavoriteGenres",
  z.object({ userId: idSchema, genres: z.array(z.string()), updatedAt: timestamp.nullable() }),
  { examples: [{ userId: "42", genres: ["Crime", "Drama", "Thriller"], updatedAt: "2031-01-05T20:40:00.000Z" }] },
);

/** The contexts of logged lists that are not a user's personal recommendations (GET /recommend's). */
export const SIMILAR_CONTEXT = "similar";
export const GENRES_TOP_CONTEXT = "genres-top";
export const NOT_PERSONAL_CONTEXTS = [SIMILAR_CONTEXT, GENRES_TOP_CONTEXT] as const;

export const MAX_LIKES_ASKED = 100;
export const MAX_LIKES_LISTED = 500;
export const userLikesQuery = z
  .object({
    movieIds: z
      .string()
      .max(MAX_LIKES_ASKED * 101)
      .transform((value) => [...new Set(value.split(",").map((id) => id.trim()).filter(Boolean))])
      .pipe(z.array(idSchema).max(MAX_LIKES_ASKED, `At most ${MAX_LIKES_ASKED} movies`))
      .optional()
      .describe(`Comma-separated movie ids: which of these the user likes (at most ${MAX_LIKES_ASKED}). Without it, the newest ${MAX_LIKES_LISTED} likes.`),
  })
  .strict();
export const UserLikes = named(
  "UserLikes",
  z.object({ userId: idSchema, movieIds: z.array(idSchema).describe("Newest like first") }),
  {
    description:
      "The movies a user likes now: those whose latest reaction from them, on any list, is a like (a dislike, a \"not interested\" or `liked: null` since takes it back). What a viewer's pages show as pressed Like buttons on a new list.",
    examples: [{ userId: "42", movieIds: ["6", "318"] }],
  },
);
export type UserLikes = z.infer<typeof UserLikes>;

export const ModelMetrics = named(
  "ModelMetrics",
  z.object({
    k: z.number().int(),
    precisionAtK: z.number(),
    recallAtK: z.number(),
    ndcgAtK: z.number(),
    mapAtK: z.number(),
    coverage: z.number().describe("Share of the catalog that appears in some user's top K"),
    users: z.number().int().describe("Users with held-out interactions the metrics are averaged over"),
    heldOutFraction: z.number(),
  }),
  { description: "Offline metrics on a held-out split: each user's interactions, 20% held out (seeded), the model trained on the rest." },
);
export type ModelMetrics = z.infer<typeof ModelMetrics>;

export const ModelVersion = named(
  "ModelVersion",
  z.object({
    version: z.number().int(),
    algorithm,
    status: z.enum(modelStatuses),
    source: z.enum(modelSources),
    active: z.boolean(),
    hyperparameters: z.record(z.string(), z.unknown()),
    seed: z.number().int(),
    counts: z.object({ users: z.number().int(), items: z.number().int(), interactions: z.number().int() }).nullable(),
    metrics: ModelMetrics.nullable(),
    trainingMs: z.number().int().nullable(),
    artifactBytes: z.number().int().nullable(),
    progress: z.number().min(0).max(1),
    progressLabel: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
    activatedAt: timestamp.nullable(),
  }),
  {
    description: "A trained or imported model: what it was trained on, how well it did offline, and whether instances serve it.",
    examples: [
      {
        version: 7,
        algorithm: "als",
        status: "ready",
        source: "trained",
        active: true,
        hyperparameters: { factors: 64, iterations: 15, regularization: 40, alpha: 7, cgSteps: 3 },
        seed: 1,
        counts: { users: 610, items: 9742, interactions: 100836 },
        metrics: { k: 10, precisionAtK: 0.29, recallAtK: 0.17, ndcgAtK: 0.34, mapAtK: 0.19, coverage: 0.12, users: 610, heldOutFraction: 0.2 },
        trainingMs: 2400,
        artifactBytes: 2650112,
        progress: 1,
        progressLabel: "done",
        error: null,
        createdAt: "2031-01-05T00:00:00.000Z",
        startedAt: "2031-01-05T00:00:00.100Z",
        finishedAt: "2031-01-05T00:00:05.000Z",
        activatedAt: "2031-01-05T00:00:05.000Z",
      },
    ],
  },
);
export type ModelVersion = z.infer<typeof ModelVersion>;

export const ModelVersionPage = pageOf("ModelVersionPage", ModelVersion);
export type ModelVersionPage = z.infer<typeof ModelVersionPage>;

export const modelListQuery = z.object({ algorithm: algorithm.optional(), ...paginationSchema }).strict();
export const modelVersionParams = z.object({ version: z.coerce.number().int().positive("Not a model version") });

export const ModelInfo = named(
  "ModelInfo",
  z.object({
    defaultModel: algorithm.describe("What GET /recommend uses when no model is asked for"),
    models: z.array(ModelVersion).describe("The active version of each algorithm"),
    loaded: z.array(z.object({ algorithm, version: z.number().int(), loadedAt: timestamp })).describe("What this instance has in memory"),
  }),
  {
    description: "The active model versions and what this instance serves.",
    examples: [{ defaultModel: "als", models: [], loaded: [{ algorithm: "als", version: 7, loadedAt: "2031-01-05T00:00:06.000Z" }] }],
  },
);
export type ModelInfo = z.infer<typeof ModelInfo>;

export const reloadBody = named(
  "ReloadModels",
  z.object({ version: z.number().int().positive().optional().describe("Make this version its algorithm's active one first; without it, reload the active versions") }).strict(),
  { examples: [{ version: 7 }] },
);
export const ReloadResult = named(
  "ReloadResult",
  z.object({ reloaded: z.array(z.object({ algorithm, version: z.number().int() })), notified: z.boolean().describe("Other instances were told to reload") }),
  { examples: [{ reloaded: [{ algorithm: "als", version: 7 }], notified: true }] },
);

export const trainBody = named(
  "TrainModel",
  z
    .object({
      algorithm,
      hyperparameters: z.record(z.string(), z.unknown()).optional().describe("Leave out for the defaults; unknown names are refused"),
      seed: z.number().int().min(0).max(2_147_483_647).optional(),
      activate: z.boolean().default(false).describe("Serve it as soon as it is trained"),
    })
    .strict(),
  { examples: [{ algorithm: "als", hyperparameters: { factors: 64, iterations: 15 }, activate: true }] },
);
export type TrainRequest = z.infer<typeof trainBody>;

export const TrainingAccepted = named(
  "TrainingAccepted",
  z.object({ version: z.number().int(), status: z.enum(modelStatuses), progressUrl: z.string().describe("Server-Sent Events with the training's progress") }),
  { examples: [{ version: 8, status: "queued", progressUrl: "/api/v1/models/8/progress" }] },
);

/** The `data:` of every Server-Sent Event of a training. */
export const TrainingProgress = named(
  "TrainingProgress",
  z.object({
    version: z.number().int(),
    algorithm,
    status: z.enum(modelStatuses),
    progress: z.number().min(0).max(1),
    label: z.string().nullable(),
    error: z.string().nullable(),
    at: timestamp,
  }),
  {
    description: "Where a training stands.",
    examples: [{ version: 8, algorithm: "als", status: "training", progress: 0.42, label: "iteration 3 of 15", error: null, at: "2031-01-05T00:00:01.000Z" }],
  },
);
export type TrainingProgress = z.infer<typeof TrainingProgress>;

export function isFinishedStatus(status: ModelStatus): boolean {
  return status === "ready" || status === "failed";
}

export type Recommendations = z.infer<typeof Recommendations>;
export type SimilarMovies = z.infer<typeof SimilarMovies>;
export type GenresTop = z.infer<typeof GenresTop>;
export type FavoriteGenres = z.infer<typeof FavoriteGenres>;
export type ReloadResult = z.infer<typeof ReloadResult>;
export type TrainingAccepted = z.infer<typeof TrainingAccepted>;
