import { databaseOptionsFromEnv } from "@/lib/config/env";
import { openDatabase } from "@/db/client";
import { setProcessDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { startBoss } from "@/lib/jobs/boss";
import { createQueues, startWorkers } from "@/lib/jobs/registry";
import { logger } from "@/lib/log/logger";
import { UsageError, type Command } from "../cli/command";

export const workerCommand: Command = {
  name: "worker",
  summary: "Run background job workers as a separate process (needs DATABASE_URL: PGlite runs its workers inside the app).",
  usage: "worker",
  async run() {
    const options = databaseOptionsFromEnv();
    if (!options.url) throw new UsageError("`worker` needs DATABASE_URL. With the embedded database, the app runs its workers itself.");
    const handle = await openDatabase(options);
    await migrateDatabase(handle);
    setProcessDatabase(handle);
    const boss = await startBoss(handle);
    await createQueues(boss);
    await startWorkers(boss, handle);
    logger.info({ location: handle.location }, "worker started; Ctrl-C to stop");
    await new Promise<void>((resolve) => {
      const stop = async () => {
        logger.info("worker stopping: finishing running jobs");
        await boss.stop({ graceful: true, timeout: 30_000 });
        await handle.close();
        resolve();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  },
};
