import { z } from "zod";
import { timestamp } from "@/lib/http/contract";
import { idSchema } from "@/lib/ids/ids";
import { describeField, named } from "@/lib/openapi/schema-registry";

/**
 * Feedback on recommendations: what was shown, which movie was opened (at which position), likes,
 * dislikes and "not interested", and watch time. One stored shape, three ways in:
 * - ours: `{sessionId, userId, impressions?, selectedMovieId?, liked?, notInterested?, watchTimeSec?, context?}`;
 * - the interaction service's (seed 001) names `impressionList` and `clickedItemId`, accepted in it;
 * - the MovieFlix client's (seed 000) `{user_id, recommended_movie_id_list, selected_movie_id, user_type, action_cycle}`,
 *   which has no session: the list it sends is logged as one.
 */

export const MAX_FEEDBACK_LIST = 100;
/** `clear_reaction`: the viewer took back their like, dislike or "not interested" (`liked: null`). */
export const feedbackKinds = ["select", "like", "dislike", "not_interested", "clear_reaction", "impressions"] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

/** Seed 000 sends integer MovieLens ids; ours are strings. Both are fine, stored as strings. */
const anyId = z.union([idSchema, z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).transform(String)]);
const movieList = z.array(anyId).max(MAX_FEEDBACK_LIST, `At most ${MAX_FEEDBACK_LIST} movies`);
const userType = z.enum(["A", "B"], { error: "A or B" });
const actionCycle = z.number().int().min(0).max(1_000_000);
const context = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "1–40 lower-case letters, digits, _ and -");
const watchTimeSec = z.number().min(0).max(86_400 * 2);
/** true: a like; false: a dislike; null: take back whatever reaction the movie had. */
const likedValue = z.boolean({ error: "true (like), false (dislike) or null (clear)" }).nullable();
export type ReactionKind = "like" | "dislike" | "not_interested" | "clear_reaction";
const reactionOf = (liked: boolean | null): ReactionKind => (liked === null ? "clear_reaction" : liked ? "like" : "dislike");

export const feedbackBody = named(
  "Feedback",
  z
    .object({
      sessionId: z.uuid("The sessionId of a list from GET /recommend"),
      userId: idSchema,
      impressions: movieList.optional(),
      impressionList: movieList.optional(),
      selectedMovieId: anyId.optional(),
      clickedItemId: anyId.optional(),
      liked: z.array(z.object({ movieId: anyId, liked: likedValue }).strict()).max(MAX_FEEDBACK_LIST).optional(),
      notInterested: movieList.optional(),
      watchTimeSec: watchTimeSec.optional(),
      context: context.optional(),
      userType: userType.optional(),
      actionCycle: actionCycle.optional(),
    })
    .strict()
    .superRefine((body, ctx) => {
      if (body.impressions && body.impressionList) ctx.addIssue({ code: "custom", path: ["impressionList"], message: "Send impressions or impressionList, not both" });
      if (body.selectedMovieId !== undefined && body.clickedItemId !== undefined) ctx.addIssue({ code: "custom", path: ["clickedItemId"], message: "Send selectedMovieId or clickedItemId, not both" });
    }),
  {
    description:
      "What the viewer did with a list. `impressions` (or seed 001's `impressionList`): the movies they actually saw, when fewer than the list; `selectedMovieId` (or `clickedItemId`): the one they opened; `liked`: thumbs up (`true`) or down (`false`) per movie, or `null` to clear the viewer's reaction to it (a like, a dislike or a \"not interested\" taken back: it no longer counts in the experiment or in training, and a movie turned down may be recommended again; clearing a movie the viewer has no reaction to, or clearing it again, changes nothing); `notInterested`: movies to never show again.",
    examples: [{ sessionId: "01938f5e-7c1a-7d2e-9b4f-3a6c5d8e1f20", userId: "42", selectedMovieId: "6", liked: [{ movieId: "6", liked: true }], watchTimeSec: 5400 }],
  },
);
export type FeedbackRequest = z.infer<typeof feedbackBody>;
describeField(feedbackBody.shape.watchTimeSec, "Seconds the selected movie was watched");
describeField(feedbackBody.shape.userType, "The simulation's user group (seed 000), honoured and recorded");
describeField(feedbackBody.shape.actionCycle, "The simulation's action cycle (seed 000), recorded");

/** Seed 000's form, with its own names. Its list becomes a logged session of its own. */
export const seedFeedbackBody = named(
  "SeedFeedback",
  z
    .object({
      user_id: anyId,
      recommended_movie_id_list: movieList.min(1, "Send the list that was shown"),
      selected_movie_id: anyId.optional(),
      score: z.number().optional().describe("Ignored: the score is computed from the position"),
      user_type: userType.optional(),
      action_cycle: actionCycle.optional(),
    })
    .strict(),
  { description: "The MovieFlix client's feedback (seed 000).", examples: [{ user_id: 42, recommended_movie_id_list: [6, 296, 318], selected_movie_id: 296, user_type: "A", action_cycle: 3 }] },
);

