import { benchRouteNotFound, benchRoutesEnabled } from "@/lib/http/bench-routes";
import { nodeApiRoute } from "@/lib/http/node-api-route";

/**
 * GET /api/v1/bench/empty: does nothing and answers 204, served as GET /recommend is (pages/api,
 * see lib/http/node-api-route.ts). `npm run bench:recs` measures the cached /recommend against it
 * and against /bench/noop, the same empty handler in app/.
 */
export async function GET(): Promise<Response> {
  if (!benchRoutesEnabled()) return benchRouteNotFound();
  return new Response(null, { status: 204 });
}

export default nodeApiRoute({ GET }, { maxBodyBytes: 0 });
export const config = { api: { bodyParser: false } };
