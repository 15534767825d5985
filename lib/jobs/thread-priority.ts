import "server-only";
import fs from "node:fs";
import os from "node:os";

/**
 * How much lower than the request thread the job worker thread runs (a nice value, 0–19). The
 * scheduler shares the CPU by weight, not strictly: at 5 the worker still gets about a quarter of a
 * core it contends for, so it is not starved when the machine is saturated.
 *
 * Why: on two cores the request thread, Postgres, and this thread's bursts of work (a batch of
 * events folded into features every few hundred milliseconds) take turns at the CPU. A request
 * that arrives during such a burst waits for it, and a busy machine makes every such wait longer.
 * At a lower priority the scheduler runs the request first; the worker still gets every idle
 * moment, which at any sustainable rate is plenty (docs/performance.md).
 */
export const WORKER_THREAD_NICE = 5;

/** The Linux thread id of the calling thread, from /proc/thread-self ("<pid>/task/<tid>"). */
export function currentThreadId(readLink: (path: string) => string = fs.readlinkSync): number | null {
  try {
    const tid = Number(readLink("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null; // not Linux: leave the priority alone
  }
}

/**
 * Lowers the calling thread's priority by `nice` (setpriority with a thread id changes that
 * thread only, on Linux). Returns whether it did; raising the nice value needs no privilege.
 */
export function lowerThisThreadPriority(nice = WORKER_THREAD_NICE): boolean {
  const tid = currentThreadId();
  if (tid === null) return false;
  try {
    os.setPriority(tid, Math.max(os.getPriority(tid), nice));
    return true;
  } catch {
    return false;
  }
}
