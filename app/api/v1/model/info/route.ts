import { requireScope } from "@/lib/auth/actor";
import { apiRoute, json } from "@/lib/http/api-route";
import { modelInfo } from "@/lib/recs/model-admin-service";

/** The active model versions, and what this instance serves (the seed's /model/info). */
export const GET = apiRoute("/api/v1/model/info", async ({ handle, actor }) => {
  requireScope(await actor(), "recs:read");
  return json(await modelInfo(handle));
});