/** Which of the two forms a body is in: seed 000's names, else ours (with seed 001's). */
export function isSeedFeedback(body: unknown): boolean {
  return typeof body === "object" && body !== null && ("user_id" in body || "recommended_movie_id_list" in body);
}

export const sessionFeedbackParams = z.object({ sessionId: z.uuid("Not a sessionId") });
export const sessionFeedbackBody = named(
  "SessionFeedback",
  z.object({ movieId: anyId, liked: likedValue }).strict(),
  {
    description: "A like (`true`) or dislike (`false`) of one movie of a list (seed 003's POST /feedback/{session_id}), or `null` to clear the viewer's reaction to it.",
    examples: [{ movieId: "6", liked: true }, { movieId: "6", liked: null }],
  },
);

export const FeedbackReceipt = named(
  "FeedbackReceipt",
  z.object({
    feedbackId: z.number().int().positive(),
    sessionId: z.uuid(),
    status: z.literal("recorded"),
    processedAt: timestamp,
    score: z.number().min(0).max(10).describe("Seed 000's position score: (n − index) / n × 10 for the selected movie at `index` of a list of n, else 0; a fraction, not truncated"),
  }),
  { description: "The feedback is stored and counted. Sending the same again changes nothing.", examples: [{ feedbackId: 1042, sessionId: "01938f5e-7c1a-7d2e-9b4f-3a6c5d8e1f20", status: "recorded", processedAt: "2031-01-05T20:41:00.000Z", score: 10 }] },
);
export type FeedbackReceipt = z.infer<typeof FeedbackReceipt>;

/** What every form of feedback is turned into before it is stored. */
export interface NormalizedFeedback {
  sessionId: string | null;
  userId: string;
  /** Seed 000's list, for a session that must be logged first. */
  shownList: string[] | null;
  impressions: string[] | null;
  selectedMovieId: string | null;
  reactions: { movieId: string; kind: ReactionKind }[];
  watchTimeSec: number | null;
  context: string | null;
  userType: "A" | "B" | null;
  actionCycle: number | null;
}

export function normalizeFeedback(body: z.infer<typeof feedbackBody>): NormalizedFeedback {
  return {
    sessionId: body.sessionId,
    userId: body.userId,
    shownList: null,
    impressions: body.impressions ?? body.impressionList ?? null,
    selectedMovieId: body.selectedMovieId ?? body.clickedItemId ?? null,
    reactions: [
      ...(body.liked ?? []).map((r) => ({ movieId: r.movieId, kind: reactionOf(r.liked) })),
      ...(body.notInterested ?? []).map((movieId) => ({ movieId, kind: "not_interested" as const })),
    ],
    watchTimeSec: body.watchTimeSec ?? null,
    context: body.context ?? null,
    userType: body.userType ?? null,
    actionCycle: body.actionCycle ?? null,
  };
}

/** Seed 003's one-movie form, on a session whose owner is known. */
export function normalizeSessionFeedback(sessionId: string, userId: string, body: z.infer<typeof sessionFeedbackBody>): NormalizedFeedback {
  return { sessionId, userId, shownList: null, impressions: null, selectedMovieId: null, reactions: [{ movieId: body.movieId, kind: reactionOf(body.liked) }], watchTimeSec: null, context: null, userType: null, actionCycle: null };
}

export function normalizeSeedFeedback(body: z.infer<typeof seedFeedbackBody>): NormalizedFeedback {
  return {
    sessionId: null,
    userId: body.user_id,
    shownList: body.recommended_movie_id_list,
    impressions: null,
    selectedMovieId: body.selected_movie_id ?? null,
    reactions: [],
    watchTimeSec: null,
    context: "seed-000",
    userType: body.user_type ?? null,
    actionCycle: body.action_cycle ?? null,
  };
}

/** Seed 000's rating (`POST /ratings`), or ours: both become a rating event. */
export const ratingBody = named(
  "Rating",
  z
    .object({
      userId: anyId.optional(),
      user_id: anyId.optional(),
      movieId: anyId.optional(),
      movie_id: anyId.optional(),
      rating: z.number().min(0.5, "Between 0.5 and 5").max(5, "Between 0.5 and 5").refine((r) => Number.isInteger(r * 2), "In steps of 0.5"),
      requestId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/).optional(),
    })
    .strict()
    .superRefine((body, ctx) => {
      if ((body.userId === undefined) === (body.user_id === undefined)) ctx.addIssue({ code: "custom", path: ["userId"], message: "Send userId (or user_id), once" });
      if ((body.movieId === undefined) === (body.movie_id === undefined)) ctx.addIssue({ code: "custom", path: ["movieId"], message: "Send movieId (or movie_id), once" });
    }),
  { description: "A rating, stored as a rating event (seed 000's form with user_id and movie_id is accepted too).", examples: [{ userId: "42", movieId: "296", rating: 4.5 }] },
);
