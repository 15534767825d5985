import { benchRouteNotFound, benchRoutesEnabled } from "@/lib/http/bench-routes";

/**
 * POST /api/v1/bench/noop: does nothing and answers 204. `npm run bench:events` measures the event
 * routes against it, so the figures separate our work from the framework's cost of a request.
 */
export function POST(): Response {
  if (!benchRoutesEnabled()) return benchRouteNotFound();
  return new Response(null, { status: 204 });
}

/** GET /api/v1/bench/noop: the same, for benches of GET routes (`npm run bench:recs`). */
export const GET = POST;
