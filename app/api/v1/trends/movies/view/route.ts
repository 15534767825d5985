import { requireScope } from "@/lib/auth/actor";
import { env } from "@/lib/config/env";
import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { addViewSchema } from "@/lib/trends/contract";
import { addView } from "@/lib/trends/trend-service";

/** Adds one view (the seed's "add a view"): views, trending, daily activity and final score at once. */
export const POST = apiRoute("/api/v1/trends/movies/view", async ({ request, db, actor, now }) => {
  requireScope(await actor(), "catalog:write");
  const target = await readJson(request, addViewSchema);
  return json(await addView(db, target, { now, halfLifeHours: env().TREND_HALF_LIFE_HOURS }), 202);
});
