import { listUsers } from "@/db/queries/users";
import { requireAdmin } from "@/lib/auth/actor";
import { userListQuery } from "@/lib/auth/contract";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { page } from "@/lib/http/pagination";

export const GET = apiRoute("/api/v1/admin/users", async ({ request, db, actor }) => {
  requireAdmin(await actor());
  const params = readQuery(request, userListQuery);
  const { items, total } = await listUsers(db, params);
  return json(page(items, total, params.limit, params.offset));
});
