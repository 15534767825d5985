import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { nodeApiRoute } from "@/lib/http/node-api-route";
import { authorizeRecsReader } from "@/lib/recs/access";
import { recommendParams, recommendQuery } from "@/lib/recs/contract";
import { recommend } from "@/lib/recs/recommendation-service";

const ROUTE = "/api/v1/recommend/[userId]";

/**
 * GET /api/v1/recommend/{userId}: a user's recommendations (the seed's /recommend/{user_id}),
 * logged under a sessionId. Served outside app/ for speed, as the event routes are: see
 * lib/http/node-api-route.ts.
 */
export const GET = apiRoute(
  ROUTE,
  async ({ request, db, handle, params, actor, now }) => {
    authorizeRecsReader(await actor(), params.userId);
    const query = readQuery(request, recommendQuery);
    return json(await recommend({ db, handle, now }, { userId: params.userId, ...query }));
  },
  { params: recommendParams },
);

export default nodeApiRoute({ GET }, { maxBodyBytes: 0, route: ROUTE });
export const config = { api: { bodyParser: false } };
