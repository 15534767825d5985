import { featureParams, refreshQuery } from "@/lib/features/contract";
import { authorizeFeatureRefresh, refreshFeatures } from "@/lib/features/feature-service";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { limitViewer } from "@/lib/http/viewer-rate-limits";

/** Rebuilds the user's features from raw events (?daysBack=90). */
export const POST = apiRoute(
  "/api/v1/features/[userId]/refresh",
  async ({ request, db, params, actor, now }) => {
    const caller = await actor();
    authorizeFeatureRefresh(caller, params.userId);
    const { daysBack } = readQuery(request, refreshQuery);
    await limitViewer(db, caller!, "refresh", 1, now);
    return json(await refreshFeatures(db, params.userId, daysBack, now));
  },
  { params: featureParams },
);
