import { requireAdmin } from "@/lib/auth/actor";
import { experimentParams, updateExperimentBody } from "@/lib/experiments/contract";
import { changeExperiment, experimentView, getExperiment } from "@/lib/experiments/experiment-service";
import { apiRoute, json, readJson } from "@/lib/http/api-route";

const route = "/api/v1/experiments/[id]";

export const GET = apiRoute(
  route,
  async ({ db, params, actor }) => {
    requireAdmin(await actor());
    return json(experimentView(await getExperiment(db, params.id)));
  },
  { params: experimentParams },
);

/** Starts a draft, stops a running experiment, or renames one. */
export const PATCH = apiRoute(
  route,
  async ({ request, db, params, actor, now }) => {
    requireAdmin(await actor());
    const patch = await readJson(request, updateExperimentBody, 16 * 1024);
    return json(await changeExperiment(db, params.id, patch, now));
  },
  { params: experimentParams },
);
