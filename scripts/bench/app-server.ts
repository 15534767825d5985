import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { UsageError } from "../cli/command";
import { nextBin, serverNodeOptions } from "../cli/next-server";
import { sleep } from "./load";

// The app as production runs it, for benches that drive it over HTTP: the production build under
// `next start`, with the NODE_OPTIONS `npm start` gives it, on a free port of 127.0.0.1.

/** A process a bench started; `stop()` ends it (SIGTERM, then SIGKILL after 5 s) and is safe to call twice. */
export interface BenchProcess {
  pid: number | undefined;
  stop(): Promise<void>;
}

/** The app under `next start`, answering on 127.0.0.1:`port`. */
export interface AppServer extends BenchProcess {
  port: number;
  /** The NODE_OPTIONS it runs with (as `npm start` sets them), for the record. */
  nodeOptions: string;
  /** What it logged at warn or above (it runs with LOG_LEVEL=warn): a count and the latest five lines. */
  problems: { count: number; latest: string[] };
}

/** Throws a UsageError unless this checkout has a production build (`npm run build`). */
export function assertProductionBuild(cwd = process.cwd()): void {
  if (!fs.existsSync(path.join(cwd, ".next", "BUILD_ID"))) throw new UsageError("No production build here: run `npm run build` first");
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the production build on `databaseUrl` and resolves once /api/v1/health/ready answers 200
 * (at most 60 s). It runs with NODE_ENV=production, no demo data, a fresh AUTH_SECRET,
 * LOG_LEVEL=warn, the NODE_OPTIONS of `npm start` (see scripts/cli/next-server.ts) and
 * MARQUEE_BENCH=1, which turns on the baseline routes /api/v1/bench/noop and /echo. `env` adds to
 * that (ADMIN_EMAIL, MARQUEE_WORKERS…). A port taken between choosing it and listening is retried.
 */
export async function startAppServer(options: { databaseUrl: string; env?: Record<string, string>; cpuProfileDir?: string }): Promise<AppServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === 3) throw error;
    }
  }
}

class PortTaken extends Error {}

async function startOnce(options: { databaseUrl: string; env?: Record<string, string>; cpuProfileDir?: string }, port: number): Promise<AppServer> {
  const nodeOptions = serverNodeOptions(process.env.NODE_OPTIONS, os.availableParallelism());
  const profile = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`] : [];
  const child = spawn(process.execPath, [...profile, nextBin(), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      MARQUEE_DEMO_DATA: "off",
      AUTH_SECRET: randomBytes(24).toString("hex"),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      ...options.env,
      PORT: String(port),
      MARQUEE_BENCH: "1",
      NODE_OPTIONS: nodeOptions,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const problems = { count: 0, latest: [] as string[] };
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-4_000);
    for (const line of text.split("\n")) {
      if (!/"level":(4|5|6)0/.test(line)) continue;
      problems.count++;
      problems.latest = [...problems.latest, line.slice(0, 400)].slice(-5);
    }
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited = false;
  child.once("exit", () => (exited = true));
  const stop = stopper(child, () => exited);
  const started = performance.now();
  for (;;) {
    if (exited) {
      if (/EADDRINUSE/.test(log)) throw new PortTaken(`port ${port} was taken`);
      throw new Error(`next start exited before it was ready:\n${log}`);
    }
    const status = await getStatus(port, "/api/v1/health/ready").catch(() => 0);
    if (status === 200) break;
    if (performance.now() - started > 60_000) {
      await stop();
      throw new Error(`next start was not ready within 60 s:\n${log}`);
    }
    await sleep(200);
  }
  console.log(`next start on 127.0.0.1:${port} (pid ${child.pid}), ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { port, pid: child.pid, nodeOptions, problems, stop };
}

/** One `npm run worker` process on `databaseUrl` (job workers apart from the app), given 3 s to start. */
export async function startWorkerProcess(databaseUrl: string): Promise<BenchProcess> {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["scripts/marquee.ts", "worker"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  await sleep(3_000);
  if (exited) throw new Error("the worker process exited at start");
  console.log(`worker process (pid ${child.pid})`);
  return { pid: child.pid, stop: stopper(child, () => exited) };
}

/**
 * The app's event-loop delay since the last call (prom-client's default metrics reset it on each
 * scrape of /api/metrics, which takes an admin token): whether a slow answer was the app being
 * busy, or the machine. Null when the metrics cannot be read.
 */
export async function readEventLoopDelay(server: AppServer, adminToken: string): Promise<{ p99: number; max: number } | null> {
  const text = await new Promise<string>((resolve) => {
    const req = http.get({ host: "127.0.0.1", port: server.port, path: "/api/metrics", headers: { authorization: `Bearer ${adminToken}` }, agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(res.statusCode === 200 ? body : ""));
    });
    req.on("error", () => resolve(""));
  });
  const metric = (name: string) => Number(new RegExp(`^${name} ([0-9.eE+-]+)$`, "m").exec(text)?.[1] ?? Number.NaN) * 1000;
  const p99 = metric("nodejs_eventloop_lag_p99_seconds");
  const max = metric("nodejs_eventloop_lag_max_seconds");
  return Number.isFinite(p99) && Number.isFinite(max) ? { p99, max } : null;
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited within 5 s. */
function stopper(child: ChildProcess, exited: () => boolean) {
  return async () => {
    if (exited()) return;
    child.kill("SIGTERM");
    const done = await Promise.race([new Promise<boolean>((r) => child.once("exit", () => r(true))), sleep(5_000).then(() => false)]);
    if (!done) child.kill("SIGKILL");
  };
}

function getStatus(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: urlPath, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.setTimeout(2_000, () => req.destroy(new Error("timeout")));
  });
}
