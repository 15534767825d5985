import path from "node:path";

/** The `next` executable of this checkout (run with `node`, so flags for V8 can go before it). */
export function nextBin(cwd = process.cwd()): string {
  return path.join(cwd, "node_modules", "next", "dist", "bin", "next");
}

/**
 * NODE_OPTIONS for the production server: what the caller set, plus a V8 thread pool of half the
 * cores (at least 1, at most V8's default of 4). A pool size the caller already chose is kept.
 *
 * Why: V8 runs garbage collection helpers on that pool, and on a small machine a major collection
 * with four helpers takes every core from the requests, the job worker and Postgres at once; with
 * fewer, it takes longer but leaves them cores (measured in docs/performance.md).
 */
export function serverNodeOptions(current: string | undefined, cores: number): string {
  const given = (current ?? "").trim();
  if (/(^|\s)--v8-pool-size(=|\s|$)/.test(given)) return given;
  const pool = Math.max(1, Math.min(4, Math.floor(cores / 2)));
  return [given, `--v8-pool-size=${pool}`].filter(Boolean).join(" ");
}
