import path from "node:path";

/** The `next` executable of this checkout (run with `node`, so flags for V8 can go before it). */
export function nextBin(cwd = process.cwd()): string {
  return path.join(cwd, "node_modules", "next", "dist", "bin", "next");
}

/**
 * NODE_OPTIONS for the production server: what the caller set, plus a V8 thread pool of half the
 * cores (at least 1, at most V8's default of 4).
 *
 * Why: V8 runs garbage collection helpers and background compilation on that pool, 4 threads by
 * default. On our 2-core machine a major collection of the app's heap put all four to work at
 * once: for 50–100 ms both cores were busy and the request thread, the job worker and Postgres
 * waited. The virtual machine itself also stopped more often: a real-time probe saw 5–18 pauses
 * over 10 ms per 30 s with the default pool, 2–5 with one thread (three runs each). In
 * `bench:events`' steady phase (300 events/s for 30 s), p99 was 15.8–32.6 ms with the default
 * pool and 10.1–16.6 ms with one thread, over six runs each (only that phase, on a fresh app).
 * Collections take longer in wall time with fewer helpers, but leave the other cores to the
 * requests. A pool size the caller already chose is kept.
 */
export function serverNodeOptions(current: string | undefined, cores: number): string {
  const given = (current ?? "").trim();
  if (/(^|\s)--v8-pool-size(=|\s|$)/.test(given)) return given;
  const pool = Math.max(1, Math.min(4, Math.floor(cores / 2)));
  return [given, `--v8-pool-size=${pool}`].filter(Boolean).join(" ");
}
