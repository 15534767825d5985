import "server-only";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * A worker thread whose entry is a TypeScript source file. Outside Next.js (Vitest, tsx scripts)
 * Node cannot load one by itself, so tsx does; "server-only" resolves as in a server bundle (the
 * react-server condition), as it does in the process. In Next.js the call site must instead say
 * `new Worker(new URL("./entry.ts", import.meta.url))` itself: Turbopack bundles entries named in
 * exactly that form.
 */
export function threadFromSource(entryFile: string, options: WorkerOptions): Worker {
  // The compiled command line (.next/cli, built by `npm run build:cli`) has its thread entries
  // compiled beside it under the same names; there is no TypeScript to load.
  if (inCompiledCli()) return new Worker(path.join(path.dirname(fileURLToPath(import.meta.url)), path.basename(entryFile).replace(/\.ts$/, ".mjs")), options);
  return new Worker(`require("tsx/cjs"); require(${JSON.stringify(entryFile)});`, {
    ...options,
    eval: true,
    execArgv: [...process.execArgv, "--conditions=react-server"],
  });
}

/** Whether this code runs from the compiled command line rather than from its TypeScript source. */
export function inCompiledCli(): boolean {
  return import.meta.url.endsWith(".mjs");
}

/** Whether this process runs Next.js's bundles (and must name thread entries for Turbopack). */
export function inNextBundle(): boolean {
  return Boolean(process.env.NEXT_RUNTIME);
}
