import { z } from "zod";
import { apiRoute, json, parseWith, readJson } from "@/lib/http/api-route";
import { feedbackBody, isSeedFeedback, normalizeFeedback, normalizeSeedFeedback, seedFeedbackBody } from "@/lib/feedback/contract";
import { authorizeFeedback, recordFeedback, requireFeedbackWriter } from "@/lib/feedback/feedback-service";

/** Feedback on a list: ours (with seed 001's names), or seed 000's own form. */
export const POST = apiRoute("/api/v1/feedback", async ({ request, db, actor, now }) => {
  const caller = requireFeedbackWriter(await actor());
  const raw = await readJson(request, z.unknown(), 64 * 1024);
  const seed = isSeedFeedback(raw);
  const feedback = seed ? normalizeSeedFeedback(parseWith(seedFeedbackBody, raw)) : normalizeFeedback(parseWith(feedbackBody, raw));
  authorizeFeedback(caller, feedback.userId);
  return json(await recordFeedback(db, feedback, { now, fieldOf: seed ? seedField : (field) => field }), 201);
});

// Seed 000's names, for errors about its body.
function seedField(field: string): string {
  return ({ userId: "user_id", selectedMovieId: "selected_movie_id" } as Record<string, string>)[field] ?? field;
}
