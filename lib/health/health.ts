import "server-only";
import type { PgBoss } from "pg-boss";
import type { DatabaseHandle } from "@/db/client";
import { migrationState, pingDatabase } from "@/db/migrate";
import type { WorkerThreadState } from "@/lib/jobs/worker-thread-host";
import type { ComponentHealth, ComponentStatus } from "./contract";

async function timed(check: () => Promise<Omit<ComponentHealth, "latencyMs">>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    const result = await check();
    return { ...result, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: "down", latencyMs: Math.round((performance.now() - started) * 10) / 10, detail: error instanceof Error ? error.message : String(error) };
  }
}

export function checkDatabase(handle: DatabaseHandle): Promise<ComponentHealth> {
  return timed(async () => {
    await pingDatabase(handle);
    const { expected, applied } = await migrationState(handle);
    if (applied < expected) return { status: "degraded", detail: `${applied} of ${expected} migrations applied` };
    return { status: "ok", detail: `${handle.driver}, ${applied} migrations` };
  });
}

const QUEUE_NOT_STARTED = "job queue not started in this process";

export function checkJobQueue(boss: PgBoss | undefined): Promise<ComponentHealth> {
  return timed(async () => {
    if (!boss) return { status: "down", detail: QUEUE_NOT_STARTED };
    const queues = await boss.getQueues();
    return { status: "ok", detail: `${queues.length} queues` };
  });
}

/** Where this process's job workers run (MARQUEE_WORKERS), and how its worker thread is doing. */
export type WorkerPlacement = { where: "inline" | "off" } | { where: "thread"; state: WorkerThreadState };

export function describeJobWorkers(placement: WorkerPlacement | undefined): ComponentHealth {
  const health = (status: ComponentStatus, detail: string): ComponentHealth => ({ status, latencyMs: null, detail });
  if (!placement) return health("down", QUEUE_NOT_STARTED);
  if (placement.where !== "thread") {
    return placement.where === "inline" ? health("ok", "in this process") : health("not_configured", "not in this process (MARQUEE_WORKERS=off): `npm run worker` processes do the work");
  }
  const { phase, restarts, lastExitCode } = placement.state;
  const history = restarts ? `; restarted ${restarts} time${restarts === 1 ? "" : "s"}, last exit code ${lastExitCode}` : "";
  if (phase === "running") return health("ok", `on a worker thread${history}`);
  if (phase === "starting" && !restarts) return health("degraded", "worker thread starting");
  return health("down", `worker thread ${phase === "stopped" ? "stopped" : "not running, restarting"}${history}`);
}

/** Overall: down if any component is down, degraded if any is degraded. */
export function overallStatus(components: Record<string, ComponentHealth>): ComponentStatus {
  const statuses = Object.values(components).map((c) => c.status);
  if (statuses.includes("down")) return "down";
  if (statuses.includes("degraded")) return "degraded";
  return "ok";
}
