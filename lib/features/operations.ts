import type { ApiSection, OperationSpec } from "@/lib/openapi/operation-spec";
import { VIEWER_LIMITS } from "@/lib/http/viewer-limits";
import { featureParams, RefreshedUserFeatures, refreshQuery, UserFeatures } from "./contract";

// Reading features is part of serving recommendations; rebuilding them is a write, for the user
// themself and admins only (no token scope grants it).
const featureAccess = {
  auth: "signed-in",
  tokenScopes: ["recs:read"],
  authNote: "Viewers for themselves; API tokens with the recs:read scope for anyone; admins.",
  self: { in: "path", field: "userId" },
} as const satisfies Pick<OperationSpec, "auth" | "tokenScopes" | "authNote" | "self">;
const refreshAccess = {
  auth: "signed-in",
  authNote: "Viewers for themselves; admins (signed in, or an admin token).",
  self: { in: "path", field: "userId" },
} as const satisfies Pick<OperationSpec, "auth" | "authNote" | "self">;

export const featureApi: ApiSection = {
  tags: [
    { name: "Features", description: "Per-user features computed from events, as the recommenders read them." },
  ],
  operations: [
    {
      operationId: "getUserFeatures",
      method: "GET",
      path: "/api/v1/features/{userId}",
      tag: "Features",
      summary: "Get a user's features",
      description: "As far as the event worker has applied the user's events (within a second or two of acceptance), with their latest watches and searches and their current ratings (imported ones too); empty for a user without any activity.",
      ...featureAccess,
      params: featureParams,
      responses: { 200: { description: "The features", schema: UserFeatures } },
      example: { params: { userId: "42" } },
    },
    {
      operationId: "refreshUserFeatures",
      method: "POST",
      path: "/api/v1/features/{userId}/refresh",
      tag: "Features",
      summary: "Rebuild a user's features",
      description: `Recomputes the features from the user's events of the last \`daysBack\` days that the worker has applied, and stores them; events still waiting are applied by the worker on top, so none is counted twice. Histories and ratings (with their average and liked movies) are the user's current ones, from any time. A signed-in viewer may refresh at most ${VIEWER_LIMITS.refresh.words} (429 with \`Retry-After\` past it); API tokens are not limited.`,
      ...refreshAccess,
      params: featureParams,
      query: refreshQuery,
      responses: { 200: { description: "The rebuilt features", schema: RefreshedUserFeatures } },
      example: { params: { userId: "42" }, query: { daysBack: "30" } },
      errors: [429],
    },
  ],
};
