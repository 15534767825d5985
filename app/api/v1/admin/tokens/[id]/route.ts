import { requireAdmin } from "@/lib/auth/actor";
import { tokenParams } from "@/lib/auth/contract";
import { revokeToken } from "@/lib/auth/token-service";
import { apiRoute, json } from "@/lib/http/api-route";

export const DELETE = apiRoute(
  "/api/v1/admin/tokens/[id]",
  async ({ db, params, actor, now }) => {
    requireAdmin(await actor());
    return json(await revokeToken(db, params.id, now));
  },
  { params: tokenParams },
);
