import { featureParams } from "@/lib/features/contract";
import { authorizeFeatureReader, getFeatures } from "@/lib/features/feature-service";
import { apiRoute, json } from "@/lib/http/api-route";

export const GET = apiRoute(
  "/api/v1/features/[userId]",
  async ({ db, params, actor }) => {
    authorizeFeatureReader(await actor(), params.userId);
    return json(await getFeatures(db, params.userId));
  },
  { params: featureParams },
);
