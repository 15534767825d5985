import "server-only";
import { requireViewerOrScope } from "@/lib/auth/actor";
import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { bossStarted, getBoss } from "@/lib/jobs/runtime";
import { logger } from "@/lib/log/logger";
import { requestEventProcessing } from "./jobs";
import { ingestEvents } from "./ingest";
import { eventBatchSchema, eventSchemas } from "./contract";

/**
 * Once events are stored, asks the job queue to process them soon. Storing never waits for the
 * queue: a queue still starting (or down) only delays processing, and the worker catches up from
 * the table (unprocessed events are claimed from it, and a job runs every minute regardless).
 */
function afterStore() {
  const started = bossStarted();
  // A queue that failed to start is tried again at most every few seconds, not by every request.
  if (!started && Date.now() < queueStart.retryAt) return;
  (started ?? getBoss()).then(requestEventProcessing, (error) => {
    queueStart.retryAt = Date.now() + QUEUE_RETRY_MS;
    logger.warn({ err: error }, "job queue not available; stored events wait in the table for the worker");
  });
}
const QUEUE_RETRY_MS = 5_000;
const queueStart = { retryAt: 0 };

export const SINGLE_EVENT_LIMIT = 32 * 1024;
export const BATCH_LIMIT = 2 * 1024 * 1024;

/** POST /api/v1/events/{type}: one event, answered 202 with its receipt. */
export function eventRoute(type: keyof typeof eventSchemas) {
  return apiRoute(`/api/v1/events/${type}`, async ({ request, db, actor, now }) => {
    const caller = requireViewerOrScope(await actor(), ["events:write"]);
    const event = await readJson(request, eventSchemas[type], SINGLE_EVENT_LIMIT);
    const [receipt] = await ingestEvents(db, caller, [{ ...event, type }], { now, fieldOf: (_, field) => field, afterStore });
    return json(receipt, 202);
  });
}

/** POST /api/v1/events/batch: up to 1,000 typed events, all validated before any is stored. */
export const batchEventRoute = apiRoute("/api/v1/events/batch", async ({ request, db, actor, now }) => {
  const caller = requireViewerOrScope(await actor(), ["events:write"]);
  const { events } = await readJson(request, eventBatchSchema, BATCH_LIMIT);
  const receipts = await ingestEvents(db, caller, events, { now, fieldOf: (i, field) => `events.${i}.${field}`, afterStore });
  return json({ results: receipts, accepted: receipts.filter((r) => r.status === "accepted").length, duplicates: receipts.filter((r) => r.status === "duplicate").length }, 202);
});
