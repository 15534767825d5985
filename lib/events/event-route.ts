import "server-only";
import { requireViewerOrScope } from "@/lib/auth/actor";
import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { getBoss } from "@/lib/jobs/runtime";
import { requestEventProcessing } from "./jobs";
import { ingestEvents } from "./ingest";
import { eventBatchSchema, eventSchemas } from "./contract";

export const SINGLE_EVENT_LIMIT = 32 * 1024;
export const BATCH_LIMIT = 2 * 1024 * 1024;

/** POST /api/v1/events/{type}: one event, answered 202 with its receipt. */
export function eventRoute(type: keyof typeof eventSchemas) {
  return apiRoute(`/api/v1/events/${type}`, async ({ request, db, actor, now }) => {
    const caller = requireViewerOrScope(await actor(), ["events:write"]);
    const event = await readJson(request, eventSchemas[type], SINGLE_EVENT_LIMIT);
    const boss = await getBoss();
    const [receipt] = await ingestEvents(db, caller, [{ ...event, type }], { now, fieldOf: (_, field) => field, afterStore: () => requestEventProcessing(boss) });
    return json(receipt, 202);
  });
}

/** POST /api/v1/events/batch: up to 1,000 typed events, all validated before any is stored. */
export const batchEventRoute = apiRoute("/api/v1/events/batch", async ({ request, db, actor, now }) => {
  const caller = requireViewerOrScope(await actor(), ["events:write"]);
  const { events } = await readJson(request, eventBatchSchema, BATCH_LIMIT);
  const boss = await getBoss();
  const receipts = await ingestEvents(db, caller, events, { now, fieldOf: (i, field) => `events.${i}.${field}`, afterStore: () => requestEventProcessing(boss) });
  return json({ results: receipts, accepted: receipts.filter((r) => r.status === "accepted").length, duplicates: receipts.filter((r) => r.status === "duplicate").length }, 202);
});
