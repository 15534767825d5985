import "server-only";
import type { PgBoss } from "pg-boss";
import { getDatabase, type DatabaseHandle } from "@/db";
import { oldestUnprocessedEventAt, openDeadLettersByQueue } from "@/db/queries/health";
import { env } from "@/lib/config/env";
import { jobDefinitions } from "@/lib/jobs/registry";
import { getBoss, workerPlacement } from "@/lib/jobs/runtime";
import { metrics } from "@/lib/metrics/registry";
import { describeModels } from "@/lib/recs/model-store-service";
import type { ComponentHealth, ComponentStatus, EventBacklog, QueueHealth } from "./contract";
import { describeEventBacklog } from "./event-backlog";
import { checkDatabase, checkJobQueue, describeJobWorkers, overallStatus } from "./health";

export interface HealthReport {
  status: ComponentStatus;
  components: Record<string, ComponentHealth>;
  queues: QueueHealth[];
  eventBacklog: EventBacklog | null;
  checkedAt: string;
}

/**
 * Each queue's jobs as pg-boss's monitor last counted them (about once a minute, and on the first
 * read of a queue it never counted), with the queue's open dead letters. Reading pg-boss's counts
 * rather than counting the job table is pg-boss's own practice: that aggregate holds back vacuum on
 * a large table, and a load balancer polls health every few seconds.
 */
export async function readQueueHealth(boss: PgBoss, handle: DatabaseHandle): Promise<QueueHealth[]> {
  const names = [...new Set(jobDefinitions.map((job) => job.queue))];
  const [stats, deadLetters] = await Promise.all([Promise.all(names.map((name) => boss.getQueueStats(name))), openDeadLettersByQueue(handle.db)]);
  return names.map((queue, i) => {
    const counted = stats[i]![0];
    return {
      queue,
      waiting: Number(counted?.queuedCount ?? 0),
      active: Number(counted?.activeCount ?? 0),
      failed: Number(counted?.failedCount ?? 0),
      deadLetters: deadLetters.get(queue) ?? 0,
      countedAt: counted?.capturedOn ? new Date(counted.capturedOn).toISOString() : null,
    };
  });
}

async function timedBacklog(handle: DatabaseHandle, now: Date): Promise<{ backlog: EventBacklog | null; health: ComponentHealth }> {
  const started = performance.now();
  const latencyMs = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const { backlog, status, detail } = describeEventBacklog(await oldestUnprocessedEventAt(handle.db), now, env().MARQUEE_EVENT_BACKLOG_LIMIT_SECONDS);
    return { backlog, health: { status, latencyMs: latencyMs(), detail } };
  } catch (error) {
    return { backlog: null, health: { status: "down", latencyMs: latencyMs(), detail: error instanceof Error ? error.message : String(error) } };
  }
}

/** Each queue's counts and the event backlog: what /api/metrics exports, and part of the health report. */
export async function queueReport(now: Date = new Date()): Promise<Pick<HealthReport, "queues" | "eventBacklog">> {
  const handle = await getDatabase();
  const [boss, backlog] = await Promise.all([getBoss(), timedBacklog(handle, now)]);
  return { queues: await readQueueHealth(boss, handle), eventBacklog: backlog.backlog };
}

/** What GET /api/v1/health answers and /admin shows. */
export async function healthReport(now: Date = new Date()): Promise<HealthReport> {
  const components: Record<string, ComponentHealth> = {};
  const unreachable: ComponentHealth = { status: "down", latencyMs: null, detail: "database not reachable" };
  const handle = await getDatabase().catch(() => null);
  components.database = handle ? await checkDatabase(handle) : unreachable;
  const boss = handle ? await getBoss().catch(() => undefined) : undefined;
  components.jobQueue = await checkJobQueue(boss);
  components.jobWorkers = describeJobWorkers(boss ? workerPlacement() : undefined);
  const backlog = handle ? await timedBacklog(handle, now) : { backlog: null, health: unreachable };
  components.eventBacklog = backlog.health;
  components.models = handle ? { ...(await describeModels(handle)), latencyMs: null } : unreachable;
  const queues = boss && handle ? await readQueueHealth(boss, handle).catch(() => []) : [];
  return { status: overallStatus(components), components, queues, eventBacklog: backlog.backlog, checkedAt: now.toISOString() };
}

/** Puts a report's queue counts and event backlog into this process's Prometheus gauges. */
export function recordQueueMetrics(report: Pick<HealthReport, "queues" | "eventBacklog">): void {
  const { queueJobs, eventBacklogSeconds } = metrics();
  for (const q of report.queues) {
    queueJobs.set({ queue: q.queue, state: "waiting" }, q.waiting);
    queueJobs.set({ queue: q.queue, state: "active" }, q.active);
    queueJobs.set({ queue: q.queue, state: "failed" }, q.failed);
    queueJobs.set({ queue: q.queue, state: "dead_letter" }, q.deadLetters);
  }
  if (report.eventBacklog) eventBacklogSeconds.set(report.eventBacklog.ageSeconds);
}
