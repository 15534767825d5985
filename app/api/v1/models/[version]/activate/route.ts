import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json } from "@/lib/http/api-route";
import { modelVersionParams } from "@/lib/recs/contract";
import { activateVersion } from "@/lib/recs/model-admin-service";

/** Serves this version for its algorithm (activating a newer one, or rolling back to an older one). */
export const POST = apiRoute(
  "/api/v1/models/[version]/activate",
  async ({ handle, params, actor, now }) => {
    requireAdmin(await actor());
    return json(await activateVersion(handle, params.version, now));
  },
  { params: modelVersionParams },
);
