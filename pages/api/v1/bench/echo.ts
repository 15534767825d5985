import { z } from "zod";
import { SINGLE_EVENT_LIMIT } from "@/lib/events/event-route";
import { errorResponse, json, readJson } from "@/lib/http/api-route";
import { benchRouteNotFound, benchRoutesEnabled } from "@/lib/http/bench-routes";
import { nodeApiRoute } from "@/lib/http/node-api-route";

const receiptRequest = z.object({ requestId: z.string().max(128).optional() }).loose();

/**
 * POST /api/v1/bench/echo: reads a JSON body and answers 202 with a receipt-shaped body, touching
 * neither the caller nor the database. It is served as the event routes are (pages/api, see
 * lib/http/node-api-route.ts), so between it and the event routes lies our own work; between it
 * and /bench/noop (an empty App Router handler), what a body in and a body out cost.
 * `npm run bench:events` prints both.
 */
export async function POST(request: Request): Promise<Response> {
  if (!benchRoutesEnabled()) return benchRouteNotFound();
  try {
    const body = await readJson(request, receiptRequest, SINGLE_EVENT_LIMIT);
    return json({ requestId: body.requestId ?? null, status: "accepted", serverTimestamp: new Date().toISOString() }, 202);
  } catch (error) {
    return errorResponse(error, request, "/api/v1/bench/echo");
  }
}

export default nodeApiRoute({ POST }, { maxBodyBytes: SINGLE_EVENT_LIMIT });
export const config = { api: { bodyParser: false } };
