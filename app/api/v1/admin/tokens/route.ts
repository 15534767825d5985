import { listApiTokens } from "@/db/queries/api-tokens";
import { requireAdmin } from "@/lib/auth/actor";
import { createTokenSchema } from "@/lib/auth/contract";
import { createApiToken } from "@/lib/auth/token-service";
import { apiRoute, json, readJson } from "@/lib/http/api-route";

export const GET = apiRoute("/api/v1/admin/tokens", async ({ db, actor }) => {
  requireAdmin(await actor());
  return json({ items: await listApiTokens(db) });
});

export const POST = apiRoute("/api/v1/admin/tokens", async ({ request, db, actor }) => {
  const caller = requireAdmin(await actor());
  const input = await readJson(request, createTokenSchema);
  return json(await createApiToken(db, caller.userId, input), 201);
});
