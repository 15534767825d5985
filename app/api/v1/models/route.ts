import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json, readJson, readQuery } from "@/lib/http/api-route";
import { getBoss } from "@/lib/jobs/runtime";
import { modelListQuery, trainBody } from "@/lib/recs/contract";
import { enqueueTrainingWith } from "@/lib/recs/jobs";
import { listVersions } from "@/lib/recs/model-admin-service";
import { requestTraining } from "@/lib/recs/training-service";

const route = "/api/v1/models";

/** Every model version, newest first, with its metrics. */
export const GET = apiRoute(route, async ({ request, handle, actor }) => {
  requireAdmin(await actor());
  return json(await listVersions(handle, readQuery(request, modelListQuery)));
});

/** Starts a training: answers at once with the version, whose progress streams from progressUrl. */
export const POST = apiRoute(route, async ({ request, db, actor }) => {
  const caller = requireAdmin(await actor());
  const input = await readJson(request, trainBody, 16 * 1024);
  const accepted = await requestTraining(db, enqueueTrainingWith(await getBoss()), input, caller.userId);
  return json(accepted, { status: 202, headers: { location: `${route}/${accepted.version}` } });
});
