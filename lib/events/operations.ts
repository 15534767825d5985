import type { ApiSection, OperationSpec } from "@/lib/openapi/operation-spec";
import { VIEWER_LIMITS } from "@/lib/http/viewer-limits";
import { EventBatchReceipt, eventBatchSchema, EventReceipt, eventSchemas, MAX_EVENTS_PER_BATCH } from "./contract";

const viewerLimit = ` A signed-in viewer may send at most ${VIEWER_LIMITS.events.words} (each event of a batch counts), then gets 429 with \`Retry-After\`; API tokens are not limited.`;

const eventAccess = {
  auth: "signed-in",
  tokenScopes: ["events:write"],
  authNote: "Signed-in viewers for themselves (userId must be theirs); API tokens with the events:write scope for anyone; admins.",
  self: { in: "body", field: "userId" },
} as const satisfies Pick<OperationSpec, "auth" | "tokenScopes" | "authNote" | "self">;
function eventOperation(type: keyof typeof eventSchemas, summary: string): OperationSpec {
  return {
    operationId: `send${type[0]!.toUpperCase()}${type.slice(1)}Event`,
    method: "POST",
    path: `/api/v1/events/${type}`,
    tag: "Events",
    summary,
    description:
      "Stores the event and answers 202 at once. Send a `requestId` so a retry cannot count twice: the same requestId again answers `duplicate`. The body may be at most 32 KiB." + viewerLimit,
    ...eventAccess,
    body: eventSchemas[type],
    responses: { 202: { description: "Stored (or a duplicate)", schema: EventReceipt } },
    errors: [404, 429, 503],
  };
}

export const eventApi: ApiSection = {
  tags: [
    {
      name: "Events",
      description: "What viewers do (watch, search, rate, favorite), sent by the apps or on a viewer's behalf. Stored at once, processed into features, ratings and trends by a worker.",
    },
  ],
  operations: [
    eventOperation("watch", "Send a watch event"),
    eventOperation("search", "Send a search event"),
    eventOperation("rating", "Send a rating event"),
    eventOperation("favorite", "Send a favorite event"),
    {
      operationId: "sendEventBatch",
      method: "POST",
      path: "/api/v1/events/batch",
      tag: "Events",
      summary: "Send events in a batch",
      description: `Up to ${MAX_EVENTS_PER_BATCH.toLocaleString("en-US")} events of mixed types in one request; all are checked first and none is stored if one is refused (errors name it as \`events.3.userId\`). The body may be at most 2 MiB.` + viewerLimit,
      ...eventAccess,
      body: eventBatchSchema,
      responses: { 202: { description: "Stored; one receipt per event", schema: EventBatchReceipt } },
      errors: [404, 429, 503],
    },
  ],
};
