import "server-only";
import { pruneRateLimits } from "@/db/queries/rate-limits";
import { defineJob, noPayload } from "@/lib/jobs/job";

/** Sign-in and sign-up throttling keep counters per window; a day later they count nothing. */
export const pruneRateLimitsJob = defineJob({
  queue: "maintenance.prune-rate-limits",
  payload: noPayload,
  cron: "17 * * * *",
  async run(_data, { db, now }) {
    await pruneRateLimits(db, new Date(now.getTime() - 24 * 60 * 60_000));
  },
});

export const authJobs = [pruneRateLimitsJob];
