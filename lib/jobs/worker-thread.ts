import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import { setProcessDatabase } from "@/db";
import { openDatabase } from "@/db/client";
import { logger } from "@/lib/log/logger";
import { startBoss } from "./boss";
import { jobDefinitions, startWorkers } from "./registry";
import { lowerThisThreadPriority } from "./thread-priority";
import type { HostMessage, ThreadMessage, WorkerThreadData } from "./worker-thread-host";

/**
 * The job worker thread's entry (started by ./worker-thread-host.ts): the app's job workers on the
 * same database as the web process, on an event loop and heap of their own.
 */
async function run(port: NonNullable<typeof parentPort>, data: WorkerThreadData) {
  const tell = (message: ThreadMessage) => port.postMessage(message);
  lowerThisThreadPriority();
  const handle = await openDatabase({ url: data.databaseUrl });
  setProcessDatabase(handle);
  // The web process keeps the schedules; this thread only works.
  const boss = await startBoss(handle, { schedule: false });
  await startWorkers(boss, handle, jobDefinitions, (queue, outcome, seconds) => tell({ type: "job", queue, outcome, seconds }));
  port.on("message", (message: HostMessage) => {
    if (message.type !== "stop") return;
    void (async () => {
      await boss.stop({ graceful: true, timeout: data.stopTimeoutMs });
      await handle.close();
      process.exit(0);
    })();
  });
  tell({ type: "ready" });
}

if (parentPort) {
  run(parentPort, workerData as WorkerThreadData).catch((error) => {
    logger.error({ err: error }, "job worker thread could not start");
    // In a worker thread this ends the thread, not the process; the host restarts it.
    process.exit(1);
  });
}
