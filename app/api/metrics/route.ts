import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/http/api-route";
import { metrics } from "@/lib/metrics/registry";

/** Prometheus metrics, for admins and `admin` tokens. */
export const GET = apiRoute("/api/metrics", async ({ actor }) => {
  requireAdmin(await actor());
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
});
