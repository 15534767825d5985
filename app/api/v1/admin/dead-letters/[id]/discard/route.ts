import { requireAdmin } from "@/lib/auth/actor";
import { deadLetterParams } from "@/lib/dead-letters/contract";
import { discardDeadLetter } from "@/lib/dead-letters/dead-letter-service";
import { apiRoute, json } from "@/lib/http/api-route";

export const POST = apiRoute(
  "/api/v1/admin/dead-letters/[id]/discard",
  async ({ db, params, actor, now }) => {
    requireAdmin(await actor());
    return json(await discardDeadLetter(db, params.id, now));
  },
  { params: deadLetterParams },
);
