import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { authorizeRecsReader } from "@/lib/recs/access";
import { recommendParams, recommendQuery } from "@/lib/recs/contract";
import { recommend } from "@/lib/recs/recommendation-service";

/** A user's recommendations (the seed's /recommend/{user_id}), logged under a sessionId. */
export const GET = apiRoute(
  "/api/v1/recommend/[userId]",
  async ({ request, db, handle, params, actor, now }) => {
    authorizeRecsReader(await actor(), params.userId);
    const query = readQuery(request, recommendQuery);
    return json(await recommend({ db, handle, now }, { userId: params.userId, ...query }));
  },
  { params: recommendParams },
);
