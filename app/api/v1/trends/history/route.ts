import { env } from "@/lib/config/env";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { trendHistoryQuery } from "@/lib/trends/contract";
import { trendHistory } from "@/lib/trends/trend-service";

/** The top movies day by day, for the dashboard's chart. */
export const GET = apiRoute("/api/v1/trends/history", async ({ request, db, now }) => {
  const query = readQuery(request, trendHistoryQuery);
  return json(await trendHistory(db, query, { now, halfLifeHours: env().TREND_HALF_LIFE_HOURS }));
});
