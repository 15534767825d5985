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

export const Health = named(
  "Health",
  z.object({
    status: z.enum(componentStatuses).describe("down if any component is down, degraded if any is degraded"),
    components: z.record(z.string(), ComponentHealth).describe("database, jobQueue, jobWorkers, models"),
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
          models: { status: "not_configured", latencyMs: null, detail: "no recommendation models are trained yet" },
        },
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
export type Readiness = z.infer<typeof Readiness>;
