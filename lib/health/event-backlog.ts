import type { ComponentStatus, EventBacklog } from "./contract";

/**
 * How far the event worker is behind: the age of the oldest audience event not yet processed. Older
 * than the limit, health is degraded and says why; readiness does not change (the app still takes
 * events: they wait in the table and the worker catches up).
 */
export function describeEventBacklog(oldestUnprocessedAt: Date | null, now: Date, limitSeconds: number): { backlog: EventBacklog; status: ComponentStatus; detail: string } {
  if (!oldestUnprocessedAt) {
    return { backlog: { oldestUnprocessedAt: null, ageSeconds: 0, limitSeconds }, status: "ok", detail: "no audience event waiting to be processed" };
  }
  // A clock between the database and this process that disagrees by a little must not show a negative age.
  const ageSeconds = Math.max(0, Math.round((now.getTime() - oldestUnprocessedAt.getTime()) / 100) / 10);
  const backlog = { oldestUnprocessedAt: oldestUnprocessedAt.toISOString(), ageSeconds, limitSeconds };
  if (ageSeconds > limitSeconds) {
    return { backlog, status: "degraded", detail: `event processing is behind: the oldest unprocessed audience event is ${ageSeconds} s old, over the ${limitSeconds} s limit` };
  }
  return { backlog, status: "ok", detail: `the oldest unprocessed audience event is ${ageSeconds} s old (limit ${limitSeconds} s)` };
}
