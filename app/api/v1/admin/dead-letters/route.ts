import { listDeadLetters } from "@/db/queries/events";
import { requireAdmin } from "@/lib/auth/actor";
import { deadLetterListQuery } from "@/lib/dead-letters/contract";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { page } from "@/lib/http/pagination";

export const GET = apiRoute("/api/v1/admin/dead-letters", async ({ request, db, actor }) => {
  requireAdmin(await actor());
  const query = readQuery(request, deadLetterListQuery);
  const { items, total } = await listDeadLetters(db, query);
  return json(page(items, total, query.limit, query.offset));
});
