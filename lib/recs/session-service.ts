import "server-only";
import type { Db } from "@/db/client";
import { createSessionPartition, deleteDefaultPartitionSessionsBefore, dropSessionPartition, sessionPartitionDays } from "@/db/queries/recs";
import { logger } from "@/lib/log/logger";
import { planSessionPartitions } from "./session-partitions";

/** Partitions are made a week ahead, so a late job run never leaves a day without one. */
const DAYS_AHEAD = 7;

/** Creates the coming days' session partitions and drops the days past the retention. */
export async function maintainSessionPartitions(db: Db, options: { now: Date; retentionDays: number }) {
  const plan = planSessionPartitions({ existing: await sessionPartitionDays(db), now: options.now, retentionDays: options.retentionDays, daysAhead: DAYS_AHEAD });
  const created: string[] = [];
  for (const day of plan.create) {
    try {
      await createSessionPartition(db, day);
      created.push(day);
    } catch (error) {
      // The default partition already holds rows of that day (the job did not run for a week):
      // they stay there and are deleted with the retention below.
      logger.warn({ err: error, day }, "could not create a session partition");
    }
  }
  for (const day of plan.drop) await dropSessionPartition(db, day);
  await deleteDefaultPartitionSessionsBefore(db, new Date(options.now.getTime() - options.retentionDays * 86_400_000));
  return { created, dropped: plan.drop };
}
