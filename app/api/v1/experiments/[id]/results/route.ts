import { requireAdmin } from "@/lib/auth/actor";
import { experimentParams } from "@/lib/experiments/contract";
import { experimentResults } from "@/lib/experiments/experiment-service";
import { apiRoute, json } from "@/lib/http/api-route";

/** Per variant: the figures with 95% intervals, the tests, the verdict and the score per minute by group. */
export const GET = apiRoute(
  "/api/v1/experiments/[id]/results",
  async ({ db, params, actor, now }) => {
    requireAdmin(await actor());
    return json(await experimentResults(db, params.id, now));
  },
  { params: experimentParams },
);
