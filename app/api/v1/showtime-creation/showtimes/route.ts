import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { getBoss } from "@/lib/jobs/runtime";
import { createBatchSchema } from "@/lib/showtimes/contract";
import { submitShowtimeBatch } from "@/lib/showtimes/batch-service";
import { enqueueWith } from "@/lib/showtimes/jobs";

const route = "/api/v1/showtime-creation/showtimes";

/** Accepts a batch and answers at once with its transactionId; a job does the work. */
export const POST = apiRoute(route, async ({ request, db, actor, now }) => {
  const caller = requireAdmin(await actor());
  const input = await readJson(request, createBatchSchema, 2 * 1024 * 1024);
  const enqueue = enqueueWith(await getBoss());
  const { batchId } = await submitShowtimeBatch(db, enqueue, { input, idempotencyKey: request.headers.get("idempotency-key"), requestedBy: caller.userId, now });
  const base = `/api/v1/showtime-creation/batches/${batchId}`;
  return json({ transactionId: batchId, statusUrl: base, eventsUrl: `${base}/events` }, { status: 202, headers: { location: base } });
});
