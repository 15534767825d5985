import { getDatabase } from "@/db";
import type { ComponentHealth } from "@/lib/health/contract";
import { checkDatabase, checkJobQueue, describeJobWorkers, overallStatus } from "@/lib/health/health";
import { getBoss, workerPlacement } from "@/lib/jobs/runtime";
import { describeModels } from "@/lib/recs/model-store-service";

export const dynamic = "force-dynamic";

/** Per-component health: database, job queue and its workers, recommendation models. Public: it holds no secrets. */
export async function GET() {
  const components: Record<string, ComponentHealth> = {};
  const handle = await getDatabase().catch(() => null);
  components.database = handle ? await checkDatabase(handle) : { status: "down", latencyMs: null, detail: "database not reachable" };
  const boss = handle ? await getBoss().catch(() => undefined) : undefined;
  components.jobQueue = await checkJobQueue(boss);
  components.jobWorkers = describeJobWorkers(boss ? workerPlacement() : undefined);
  components.models = handle ? { ...(await describeModels(handle)), latencyMs: null } : { status: "down", latencyMs: null, detail: "database not reachable" };
  const status = overallStatus(components);
  return Response.json({ status, components, checkedAt: new Date().toISOString() }, { status: status === "down" ? 503 : 200 });
}
