import { findTheaterNames } from "@/db/queries/theaters";
import { requireAdmin } from "@/lib/auth/actor";
import { apiRoute, json } from "@/lib/http/api-route";
import { transactionParams } from "@/lib/showtimes/contract";
import { getBatchOrThrow } from "@/lib/showtimes/batch-service";
import { batchStatusView } from "@/lib/showtimes/batch-view";

export const GET = apiRoute(
  "/api/v1/showtime-creation/batches/[transactionId]",
  async ({ db, params, actor }) => {
    requireAdmin(await actor());
    const batch = await getBatchOrThrow(db, params.transactionId);
    return json(batchStatusView(batch, await findTheaterNames(db, batch.request.theaterIds)));
  },
  { params: transactionParams },
);
