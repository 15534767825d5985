import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/http/api-route";
import { runningExperimentFigures } from "@/lib/experiments/experiment-service";
import { formatExperimentMetrics } from "@/lib/experiments/prometheus";
import { queueReport, recordQueueMetrics } from "@/lib/health/health-report";
import { metrics } from "@/lib/metrics/registry";

/** Prometheus metrics, for admins and `admin` tokens; running experiments' figures and each queue's counts included. */
export const GET = apiRoute("/api/metrics", async ({ db, actor }) => {
  requireAdmin(await actor());
  const { registry } = metrics();
  // Without the queue (still starting, or its database down) the other metrics are still worth a scrape.
  const queues = await queueReport().catch(() => null);
  if (queues) recordQueueMetrics(queues);
  const experiments = formatExperimentMetrics(await runningExperimentFigures(db));
  return new Response((await registry.metrics()) + experiments, { headers: { "content-type": registry.contentType } });
});
