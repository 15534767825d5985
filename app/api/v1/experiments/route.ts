import { requireAdmin } from "@/lib/auth/actor";
import { createExperimentBody, experimentListQuery } from "@/lib/experiments/contract";
import { createExperiment, listExperimentPage } from "@/lib/experiments/experiment-service";
import { apiRoute, json, readJson, readQuery } from "@/lib/http/api-route";

const route = "/api/v1/experiments";

export const GET = apiRoute(route, async ({ request, db, actor }) => {
  requireAdmin(await actor());
  return json(await listExperimentPage(db, readQuery(request, experimentListQuery)));
});

export const POST = apiRoute(route, async ({ request, db, actor, now }) => {
  const caller = requireAdmin(await actor());
  const input = await readJson(request, createExperimentBody, 32 * 1024);
  const experiment = await createExperiment(db, input, caller.userId, now);
  return json(experiment, { status: 201, headers: { location: `${route}/${experiment.id}` } });
});
