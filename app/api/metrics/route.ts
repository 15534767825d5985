import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/http/api-route";
import { runningExperimentFigures } from "@/lib/experiments/experiment-service";
import { formatExperimentMetrics } from "@/lib/experiments/prometheus";
import { metrics } from "@/lib/metrics/registry";

/** Prometheus metrics, for admins and `admin` tokens; running experiments' figures included. */
export const GET = apiRoute("/api/metrics", async ({ db, actor }) => {
  requireAdmin(await actor());
  const { registry } = metrics();
  const experiments = formatExperimentMetrics(await runningExperimentFigures(db));
  return new Response((await registry.metrics()) + experiments, { headers: { "content-type": registry.contentType } });
});
