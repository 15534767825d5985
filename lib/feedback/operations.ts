import { EventReceipt } from "@/lib/events/contract";
import type { ApiSection, OperationSpec } from "@/lib/openapi/operation-spec";
import { feedbackBody, FeedbackReceipt, ratingBody, sessionFeedbackBody, sessionFeedbackParams } from "./contract";

const feedbackAccess = {
  auth: "signed-in",
  tokenScopes: ["feedback:write"],
  authNote: "Viewers on their own lists; API tokens with the feedback:write scope; admins.",
} as const satisfies Pick<OperationSpec, "auth" | "tokenScopes" | "authNote">;

export const feedbackApi: ApiSection = {
  tags: [
    {
      name: "Feedback",
      description:
        "What viewers did with their lists: the movie opened (scored by its position, as seed 000 did), likes, dislikes and \"not interested\", watch time. Feedback joins the exact list it is about through its sessionId, counts in the list's experiment, and trains the next models.",
    },
  ],
  operations: [
    {
      operationId: "sendFeedback",
      method: "POST",
      path: "/api/v1/feedback",
      tag: "Feedback",
      summary: "Send feedback on a list",
      description:
        "Ours: the `sessionId` of a list from GET /recommend and what happened. The interaction service's (seed 001) `impressionList` and `clickedItemId` are accepted in it. The MovieFlix client's form (seed 000, the SeedFeedback schema) `{user_id, recommended_movie_id_list, selected_movie_id, user_type, action_cycle}` is accepted too; its list is logged as a session of its own. A session nobody logged is a 404; a movie the session did not show a 422. Sending the same feedback again changes nothing. A dislike or \"not interested\" takes the movie off the user's lists at once and is a negative in the next training. `liked: [{movieId, liked: null}]` clears the movie's reaction (like, dislike or \"not interested\"): the session's experiment no longer counts it, the next training no longer learns from it, and a movie turned down may be recommended again. Clearing again changes nothing.",
      ...feedbackAccess,
      self: { in: "body", field: "userId" },
      body: feedbackBody,
      responses: { 201: { description: "Recorded", schema: FeedbackReceipt } },
      errors: [404, 422],
    },
    {
      operationId: "sendSessionFeedback",
      method: "POST",
      path: "/api/v1/recommendations/feedback/{sessionId}",
      tag: "Feedback",
      summary: "Like, dislike or clear the reaction to a movie of a list",
      description: "Seed 003's form of feedback: one movie of the session's list, liked (`true`) or not (`false`); `liked: null` clears the reaction, as on POST /api/v1/feedback. A session nobody logged is a 404; a movie the session did not show a 422.",
      ...feedbackAccess,
      self: { in: "session", field: "sessionId" },
      params: sessionFeedbackParams,
      body: sessionFeedbackBody,
      responses: { 201: { description: "Recorded", schema: FeedbackReceipt } },
      errors: [404, 422],
      example: { params: { sessionId: "01938f5e-7c1a-7d2e-9b4f-3a6c5d8e1f20" } },
    },
    {
      operationId: "sendRating",
      method: "POST",
      path: "/api/v1/ratings",
      tag: "Feedback",
      summary: "Rate a movie",
      description: "Seed 000's POST /ratings: stored as a rating event, as POST /api/v1/events/rating stores it.",
      // A rating is feedback on a movie: the scope that grants feedback grants it, as for the other
      // feedback routes (POST /api/v1/events/rating stays the events:write way to send one).
      auth: "signed-in",
      tokenScopes: ["feedback:write"],
      authNote: "Viewers for themselves; API tokens with the feedback:write scope; admins.",
      self: { in: "body", field: "userId" },
      body: ratingBody,
      responses: { 201: { description: "Stored (or a duplicate)", schema: EventReceipt } },
      errors: [404],
    },
  ],
};
