import "server-only";
import client from "prom-client";

interface Metrics {
  registry: client.Registry;
  httpRequests: client.Counter<"method" | "route" | "status">;
  httpDuration: client.Histogram<"method" | "route">;
  jobsProcessed: client.Counter<"queue" | "outcome">;
  jobDuration: client.Histogram<"queue">;
  queueJobs: client.Gauge<"queue" | "state">;
  eventBacklogSeconds: client.Gauge;
}

const globalForMetrics = globalThis as unknown as { marqueeMetrics?: Metrics };

function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new client.Counter({
      name: "marquee_http_requests_total",
      help: "HTTP requests answered, by route pattern and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "marquee_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route pattern",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobsProcessed: new client.Counter({
      name: "marquee_jobs_total",
      help: "Background jobs finished, by queue and outcome",
      labelNames: ["queue", "outcome"],
      registers: [registry],
    }),
    jobDuration: new client.Histogram({
      name: "marquee_job_duration_seconds",
      help: "Background job run time, by queue",
      labelNames: ["queue"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    queueJobs: new client.Gauge({
      name: "marquee_queue_jobs",
      help: "Jobs per queue and state (waiting, active, failed; dead_letter: open dead letters), as of the last health reading",
      labelNames: ["queue", "state"],
      registers: [registry],
    }),
    eventBacklogSeconds: new client.Gauge({
      name: "marquee_event_backlog_seconds",
      help: "Age of the oldest audience event not yet processed (0 when none waits)",
      registers: [registry],
    }),
  };
}

/** One registry per process, shared by every route bundle. */
export function metrics(): Metrics {
  return (globalForMetrics.marqueeMetrics ??= createMetrics());
}
