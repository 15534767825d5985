import { getDatabase } from "@/db";
import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/http/api-route";
import { untilShutdown } from "@/lib/http/graceful-shutdown";
import { transactionParams } from "@/lib/showtimes/contract";
import { assertBatchExists } from "@/lib/showtimes/batch-service";
import { getBatchProgressHub } from "@/lib/showtimes/progress-hub";
import { batchProgressStream, checkResumePoint, lastEventIdOf } from "@/lib/showtimes/progress-stream";

/**
 * Server-Sent Events for one batch: everything after Last-Event-ID, then live events, heartbeats,
 * and the stream closes after the terminal event (or when the server shuts down: the client then
 * resumes with Last-Event-ID).
 */
export const GET = apiRoute(
  "/api/v1/showtime-creation/batches/[transactionId]/events",
  async ({ request, db, params, actor }) => {
    requireAdmin(await actor());
    const resume = lastEventIdOf(request);
    await assertBatchExists(db, params.transactionId);
    // The client has the terminal event already: 204 tells EventSource not to reconnect.
    if ((await checkResumePoint(db, params.transactionId, resume)) === "finished") return new Response(null, { status: 204 });
    const hub = await getBatchProgressHub(await getDatabase());
    const stream = batchProgressStream({ db, hub, batchId: params.transactionId, afterSeq: resume.afterSeq, signal: untilShutdown(request) });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
    });
  },
  { params: transactionParams },
);
