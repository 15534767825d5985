import { requireAdmin } from "@/lib/auth/actor";
import { deadLetterParams } from "@/lib/dead-letters/contract";
import { retryDeadLetter } from "@/lib/dead-letters/dead-letter-service";
import { apiRoute, json } from "@/lib/http/api-route";
import { getBoss } from "@/lib/jobs/runtime";

export const POST = apiRoute(
  "/api/v1/admin/dead-letters/[id]/retry",
  async ({ db, params, actor, now }) => {
    requireAdmin(await actor());
    return json(await retryDeadLetter(db, await getBoss(), params.id, now));
  },
  { params: deadLetterParams },
);
