import "server-only";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * A worker thread whose entry is a TypeScript source file. Outside Next.js (Vitest, tsx scripts)
 * Node cannot load one by itself, so tsx does; "server-only" resolves as in a server bundle (the
 * react-server condition), as it does in the process. In Next.js the call site must instead say
 * `new Worker(new URL("./entry.ts", import.meta.url))` itself: Turbopack bundles entries named in
 * exactly that form.
 */
export function threadFromSource(entryFile: string, options: WorkerOptions): Worker {
  return new Worker(`require("tsx/cjs"); require(${JSON.stringify(entryFile)});`, {
    ...options,
    eval: true,
    execArgv: [...process.execArgv, "--conditions=react-server"],
  });
}

/** Whether this process runs Next.js's bundles (and must name thread entries for Turbopack). */
export function inNextBundle(): boolean {
  return Boolean(process.env.NEXT_RUNTIME);
}
