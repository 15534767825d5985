import { benchRouteNotFound, benchRoutesEnabled } from "@/lib/http/bench-routes";
import { nodeApiRoute } from "@/lib/http/node-api-route";

const ROUTE = "/api/v1/bench/empty/[id]";

/**
 * GET /api/v1/bench/empty/{id}: does nothing and answers 204, served exactly as GET
 * /recommend/{userId} is (pages/api through lib/http/node-api-route.ts, one dynamic segment, which
 * Next.js's router matches for each request). `npm run bench:recs` measures the cached /recommend
 * against it, and against /bench/noop, the empty handler in app/.
 */
export async function GET(): Promise<Response> {
  if (!benchRoutesEnabled()) return benchRouteNotFound();
  return new Response(null, { status: 204 });
}

export default nodeApiRoute({ GET }, { maxBodyBytes: 0, route: ROUTE });
export const config = { api: { bodyParser: false } };
