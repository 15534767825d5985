import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { normalizeSessionFeedback, sessionFeedbackBody, sessionFeedbackParams } from "@/lib/feedback/contract";
import { authorizeFeedback, recordFeedback, requireFeedbackWriter } from "@/lib/feedback/feedback-service";
import { findSessionOwner } from "@/lib/feedback/sessions";

/** A like or dislike of one movie of a list (or `liked: null`, taking it back), in seed 003's form. */
export const POST = apiRoute(
  "/api/v1/recommendations/feedback/[sessionId]",
  async ({ request, db, params, actor, now }) => {
    const caller = requireFeedbackWriter(await actor());
    const body = await readJson(request, sessionFeedbackBody, 16 * 1024);
    const userId = await findSessionOwner(db, params.sessionId);
    authorizeFeedback(caller, userId);
    const feedback = normalizeSessionFeedback(params.sessionId, userId, body);
    return json(await recordFeedback(db, feedback, { now, fieldOf: (field) => (field === "liked" ? "movieId" : field) }), 201);
  },
  { params: sessionFeedbackParams },
);
