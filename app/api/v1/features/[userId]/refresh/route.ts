import { featureParams, refreshQuery } from "@/lib/features/contract";
import { authorizeFeatureRefresh, refreshFeatures } from "@/lib/features/feature-service";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";

/** Rebuilds the user's features from raw events (?daysBack=90). */
export const POST = apiRoute(
  "/api/v1/features/[userId]/refresh",
  async ({ request, db, params, actor, now }) => {
    authorizeFeatureRefresh(await actor(), params.userId);
    const { daysBack } = readQuery(request, refreshQuery);
    return json(await refreshFeatures(db, params.userId, daysBack, now));
  },
  { params: featureParams },
);
