import { z } from "zod";
import { timestamp } from "@/lib/http/contract";
import { named } from "@/lib/openapi/schema-registry";

/** Health checks for load balancers and orchestrators. */

export const componentStatuses = ["ok", "degraded", "down", "not_configured"] as const;
export type ComponentStatus = (typeof componentStatuses)[number];

export const ComponentHealth = named(
  "ComponentHealth",
  z.object({
    status: z.enum(componentStatuses),
    latencyMs: z.number().min(0).nullable().describe("How long the check took"),
    detail: z.string().optional(),
  }),
  { examples: [{ status: "ok", latencyMs: 1.2, detail: "pglite, 1 migrations" }] },
);

export const QueueHealth = named(
  "QueueHealth",
  z.object({
    queue: z.string().describe("The job queue's name"),
    waiting: z.number().int().min(0).describe("Jobs not started yet, retries waiting for their delay included"),
    active: z.number().int().min(0).describe("Jobs a worker is running"),
    failed: z.number().int().min(0).describe("Jobs that failed after their retries, still kept by the queue (about a week)"),
    deadLetters: z.number().int().min(0).describe("Open dead letters of this queue: work an admin can retry or discard on /admin/dead-letters"),
    countedAt: timestamp.nullable().describe("When the queue's jobs were counted: pg-boss's monitor counts them about once a minute, so a health check never scans the job table"),
  }),
  { examples: [{ queue: "events.process", waiting: 1, active: 1, failed: 0, deadLetters: 0, countedAt: "2024-05-01T08:59:31.000Z" }] },
);

export const EventBacklog = named(
  "EventBacklog",
  z.object({
    oldestUnprocessedAt: timestamp.nullable().describe("When the oldest audience event still waiting to be processed was stored; null when none waits"),
    ageSeconds: z.number().min(0).describe("How long that event has waited (0 when none waits)"),
    limitSeconds: z.number().int().min(1).describe("Older than this, health is degraded (MARQUEE_EVENT_BACKLOG_LIMIT_SECONDS)"),
  }),
  { examples: [{ oldestUnprocessedAt: "2024-05-01T08:59:59.200Z", ageSeconds: 0.8, limitSeconds: 300 }] },
);

export const Health = named(
  "Health",
  z.object({
    status: z.enum(componentStatuses).describe("down if any component is down, degraded if any is degraded"),
    components: z.record(z.string(), ComponentHealth).describe("database, jobQueue, jobWorkers, eventBacklog, models"),
    queues: z.array(QueueHealth).describe("Each job queue's counts; empty while the database or the queue is down"),
    eventBacklog: EventBacklog.nullable().describe("Audience events stored but not yet processed; null while the database is down"),
    checkedAt: timestamp,
  }),
  {
    description: "Per-component health.",
    examples: [
      {
        status: "ok",
        components: {
          database: { status: "ok", latencyMs: 1.2, detail: "pglite, 1 migrations" },
          jobQueue: { status: "ok", latencyMs: 3.4, detail: "4 queues" },
          jobWorkers: { status: "ok", latencyMs: null, detail: "on a worker thread" },
          eventBacklog: { status: "ok", latencyMs: 0.6, detail: "the oldest unprocessed audience event is 0.8 s old (limit 300 s)" },
          models: { status: "not_configured", latencyMs: null, detail: "no recommendation models are trained yet" },
        },
        queues: [{ queue: "events.process", waiting: 1, active: 1, failed: 0, deadLetters: 0, countedAt: "2024-05-01T08:59:31.000Z" }],
        eventBacklog: { oldestUnprocessedAt: "2024-05-01T08:59:59.200Z", ageSeconds: 0.8, limitSeconds: 300 },
        checkedAt: "2024-05-01T09:00:00.000Z",
      },
    ],
  },
);

export const Readiness = named(
  "Readiness",
  z.object({ status: z.enum(["ready", "not_ready"]), database: ComponentHealth }),
  { examples: [{ status: "ready", database: { status: "ok", latencyMs: 1.2, detail: "pglite, 1 migrations" } }] },
);

export const Liveness = named("Liveness", z.object({ status: z.literal("ok") }), { examples: [{ status: "ok" }] });

export type ComponentHealth = z.infer<typeof ComponentHealth>;
export type Health = z.infer<typeof Health>;
export type QueueHealth = z.infer<typeof QueueHealth>;
export type EventBacklog = z.infer<typeof EventBacklog>;
export type Readiness = z.infer<typeof Readiness>;
