import "server-only";
import fs from "node:fs";
import path from "node:path";

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * The process that opens it leaves its pid beside the folder; another process refuses to open it
 * while that pid is alive, with a message that says what to do instead.
 */
export function claimDataDir(dataDir: string, purpose: string): () => void {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  try {
    const holder = JSON.parse(fs.readFileSync(lockFile, "utf8")) as { pid: number; purpose: string };
    if (holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new Error(
        `The embedded database at ${dataDir} is in use by process ${holder.pid} (${holder.purpose}). ` +
          `Stop it first, or point both at a Postgres server with DATABASE_URL.`,
      );
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("The embedded database")) throw error;
  }
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, purpose }));
  return () => {
    try {
      const holder = JSON.parse(fs.readFileSync(lockFile, "utf8")) as { pid: number };
      if (holder.pid === process.pid) fs.unlinkSync(lockFile);
    } catch {
      // Already gone.
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
