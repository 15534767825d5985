import { requireAdmin } from "@/lib/auth/actor";
import { changeRoleSchema } from "@/lib/auth/contract";
import { changeUserRole } from "@/lib/auth/user-service";
import { idParams } from "@/lib/catalog/contract";
import { apiRoute, json, readJson } from "@/lib/http/api-route";

export const PATCH = apiRoute(
  "/api/v1/admin/users/[id]",
  async ({ request, db, params, actor }) => {
    requireAdmin(await actor());
    const { role } = await readJson(request, changeRoleSchema);
    return json(await changeUserRole(db, params.id, role));
  },
  { params: idParams },
);
