import { listTheaters } from "@/db/queries/theaters";
import { requireAdmin } from "@/lib/auth/actor";
import { theaterListQuery } from "@/lib/catalog/contract";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { page } from "@/lib/http/pagination";

export const GET = apiRoute("/api/v1/showtime-creation/theaters", async ({ request, db, actor }) => {
  requireAdmin(await actor());
  const query = readQuery(request, theaterListQuery);
  const { items, total } = await listTheaters(db, query);
  return json(page(items, total, query.limit, query.offset));
});
