import { listMoviesWithShowtimeSummary } from "@/db/queries/showtimes";
import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { page } from "@/lib/http/pagination";
import { wizardMoviesQuery } from "@/lib/showtimes/contract";

/** Movies for the wizard's first step, newest release first, with their upcoming showtimes summed up. */
export const GET = apiRoute("/api/v1/showtime-creation/movies", async ({ request, db, actor, now }) => {
  requireAdmin(await actor());
  const query = readQuery(request, wizardMoviesQuery);
  const { items, total } = await listMoviesWithShowtimeSummary(db, { ...query, now });
  return json(page(items, total, query.limit, query.offset));
});
