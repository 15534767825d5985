import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { reloadBody } from "@/lib/recs/contract";
import { reloadModels } from "@/lib/recs/model-admin-service";

/** Every instance loads the active (or the named) version, without a restart. */
export const POST = apiRoute("/api/v1/model/reload", async ({ request, handle, actor, now }) => {
  requireAdmin(await actor());
  const { version } = await readJson(request, reloadBody, 4 * 1024);
  return json(await reloadModels(handle, version, now));
});
