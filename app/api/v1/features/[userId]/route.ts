import { z } from "zod";
import { authorizeFeatureReader, getFeatures } from "@/lib/features/feature-service";
import { apiRoute, json } from "@/lib/http/api-route";
import { idSchema } from "@/lib/ids/ids";

export const GET = apiRoute(
  "/api/v1/features/[userId]",
  async ({ db, params, actor }) => {
    authorizeFeatureReader(await actor(), params.userId);
    return json(await getFeatures(db, params.userId));
  },
  { params: z.object({ userId: idSchema }) },
);
