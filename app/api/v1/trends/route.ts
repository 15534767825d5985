import { env } from "@/lib/config/env";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { trendListQuery } from "@/lib/trends/contract";
import { listTrends } from "@/lib/trends/trend-service";

/** The trend dashboard's table: public, like the catalog. */
export const GET = apiRoute("/api/v1/trends", async ({ request, db, now }) => {
  const query = readQuery(request, trendListQuery);
  return json(await listTrends(db, query, { now, halfLifeHours: env().TREND_HALF_LIFE_HOURS }));
});
