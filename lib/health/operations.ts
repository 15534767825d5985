import type { ApiSection } from "@/lib/openapi/operation-spec";
import { Health, Liveness, Readiness } from "./contract";

export const healthApi: ApiSection = {
  tags: [
    { name: "Operations", description: "Health checks for load balancers and orchestrators, and Prometheus metrics." },
  ],
  operations: [
    {
      operationId: "getHealth",
      method: "GET",
      path: "/api/v1/health",
      tag: "Operations",
      summary: "Health of each component",
      description:
        "Database, job queue, where the job workers run (and whether their worker thread is up), the event backlog, and recommendation models; then each job queue's waiting, active and failed jobs with its open dead letters, and the age of the oldest audience event not yet processed. A backlog older than `MARQUEE_EVENT_BACKLOG_LIMIT_SECONDS` (300 by default) makes the answer `degraded`, with the reason in `components.eventBacklog.detail`; readiness (`/api/v1/health/ready`) stays about the database alone. Holds no secrets, so it is public.",
      auth: "public",
      responses: {
        200: { description: "Everything is ok or degraded", schema: Health },
        503: {
          description: "A component is down",
          schema: Health,
          example: {
            status: "down",
            components: {
              database: { status: "down", latencyMs: null, detail: "database not reachable" },
              jobQueue: { status: "down", latencyMs: 0.1, detail: "job queue not started in this process" },
              jobWorkers: { status: "down", latencyMs: null, detail: "job queue not started in this process" },
              eventBacklog: { status: "down", latencyMs: null, detail: "database not reachable" },
              models: { status: "down", latencyMs: null, detail: "database not reachable" },
            },
            queues: [],
            eventBacklog: null,
            checkedAt: "2024-05-01T09:00:00.000Z",
          },
        },
      },
    },
    {
      operationId: "getLiveness",
      method: "GET",
      path: "/api/v1/health/live",
      tag: "Operations",
      summary: "Liveness",
      description: "The process is up and answering; says nothing about its dependencies.",
      auth: "public",
      responses: { 200: { description: "Alive", schema: Liveness } },
    },
    {
      operationId: "getReadiness",
      method: "GET",
      path: "/api/v1/health/ready",
      tag: "Operations",
      summary: "Readiness",
      description: "503 until the database is reachable and every migration is applied.",
      auth: "public",
      responses: {
        200: { description: "Ready for traffic", schema: Readiness },
        503: {
          description: "Not ready yet",
          schema: Readiness,
          example: { status: "not_ready", database: { status: "degraded", latencyMs: 2.1, detail: "0 of 1 migrations applied" } },
        },
      },
    },
    {
      operationId: "getMetrics",
      method: "GET",
      path: "/api/metrics",
      tag: "Operations",
      summary: "Prometheus metrics",
      description:
        "Request counts and durations by route, jobs finished per queue, each queue's jobs by state (`marquee_queue_jobs{queue,state}`: waiting, active, failed, and dead_letter for its open dead letters), the age of the oldest unprocessed audience event (`marquee_event_backlog_seconds`), running experiments, and process metrics, in the Prometheus text format.",
      auth: "admin",
      responses: {
        200: {
          description: "Metrics",
          contentType: "text/plain; version=0.0.4; charset=utf-8",
          example: '# HELP marquee_http_requests_total HTTP requests answered, by route pattern and status\n# TYPE marquee_http_requests_total counter\nmarquee_http_requests_total{method="GET",route="/api/v1/movies",status="200"} 42',
        },
      },
    },
  ],
};
