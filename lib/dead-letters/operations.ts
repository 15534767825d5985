import type { ApiSection } from "@/lib/openapi/operation-spec";
import { deadLetterListQuery, DeadLetterPage, deadLetterParams, DeadLetterResolution } from "./contract";

export const deadLetterApi: ApiSection = {
  tags: [
    { name: "Admin: dead letters", description: "Background work that kept failing, to retry or discard. Admins only." },
  ],
  operations: [
    {
      operationId: "listDeadLetters",
      method: "GET",
      path: "/api/v1/admin/dead-letters",
      tag: "Admin: dead letters",
      summary: "List dead letters",
      description: "Newest first.",
      auth: "admin",
      query: deadLetterListQuery,
      responses: { 200: { description: "A page of dead letters", schema: DeadLetterPage } },
      example: { query: { status: "open" } },
    },
    {
      operationId: "retryDeadLetter",
      method: "POST",
      path: "/api/v1/admin/dead-letters/{id}/retry",
      tag: "Admin: dead letters",
      summary: "Retry a dead letter",
      description: "Puts the work back on its queue. Only open dead letters from queues that know how to retry (409 otherwise).",
      auth: "admin",
      params: deadLetterParams,
      responses: { 200: { description: "Retried", schema: DeadLetterResolution } },
      errors: [409],
      example: { params: { id: "7" } },
    },
    {
      operationId: "discardDeadLetter",
      method: "POST",
      path: "/api/v1/admin/dead-letters/{id}/discard",
      tag: "Admin: dead letters",
      summary: "Discard a dead letter",
      description: "Marks it handled without retrying. Only open dead letters (409 otherwise).",
      auth: "admin",
      params: deadLetterParams,
      responses: { 200: { description: "Discarded", schema: DeadLetterResolution } },
      errors: [409],
      example: { params: { id: "7" } },
    },
  ],
};
