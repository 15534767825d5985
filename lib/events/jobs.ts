import type { PgBoss } from "pg-boss";
import { env } from "@/lib/config/env";
import type { JobDefinition } from "@/lib/jobs/registry";
import { logger } from "@/lib/log/logger";
import { processPendingEvents, PROCESS_EVENTS_QUEUE } from "./process-events";

export const processEventsJob: JobDefinition = {
  queue: PROCESS_EVENTS_QUEUE,
  pollingIntervalSeconds: 0.5,
  // A safety net: if a trigger was lost, nothing waits longer than a minute.
  cron: "* * * * *",
  async run(_data, { db }) {
    return processPendingEvents(db, { now: () => new Date(), halfLifeHours: env().TREND_HALF_LIFE_HOURS });
  },
};

const COALESCE_MS = 250;
const globalForTrigger = globalThis as unknown as { marqueeEventTrigger?: { last: number; trailing: ReturnType<typeof setTimeout> | null } };
const state = (globalForTrigger.marqueeEventTrigger ??= { last: 0, trailing: null });

/**
 * Asks for new events to be processed soon. Sends are coalesced in this process (one per 250 ms)
 * and debounced in pg-boss (one job per second), so a burst of events costs one job, not one each.
 * A request inside the 250 ms is not dropped but sent at its end: the job sent before may already
 * be running and miss the events stored since.
 */
export function requestEventProcessing(boss: PgBoss): void {
  const wait = state.last + COALESCE_MS - Date.now();
  if (wait <= 0) return send(boss);
  state.trailing ??= setTimeout(() => {
    state.trailing = null;
    send(boss);
  }, wait);
}

function send(boss: PgBoss) {
  state.last = Date.now();
  boss.sendDebounced(PROCESS_EVENTS_QUEUE, {}, null, 1).catch((error) => logger.warn({ err: error }, "could not queue event processing"));
}
