import { findUpcomingShowtimes } from "@/db/queries/showtimes";
import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { findShowtimesSchema } from "@/lib/showtimes/contract";

/** Showtimes in the chosen theaters that have not ended (from `from`, default now), for the timeline. */
export const POST = apiRoute("/api/v1/showtime-creation/showtimes/find", async ({ request, db, actor, now }) => {
  requireAdmin(await actor());
  const body = await readJson(request, findShowtimesSchema);
  const from = body.from ? new Date(Math.max(Date.parse(body.from), now.getTime())) : now;
  return json(await findUpcomingShowtimes(db, { theaterIds: body.theaterIds, from, to: body.to ? new Date(body.to) : undefined, limit: body.limit }));
});
