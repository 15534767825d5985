import { listBatches } from "@/db/queries/showtimes";
import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { page } from "@/lib/http/pagination";
import { batchListQuery } from "@/lib/showtimes/contract";

/** The batch history, newest first. */
export const GET = apiRoute("/api/v1/showtime-creation/batches", async ({ request, db, actor }) => {
  requireAdmin(await actor());
  const query = readQuery(request, batchListQuery);
  const { items, total } = await listBatches(db, query);
  return json(page(items, total, query.limit, query.offset));
});
