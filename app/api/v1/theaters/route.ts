import { listTheaters } from "@/db/queries/theaters";
import { requireScope } from "@/lib/auth/actor";
import { createTheater } from "@/lib/catalog/catalog-service";
import { theaterListQuery } from "@/lib/catalog/contract";
import { createTheaterSchema } from "@/lib/catalog/contract";
import { apiRoute, json, readJson, readQuery } from "@/lib/http/api-route";
import { page } from "@/lib/http/pagination";

export const GET = apiRoute("/api/v1/theaters", async ({ request, db }) => {
  const query = readQuery(request, theaterListQuery);
  const { items, total } = await listTheaters(db, query);
  return json(page(items, total, query.limit, query.offset));
});

export const POST = apiRoute("/api/v1/theaters", async ({ request, db, actor }) => {
  requireScope(await actor(), "catalog:write");
  const input = await readJson(request, createTheaterSchema);
  return json(await createTheater(db, input), 201);
});
