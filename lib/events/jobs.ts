import "server-only";
import type { PgBoss } from "pg-boss";
import { env } from "@/lib/config/env";
import { defineJob, noPayload } from "@/lib/jobs/job";
import { logger } from "@/lib/log/logger";
import { processPendingEvents, PROCESS_EVENTS_QUEUE } from "./process-events";

export const processEventsJob = defineJob({
  queue: PROCESS_EVENTS_QUEUE,
  payload: noPayload,
  // A job says "there are new events". The trigger below sends at most four a second per process,
  // a job that finds nothing ends at once, and batches take turns (claimUnprocessedEvents).
  wakeUp: true,
  pollingIntervalSeconds: 0.5,
  // A safety net: if a trigger was lost, nothing waits longer than a minute.
  cron: "* * * * *",
  async run(_data, { db }) {
    return processPendingEvents(db, { now: () => new Date(), halfLifeHours: env().TREND_HALF_LIFE_HOURS });
  },
});

export const eventJobs = [processEventsJob];

const COALESCE_MS = 250;

/**
 * Asks for new events to be processed soon: one send per 250 ms at most, however many events
 * arrive. Under a steady flow each job then applies, in one transaction, the events stored since
 * the last one (a job ends once it has worked off what it found). A request inside the 250 ms is
 * not dropped but sent at its end: the job sent before may already be running and miss the events
 * stored since.
 */
export function createProcessingTrigger(send: () => void, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    last = now();
    send();
  };
  return function request() {
    const wait = last + COALESCE_MS - now();
    if (wait <= 0) return fire();
    trailing ??= setTimeout(() => {
      trailing = null;
      fire();
    }, wait);
  };
}

const globalForTrigger = globalThis as unknown as { marqueeEventTrigger?: { boss: PgBoss | null; request: () => void } };
const trigger = (globalForTrigger.marqueeEventTrigger ??= {
  boss: null,
  request: createProcessingTrigger(() =>
    trigger.boss?.send(PROCESS_EVENTS_QUEUE, {}).catch((error) => logger.warn({ err: error }, "could not queue event processing")),
  ),
});

export function requestEventProcessing(boss: PgBoss): void {
  trigger.boss = boss;
  trigger.request();
}
