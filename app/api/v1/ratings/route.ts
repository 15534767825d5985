import { ingestEvents } from "@/lib/events/ingest";
import { requestEventProcessing } from "@/lib/events/jobs";
import { ratingBody } from "@/lib/feedback/contract";
import { requireFeedbackWriter } from "@/lib/feedback/feedback-service";
import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { getBoss } from "@/lib/jobs/runtime";

/** Seed 000's POST /ratings: a rating, stored as a rating event (the same path as /events/rating). */
export const POST = apiRoute("/api/v1/ratings", async ({ request, db, actor, now }) => {
  const caller = requireFeedbackWriter(await actor());
  const body = await readJson(request, ratingBody, 16 * 1024);
  const userId = (body.userId ?? body.user_id)!;
  const movieId = (body.movieId ?? body.movie_id)!;
  const boss = await getBoss();
  const [receipt] = await ingestEvents(db, caller, [{ type: "rating", requestId: body.requestId, userId, movieId, metadata: { rating: body.rating } }], {
    now,
    scope: "feedback:write",
    fieldOf: (_, field) => (field === "userId" && body.user_id !== undefined ? "user_id" : field === "movieId" && body.movie_id !== undefined ? "movie_id" : field),
    afterStore: () => requestEventProcessing(boss),
  });
  return json(receipt, 201);
});
