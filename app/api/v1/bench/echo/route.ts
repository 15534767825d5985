import { z } from "zod";
import { errorResponse, json, readJson } from "@/lib/http/api-route";

const receiptRequest = z.object({ requestId: z.string().max(128).optional() }).loose();

/**
 * POST /api/v1/bench/echo: reads a JSON body (up to 32 KiB, the single-event limit) and answers
 * 202 with a receipt-shaped body, touching neither the caller nor the database. Between it and
 * /bench/noop lies what the framework charges for a body in and a body out; between it and the
 * event routes, our own work. `npm run bench:events` prints both.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readJson(request, receiptRequest, 32 * 1024);
    return json({ requestId: body.requestId ?? null, status: "accepted", serverTimestamp: new Date().toISOString() }, 202);
  } catch (error) {
    return errorResponse(error, request, "/api/v1/bench/echo");
  }
}
