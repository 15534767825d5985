import { z } from "zod";
import { authorizeFeatureReader, refreshFeatures, refreshQuery } from "@/lib/features/feature-service";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { idSchema } from "@/lib/ids/ids";

/** Rebuilds the user's features from raw events (?daysBack=90). */
export const POST = apiRoute(
  "/api/v1/features/[userId]/refresh",
  async ({ request, db, params, actor, now }) => {
    authorizeFeatureReader(await actor(), params.userId);
    const { daysBack } = readQuery(request, refreshQuery);
    return json(await refreshFeatures(db, params.userId, daysBack, now));
  },
  { params: z.object({ userId: idSchema }) },
);
