import { getDatabase } from "@/db";
import type { ComponentHealth } from "@/lib/health/contract";
import { checkDatabase, checkJobQueue, describeJobWorkers, overallStatus } from "@/lib/health/health";
import { getBoss, workerPlacement } from "@/lib/jobs/runtime";

export const dynamic = "force-dynamic";

/** Per-component health: database, job queue and its workers, recommendation models. Public: it holds no secrets. */
export async function GET() {
  const components: Record<string, ComponentHealth> = {};
  const handle = await getDatabase().catch(() => null);
  components.database = handle ? await checkDatabase(handle) : { status: "down", latencyMs: null, detail: "database not reachable" };
  const boss = handle ? await getBoss().catch(() => undefined) : undefined;
  components.jobQueue = await checkJobQueue(boss);
  components.jobWorkers = describeJobWorkers(boss ? workerPlacement() : undefined);
  components.models = { status: "not_configured", latencyMs: null, detail: "no recommendation models are trained yet" };
  const status = overallStatus(components);
  return Response.json({ status, components, checkedAt: new Date().toISOString() }, { status: status === "down" ? 503 : 200 });
}
