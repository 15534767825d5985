import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/http/api-route";
import { untilShutdown } from "@/lib/http/graceful-shutdown";
import { modelVersionParams } from "@/lib/recs/contract";
import { getVersion, trainingProgressStream } from "@/lib/recs/model-admin-service";

/** A training's progress as Server-Sent Events, until it is ready or failed (or the server shuts down: the client reconnects). */
export const GET = apiRoute(
  "/api/v1/models/[version]/progress",
  async ({ request, handle, params, actor }) => {
    requireAdmin(await actor());
    await getVersion(handle, params.version);
    return new Response(trainingProgressStream({ handle, version: params.version, signal: untilShutdown(request) }), {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
    });
  },
  { params: modelVersionParams },
);
