import { z } from "zod";
import { listUsers } from "@/db/queries/users";
import { roles } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { page, paginationSchema } from "@/lib/http/pagination";

const query = z.object({ q: z.string().trim().max(200).optional(), role: z.enum(roles).optional(), ...paginationSchema }).strict();

export const GET = apiRoute("/api/v1/admin/users", async ({ request, db, actor }) => {
  requireAdmin(await actor());
  const params = readQuery(request, query);
  const { items, total } = await listUsers(db, params);
  return json(page(items, total, params.limit, params.offset));
});
