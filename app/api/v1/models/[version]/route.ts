import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json } from "@/lib/http/api-route";
import { modelVersionParams } from "@/lib/recs/contract";
import { getVersion } from "@/lib/recs/model-admin-service";

export const GET = apiRoute(
  "/api/v1/models/[version]",
  async ({ handle, params, actor }) => {
    requireAdmin(await actor());
    return json(await getVersion(handle, params.version));
  },
  { params: modelVersionParams },
);
