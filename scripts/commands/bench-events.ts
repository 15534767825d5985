import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { completedJobTimesSince, countEventsAndDeadLetters, findProcessedRequestIds, insertBenchMovies, postgresServerVersion } from "@/db/queries/bench";
import { findUserByEmail } from "@/db/queries/users";
import { ensureAdmin } from "@/lib/auth/bootstrap-admin";
import { createApiToken } from "@/lib/auth/token-service";
import { KNOWN_GENRES } from "@/lib/catalog/contract";
import { PROCESS_EVENTS_QUEUE } from "@/lib/events/process-events";
import { UsageError, type Command } from "../cli/command";
import { startPauseProbe } from "../cli/machine-pauses";
import { nextBin, serverNodeOptions } from "../cli/next-server";
import { fmt } from "../cli/progress";

const WORKER_PLACES = { thread: "on a worker thread of the app", inline: "on the app's request thread", separate: "in a separate process" } as const;

/**
 * bench:events — the event API as production runs it: a production build (`next start`) on a
 * scratch database on the Postgres server in DATABASE_URL, driven over loopback HTTP by a bounded
 * load generator in this process. Measures single events against an empty App Router handler (the
 * issue's ceiling; the event routes themselves are served from pages/api), batches,
 * latency at a steady rate, and that nothing is lost or counted twice.
 */
export const benchEventsCommand: Command = {
  name: "bench events",
  summary: "Measure the event API over HTTP on a production build: throughput against an empty handler, batches, latency at a steady rate, feature freshness, nothing lost.",
  usage: "bench events [--seconds 30] [--concurrency 32] [--rate 300] [--batch-size 1000] [--movies 300] [--users 2000] [--workers thread|inline|separate]",
  options: {
    seconds: { type: "string" },
    concurrency: { type: "string" },
    rate: { type: "string" },
    "batch-size": { type: "string" },
    "batch-concurrency": { type: "string" },
    movies: { type: "string" },
    users: { type: "string" },
    workers: { type: "string" },
    "cpu-profile": { type: "string" },
  },
  optionHelp: [
    "--seconds N            Length of each measured phase (default 30; 5 makes a run of under a minute)",
    "--concurrency N        Requests in flight for single events and the empty handler (default 32)",
    "--rate N               Events per second in the steady-rate phase (default 300)",
    "--batch-size N         Events per POST /events/batch (default 1000)",
    "--batch-concurrency N  Batch requests in flight (default 2)",
    "--movies N             Movies seeded (default 300)",
    "--users N              Distinct users the events come from (default 2000)",
    "--workers MODE         thread: the app's workers on a worker thread of its own (the default, as `npm start` runs);",
    "                       inline: on the thread that answers requests (MARQUEE_WORKERS=inline);",
    "                       separate: MARQUEE_WORKERS=off and one `npm run worker` process, as the README suggests for scale",
    "--cpu-profile DIR      Write a V8 CPU profile of the app process into DIR (open it in Chrome DevTools)",
    "Needs DATABASE_URL (a scratch database is created on that server and dropped afterwards) and `npm run build`.",
  ],
  async run({ values }) {
    const opts = {
      seconds: positive(values.seconds, 30, "--seconds"),
      concurrency: positive(values.concurrency, 32, "--concurrency"),
      rate: positive(values.rate, 300, "--rate"),
      batchSize: positive(values["batch-size"], 1000, "--batch-size"),
      batchConcurrency: positive(values["batch-concurrency"], 2, "--batch-concurrency"),
      movies: positive(values.movies, 300, "--movies"),
      users: positive(values.users, 2000, "--users"),
      workers: (values.workers ?? "thread") as keyof typeof WORKER_PLACES,
      cpuProfileDir: values["cpu-profile"] as string | undefined,
    };
    if (!Object.hasOwn(WORKER_PLACES, opts.workers)) throw new UsageError("--workers: thread, inline or separate");
    if (opts.batchSize > 1000) throw new UsageError("--batch-size: at most 1000 (the API's limit)");
    const server = process.env.DATABASE_URL;
    if (!server) throw new UsageError("bench events needs DATABASE_URL: a Postgres server to create its scratch database on");
    if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) throw new UsageError("No production build here: run `npm run build` first");

    const scratch = await createScratchDatabase(server);
    let app: RunningApp | null = null;
    let worker: RunningApp | null = null;
    const stop = () => Promise.all([app?.stop(), worker?.stop()]);
    process.once("SIGINT", stop);
    try {
      const setup = await prepareDatabase(scratch.handle, opts);
      app = await startApp(scratch.url, setup.admin, opts.workers === "separate" ? "off" : opts.workers, opts.cpuProfileDir);
      if (opts.workers === "separate") worker = await startWorker(scratch.url);
      await benchmark(scratch.handle, app, setup, opts);
    } finally {
      process.off("SIGINT", stop);
      await stop();
      await scratch.dispose();
    }
  },
};

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name}: a positive number`);
  return n;
}

// --- the database and the app ----------------------------------------------------------------

async function createScratchDatabase(serverUrl: string) {
  const name = `marquee_bench_events_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), maxConnections: 4 });
  console.log(`Postgres ${url.host}, scratch database ${name}`);
  return {
    handle,
    url: url.toString(),
    async dispose() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
      console.log(`Dropped ${name}`);
    },
  };
}

const ADMIN = { email: "bench@marquee.local", password: randomBytes(12).toString("base64url") };

async function prepareDatabase(handle: DatabaseHandle, opts: { movies: number }) {
  const { db } = handle;
  await migrateDatabase(handle);
  await ensureAdmin(db, ADMIN);
  const owner = (await findUserByEmail(db, ADMIN.email))!;
  const rows = Array.from({ length: opts.movies }, (_, i) => ({
    id: `bench-${i}`,
    title: `Bench Movie ${i}`,
    year: 1970 + (i % 55),
    runtimeMinutes: 80 + (i % 90),
    genres: [KNOWN_GENRES[i % KNOWN_GENRES.length]!, KNOWN_GENRES[(i * 7 + 3) % KNOWN_GENRES.length]!].filter((g, j, all) => all.indexOf(g) === j),
  }));
  await insertBenchMovies(db, rows);
  // The same function `npm run marquee -- token create` uses.
  const token = await createApiToken(db, owner.id, { name: "bench events", scopes: ["events:write"] });
  // Only to read the app's own metrics (event-loop delay) around the steady-rate phase.
  const metricsToken = await createApiToken(db, owner.id, { name: "bench metrics", scopes: ["admin"] });
  return { admin: ADMIN, token: token.token, metricsToken: metricsToken.token };
}

interface RunningApp {
  port: number;
  child: ChildProcess;
  /** What the app ran with (as `npm start` sets it). */
  nodeOptions: string;
  /** What the app logged at warn or above (it runs with LOG_LEVEL=warn): a count and the latest lines. */
  problems: { count: number; latest: string[] };
  stop(): Promise<void>;
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

/** One `npm run worker` process (what --workers separate adds next to the app). */
async function startWorker(databaseUrl: string): Promise<RunningApp> {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["scripts/marquee.ts", "worker"], { env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" }, stdio: ["ignore", "inherit", "inherit"] });
  let exited = false;
  child.once("exit", () => (exited = true));
  await sleep(3_000);
  if (exited) throw new Error("the worker process exited at start");
  console.log(`worker process (pid ${child.pid})`);
  return { port: 0, child, nodeOptions: process.env.NODE_OPTIONS ?? "", problems: { count: 0, latest: [] }, stop: stopper(child, () => exited) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `next start` on a free port against the scratch database, as production (`npm start`) runs it. */
async function startApp(databaseUrl: string, admin: { email: string; password: string }, workers: "thread" | "inline" | "off", cpuProfileDir?: string): Promise<RunningApp> {
  const port = await freePort();
  const nodeOptions = serverNodeOptions(process.env.NODE_OPTIONS, os.availableParallelism());
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`] : [];
  const child = spawn(process.execPath, [...profile, nextBin(), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      MARQUEE_DEMO_DATA: "off",
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      AUTH_SECRET: randomBytes(24).toString("hex"),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      PORT: String(port),
      MARQUEE_WORKERS: workers,
      // The baseline routes (/api/v1/bench/noop and /echo) answer 404 without it.
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
    if (exited) throw new Error(`next start exited before it was ready:\n${log}`);
    const status = await get(port, "/api/v1/health/ready").catch(() => 0);
    if (status === 200) break;
    if (performance.now() - started > 60_000) {
      await stop();
      throw new Error(`next start was not ready within 60 s:\n${log}`);
    }
    await sleep(200);
  }
  console.log(`next start on 127.0.0.1:${port} (pid ${child.pid}), ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { port, child, nodeOptions, problems, stop };
}

/** CPU seconds (user + system) a process has used so far, from /proc on Linux; null elsewhere. */
function cpuSeconds(pid: number | undefined, only: "process" | "main thread" = "process"): number | null {
  if (!pid) return null;
  // A process's main thread has the process's id as its thread id.
  return statCpuSeconds(only === "process" ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`)?.seconds ?? null;
}

/** The command name and CPU seconds in a /proc stat file; null if it cannot be read (off Linux, or the process ended). */
function statCpuSeconds(statFile: string): { command: string; seconds: number } | null {
  try {
    const stat = fs.readFileSync(statFile, "utf8");
    const fields = stat.split(") ")[1]!.split(" ");
    // utime and stime, in clock ticks (100 Hz).
    return { command: stat.slice(stat.indexOf("(") + 1, stat.indexOf(") ")), seconds: (Number(fields[11]) + Number(fields[12])) / 100 };
  } catch {
    return null;
  }
}

/**
 * The app's event-loop delay since the last call (prom-client's default metrics reset it on each
 * scrape): whether a slow answer was the app being busy, or the machine.
 */
async function eventLoopDelay(port: number, adminToken: string): Promise<{ p99: number; max: number } | null> {
  const text = await new Promise<string>((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/api/metrics", headers: { authorization: `Bearer ${adminToken}` }, agent: false }, (res) => {
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

/** CPU seconds of every process of a local Postgres server (its backends included), if it is local. */
function postgresCpuSeconds(): number | null {
  let total = 0;
  let found = false;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statCpuSeconds(`/proc/${entry}/stat`);
    if (stat?.command !== "postgres") continue;
    total += stat.seconds;
    found = true;
  }
  return found ? total : null;
}

interface CpuPerRequest {
  /** Of the machine's cores, how many were busy on average during the phase (everything on it). */
  machineBusyCores: number | null;
  /** The app process, worker thread included. */
  appCpuMsPerRequest: number | null;
  requestThreadCpuMsPerRequest: number | null;
  postgresCpuMsPerRequest: number | null;
  loadGeneratorCpuMsPerRequest: number;
}

/** Runs a phase and adds how much CPU each party spent per request: where a 2-core machine's time went. */
async function measured<T extends PhaseResult>(app: RunningApp, phase: () => Promise<T>): Promise<T & CpuPerRequest> {
  const pid = app.child.pid;
  const read = () => [cpuSeconds(pid), cpuSeconds(pid, "main thread"), postgresCpuSeconds()];
  const before = read();
  const machineBefore = machineCpuTicks();
  const ownBefore = process.cpuUsage();
  const result = await phase();
  const own = process.cpuUsage(ownBefore);
  const after = read();
  const machineAfter = machineCpuTicks();
  const machineBusyCores =
    machineBefore && machineAfter ? ((machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total)) * os.cpus().length : null;
  const perRequest = (i: number) => (before[i] == null || after[i] == null || !result.requests ? null : ((after[i]! - before[i]!) * 1000) / result.requests);
  return {
    ...result,
    machineBusyCores,
    appCpuMsPerRequest: perRequest(0),
    requestThreadCpuMsPerRequest: perRequest(1),
    postgresCpuMsPerRequest: perRequest(2),
    loadGeneratorCpuMsPerRequest: (own.user + own.system) / 1000 / Math.max(1, result.requests),
  };
}

// --- the load generator ----------------------------------------------------------------------

interface Outcome {
  status: number;
  body: string;
  ms: number;
}

function get(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: urlPath, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.setTimeout(2_000, () => req.destroy(new Error("timeout")));
  });
}

/** One POST over a keep-alive agent; latency from `startedAt` (the scheduled time in open-loop runs). */
function post(agent: http.Agent, port: number, urlPath: string, body: Buffer, headers: Record<string, string>, startedAt = performance.now()): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: urlPath, method: "POST", agent, headers: { ...headers, "content-type": "application/json", "content-length": String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - startedAt }));
        res.on("error", () => resolve({ status: 0, body: "", ms: performance.now() - startedAt }));
      },
    );
    req.on("error", () => resolve({ status: 0, body: "", ms: performance.now() - startedAt }));
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.end(body);
  });
}

interface Request {
  path: string;
  body: Buffer;
  /** Events in the request (1 for a single event). */
  events: number;
}

interface PhaseResult {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
}

/** `concurrency` clients, each sending its next request as soon as the last one is answered, for `seconds`. */
async function closedLoop(agent: http.Agent, port: number, headers: Record<string, string>, opts: { concurrency: number; seconds: number }, next: () => Request, onAnswer: (req: Request, o: Outcome) => void): Promise<PhaseResult> {
  const result: PhaseResult = { requests: 0, errors: 0, seconds: 0, latencies: [], statuses: new Map() };
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) {
        const req = next();
        const o = await post(agent, port, req.path, req.body, headers);
        record(result, o);
        onAnswer(req, o);
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * Sends on a fixed schedule whatever the answers (open loop): request i goes at start + i/rate,
 * and its latency is counted from then, so a slow answer cannot hide the ones queued behind it.
 */
async function openLoop(agent: http.Agent, port: number, headers: Record<string, string>, opts: { rate: number; seconds: number }, next: () => Request, onAnswer: (req: Request, o: Outcome) => void): Promise<PhaseResult & { maxLagMs: number }> {
  const result = { requests: 0, errors: 0, seconds: 0, latencies: [] as number[], statuses: new Map<number, number>(), maxLagMs: 0 };
  const total = Math.round(opts.rate * opts.seconds);
  const period = 1000 / opts.rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * period;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    result.maxLagMs = Math.max(result.maxLagMs, performance.now() - due);
    const req = next();
    inFlight.push(
      post(agent, port, req.path, req.body, headers, due).then((o) => {
        record(result, o);
        onAnswer(req, o);
      }),
    );
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function record(result: PhaseResult, o: Outcome) {
  result.requests++;
  result.statuses.set(o.status, (result.statuses.get(o.status) ?? 0) + 1);
  if (o.status < 200 || o.status >= 300) result.errors++;
  else result.latencies.push(o.ms);
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// --- the events --------------------------------------------------------------------------------

const TYPES = ["watch", "watch", "watch", "rating", "rating", "favorite", "search"] as const;
const WORDS = ["heat", "night", "love", "war", "space", "city", "dream", "story", "king", "ghost"];

/** Events from `users` viewers over `movies` movies, each with a unique requestId. */
class EventSource {
  private n = 0;
  constructor(
    private readonly prefix: string,
    private readonly users: number,
    private readonly movies: number,
  ) {}

  next(): { type: (typeof TYPES)[number]; body: Record<string, unknown> } {
    const i = this.n++;
    const type = TYPES[i % TYPES.length]!;
    const userId = `bench-user-${(i * 7919) % this.users}`;
    const movieId = `bench-${(i * 104_729) % this.movies}`;
    const requestId = `${this.prefix}-${i}`;
    const clientTimestamp = new Date().toISOString();
    switch (type) {
      case "watch":
        return { type, body: { requestId, userId, movieId, clientTimestamp, metadata: { watchDuration: 60 + (i % 7200), progressPercent: i % 101, device: "bench", sessionId: `s-${i % 977}` } } };
      case "rating":
        return { type, body: { requestId, userId, movieId, clientTimestamp, metadata: { rating: ((i % 10) + 1) / 2 } } };
      case "favorite":
        return { type, body: { requestId, userId, movieId, clientTimestamp, metadata: { action: i % 3 === 0 ? "remove" : "add" } } };
      case "search":
        return { type, body: { requestId, userId, clientTimestamp, metadata: { query: `${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]}`, resultsCount: i % 40, filters: { genre: KNOWN_GENRES[i % KNOWN_GENRES.length]! } } } };
    }
  }

  single(): Request & { requestId: string } {
    const e = this.next();
    return { path: `/api/v1/events/${e.type}`, body: Buffer.from(JSON.stringify(e.body)), events: 1, requestId: String(e.body.requestId) };
  }

  batch(size: number): Request {
    const events = Array.from({ length: size }, () => {
      const e = this.next();
      return { type: e.type, ...e.body };
    });
    return { path: "/api/v1/events/batch", body: Buffer.from(JSON.stringify({ events })), events: size };
  }
}

// --- the run ----------------------------------------------------------------------------------

async function countEvents(handle: DatabaseHandle) {
  return countEventsAndDeadLetters(handle.db);
}

/** Waits until the app's worker has processed every stored event; how long it took and how fast. */
async function drain(handle: DatabaseHandle, label: string, limitSeconds = 600) {
  const started = performance.now();
  const first = await countEvents(handle);
  let last = first;
  while (last.pending > 0) {
    if (performance.now() - started > limitSeconds * 1000) throw new Error(`${label}: ${fmt(last.pending)} events still unprocessed after ${limitSeconds} s`);
    await sleep(250);
    last = await countEvents(handle);
  }
  const seconds = (performance.now() - started) / 1000;
  if (first.pending > 0) console.log(`  ${label}: the worker caught up with ${fmt(first.pending)} events in ${seconds.toFixed(1)} s (${fmt(Math.round(first.pending / Math.max(seconds, 0.001)))} events/s)`);
  return { pending: first.pending, seconds };
}

/**
 * The event worker's jobs (pg-boss keeps them) since a time: how many, the longest, and the longest
 * stretch with none running. When features lag, this tells a slow job from a worker that sat idle.
 */
async function workerJobsSince(handle: DatabaseHandle, since: Date): Promise<{ jobs: number; longestMs: number; longestGapMs: number }> {
  const rows = (await completedJobTimesSince(handle.db, { queue: PROCESS_EVENTS_QUEUE, since })).map((r) => ({ started: r.startedMs, completed: r.completedMs }));
  let longestMs = 0;
  let longestGapMs = 0;
  rows.forEach((job, i) => {
    longestMs = Math.max(longestMs, job.completed - job.started);
    if (i > 0) longestGapMs = Math.max(longestGapMs, job.started - rows[i - 1]!.completed);
  });
  return { jobs: rows.length, longestMs, longestGapMs };
}

/** Watches accepted events until each is processed (its features committed); delay from acceptance. */
class FreshnessProbe {
  private readonly pending = new Map<string, number>();
  readonly delays: number[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;

  constructor(private readonly handle: DatabaseHandle) {}

  accepted(requestId: string) {
    this.pending.set(requestId, performance.now());
  }

  start() {
    this.timer = setInterval(() => void this.poll(), 50);
  }

  private async poll() {
    if (this.busy || !this.pending.size) return;
    this.busy = true;
    try {
      const ids = [...this.pending.keys()].slice(0, 5_000);
      const processed = await findProcessedRequestIds(this.handle.db, { requestIds: ids });
      const now = performance.now();
      for (const requestId of processed) {
        const at = this.pending.get(requestId);
        if (at === undefined) continue;
        this.delays.push(now - at);
        this.pending.delete(requestId);
      }
    } finally {
      this.busy = false;
    }
  }

  async finish(limitMs = 60_000) {
    const started = performance.now();
    while (this.pending.size && performance.now() - started < limitMs) await sleep(50);
    if (this.timer) clearInterval(this.timer);
    return { unseen: this.pending.size };
  }
}

interface Tally {
  accepted: number;
  duplicates: number;
}

function tallyReceipts(tally: Tally, o: Outcome, onAccepted?: (requestId: string) => void) {
  if (o.status !== 202) return;
  const body = JSON.parse(o.body) as { status?: string; requestId?: string; accepted?: number; duplicates?: number };
  if (typeof body.accepted === "number") {
    tally.accepted += body.accepted;
    tally.duplicates += body.duplicates ?? 0;
  } else if (body.status === "accepted") {
    tally.accepted++;
    onAccepted?.(body.requestId!);
  } else tally.duplicates++;
}

async function benchmark(
  handle: DatabaseHandle,
  app: RunningApp,
  { token, metricsToken }: { token: string; metricsToken: string },
  opts: { seconds: number; concurrency: number; rate: number; batchSize: number; batchConcurrency: number; movies: number; users: number; workers: keyof typeof WORKER_PLACES },
) {
  const pgVersion = await postgresServerVersion(handle.db);
  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, Postgres ${pgVersion ?? "?"}, ${os.platform()} ${os.release()}`;
  const loadAtStart = os.loadavg()[0]!;
  const cpuAtStart = machineCpuTicks();
  console.log(`Machine: ${machine}; load average ${loadAtStart.toFixed(2)}`);
  const headers = { authorization: `Bearer ${token}` };
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const tally: Tally = { accepted: 0, duplicates: 0 };
  const runId = Date.now().toString(36);
  const sent: Request[] = [];
  const keepSome = (req: Request, o: Outcome) => {
    if (o.status === 202 && sent.length < 2_000 && Math.random() < 0.05) sent.push(req);
  };

  // Warm-up: load each route's code and fill the app's pools and caches before the clock runs.
  const warm = new EventSource(`warm-${runId}`, opts.users, opts.movies);
  const noop = () => ({ path: "/api/v1/bench/noop", body: warm.single().body, events: 1 });
  const echo = () => ({ path: "/api/v1/bench/echo", body: warm.single().body, events: 1 });
  const warmSeconds = Math.min(2, opts.seconds);
  await closedLoop(agent, app.port, headers, { concurrency: opts.concurrency, seconds: warmSeconds }, noop, () => {});
  await closedLoop(agent, app.port, headers, { concurrency: opts.concurrency, seconds: warmSeconds }, echo, () => {});
  await closedLoop(agent, app.port, headers, { concurrency: opts.concurrency, seconds: warmSeconds }, () => warm.single(), (_, o) => tallyReceipts(tally, o));
  for (let i = 0; i < 2; i++) tallyReceipts(tally, await post(agent, app.port, "/api/v1/events/batch", warm.batch(opts.batchSize).body, headers));
  await drain(handle, "after warm-up");

  // 1. Single events against the empty route handler, same concurrency, same body size.
  console.log(`\n[1/4] single events at concurrency ${opts.concurrency}, ${opts.seconds} s each: the empty handler, a handler that only reads and answers JSON, then the event routes`);
  const baseline = await measured(app, () => closedLoop(agent, app.port, headers, { concurrency: opts.concurrency, seconds: opts.seconds }, noop, () => {}));
  const bodyOnly = await measured(app, () => closedLoop(agent, app.port, headers, { concurrency: opts.concurrency, seconds: opts.seconds }, echo, () => {}));
  const singles = new EventSource(`single-${runId}`, opts.users, opts.movies);
  const single = await measured(app, () =>
    closedLoop(agent, app.port, headers, { concurrency: opts.concurrency, seconds: opts.seconds }, () => singles.single(), (req, o) => {
      tallyReceipts(tally, o);
      keepSome(req, o);
    }),
  );
  await drain(handle, "after single events");

  // 2. Latency at a steady rate, and how soon the features reflect each event.
  console.log(`\n[2/4] a steady ${opts.rate} requests/s for ${opts.seconds} s (open loop): the empty handler, the JSON echo, then the event routes`);
  // The same schedule on the empty handler: the latency floor this machine gives at that rate.
  const steadyBaseline = await openLoop(new http.Agent({ keepAlive: true, maxSockets: 64 }), app.port, headers, { rate: opts.rate, seconds: opts.seconds }, noop, () => {});
  // And on the JSON echo: what a body in and a body out add to the tail, before any of our work.
  const steadyEcho = await openLoop(new http.Agent({ keepAlive: true, maxSockets: 64 }), app.port, headers, { rate: opts.rate, seconds: opts.seconds }, echo, () => {});
  const probe = new FreshnessProbe(handle);
  const pauses = startPauseProbe();
  await sleep(300); // the probe's own start is not a pause
  await eventLoopDelay(app.port, metricsToken); // reads and resets the app's event-loop delay histogram
  probe.start();
  const steadyStartedAt = new Date();
  const steadySource = new EventSource(`steady-${runId}`, opts.users, opts.movies);
  const steady = await openLoop(new http.Agent({ keepAlive: true, maxSockets: 64 }), app.port, headers, { rate: opts.rate, seconds: opts.seconds }, () => steadySource.single(), (_, o) =>
    tallyReceipts(tally, o, (id) => probe.accepted(id)),
  );
  const steadyLoop = await eventLoopDelay(app.port, metricsToken);
  const steadyPauses = await pauses.stop();
  const fresh = await probe.finish();
  await drain(handle, "after the steady rate");
  const steadyJobs = await workerJobsSince(handle, steadyStartedAt);

  // 3. Batches of 1,000.
  console.log(`\n[3/4] POST /events/batch with ${fmt(opts.batchSize)} events per request, ${opts.batchConcurrency} in flight, ${opts.seconds} s`);
  const batches = new EventSource(`batch-${runId}`, opts.users, opts.movies);
  const batch = await closedLoop(agent, app.port, headers, { concurrency: opts.batchConcurrency, seconds: opts.seconds }, () => batches.batch(opts.batchSize), (req, o) => {
    tallyReceipts(tally, o);
    if (o.status === 202 && sent.length < 2_005 && Math.random() < 0.1) sent.push(req);
  });

  // 4. Nothing lost, nothing twice: resend some of what was accepted; every copy is a duplicate.
  console.log(`\n[4/4] resending ${fmt(sent.length)} accepted requests (${fmt(sent.reduce((s, r) => s + r.events, 0))} events)`);
  const before = await countEvents(handle);
  const resent: Tally = { accepted: 0, duplicates: 0 };
  let resendErrors = 0;
  for (let i = 0; i < sent.length; i += opts.concurrency) {
    const outcomes = await Promise.all(sent.slice(i, i + opts.concurrency).map((r) => post(agent, app.port, r.path, r.body, headers)));
    for (const o of outcomes) {
      if (o.status !== 202) resendErrors++;
      tallyReceipts(resent, o);
    }
  }
  const afterResend = await countEvents(handle);
  // The worker is still working through the batches; how fast it does is worth knowing too.
  const batchDrain = await drain(handle, "after the batches and the resend", Math.max(120, opts.seconds * 20));
  const after = await countEvents(handle);
  agent.destroy();

  // --- report ---
  const eventsPerSecond = (r: PhaseResult, perRequest = 1) => ((r.requests - r.errors) * perRequest) / r.seconds;
  const baselineRate = eventsPerSecond(baseline);
  const singleRate = eventsPerSecond(single);
  const ratio = singleRate / baselineRate;
  const batchRate = eventsPerSecond(batch, opts.batchSize);
  const steadyP99 = percentile(steady.latencies, 99);
  const freshP95 = percentile(fresh.unseen ? [...probe.delays, Number.POSITIVE_INFINITY] : probe.delays, 95);
  const bodyOnlyRate = eventsPerSecond(bodyOnly);
  const errors = baseline.errors + bodyOnly.errors + steadyBaseline.errors + steadyEcho.errors + single.errors + steady.errors + batch.errors + resendErrors;

  const line = (label: string, value: string, verdict?: { target: string; ok: boolean }) =>
    console.log(`  ${label.padEnd(52)} ${value.padStart(16)}${verdict ? `   target ${verdict.target}  ${verdict.ok ? "ok" : "MISSED"}` : ""}`);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(`\nbench:events — ${machine}`);
  // Other work on the machine takes cores from the app, Postgres and the load generator alike.
  console.log(`  load average (1 min) at the start ${loadAtStart.toFixed(2)}, at the end ${os.loadavg()[0]!.toFixed(2)}`);
  const stolen = stolenShare(cpuAtStart, machineCpuTicks());
  // On a virtual machine the host may run other guests on "our" cores: that time is lost to all.
  if (stolen !== null) console.log(`  CPU time taken by the hypervisor for other guests (steal) during the run: ${(stolen * 100).toFixed(1)}%`);
  console.log(
    `  production build (next start, NODE_OPTIONS=${app.nodeOptions || "none"}), workers ${WORKER_PLACES[opts.workers]}, Postgres scratch database, ${opts.movies} movies, ${fmt(opts.users)} users, ${opts.seconds} s per phase\n`,
  );
  line(`empty App Router handler (c=${opts.concurrency})`, `${fmt(Math.round(baselineRate))} req/s`);
  line("  p50 / p99", `${ms(percentile(baseline.latencies, 50))} / ${ms(percentile(baseline.latencies, 99))}`);
  if (baseline.appCpuMsPerRequest !== null) line("  app process CPU per request", ms(baseline.appCpuMsPerRequest));
  line("  load generator CPU per request (this process)", ms(baseline.loadGeneratorCpuMsPerRequest));
  if (baseline.machineBusyCores !== null) line("  machine CPU busy during the phase", `${baseline.machineBusyCores.toFixed(2)} of ${os.cpus().length} cores`);
  line(`JSON body in, receipt out, no database (c=${opts.concurrency})`, `${fmt(Math.round(bodyOnlyRate))} req/s`);
  // Served from pages/api as the event routes are: what a body in and out costs on that path.
  line("  ratio to the empty handler", (bodyOnlyRate / baselineRate).toFixed(2));
  if (bodyOnly.appCpuMsPerRequest !== null) line("  app process CPU per request", ms(bodyOnly.appCpuMsPerRequest));
  line(`single events (c=${opts.concurrency})`, `${fmt(Math.round(singleRate))} events/s`);
  line("  p50 / p99", `${ms(percentile(single.latencies, 50))} / ${ms(percentile(single.latencies, 99))}`);
  if (single.appCpuMsPerRequest !== null) line(`  app process CPU per event${opts.workers === "separate" ? "" : " (the worker's share included)"}`, ms(single.appCpuMsPerRequest));
  if (single.requestThreadCpuMsPerRequest !== null && opts.workers === "thread") line("    of which the request thread", ms(single.requestThreadCpuMsPerRequest));
  if (single.postgresCpuMsPerRequest !== null) line("  Postgres CPU per event (all its processes)", ms(single.postgresCpuMsPerRequest));
  line("  load generator CPU per event (this process)", ms(single.loadGeneratorCpuMsPerRequest));
  if (single.machineBusyCores !== null) line("  machine CPU busy during the phase", `${single.machineBusyCores.toFixed(2)} of ${os.cpus().length} cores`);
  line("  ratio to the empty handler", ratio.toFixed(2), { target: "≥ 0.70", ok: ratio >= 0.7 });
  line("  ratio to JSON in/out without the database (our share)", (singleRate / bodyOnlyRate).toFixed(2));
  line(`batches of ${fmt(opts.batchSize)} (${opts.batchConcurrency} in flight)`, `${fmt(Math.round(batchRate))} events/s`, { target: "≥ 20,000", ok: batchRate >= 20_000 });
  line("  p50 / p99 per request", `${ms(percentile(batch.latencies, 50))} / ${ms(percentile(batch.latencies, 99))}`);
  line("  the worker then worked off its backlog at", `${fmt(Math.round(batchDrain.pending / Math.max(batchDrain.seconds, 0.001)))} events/s`);
  line(`steady ${opts.rate} req/s on the empty handler, p50 / p99`, `${ms(percentile(steadyBaseline.latencies, 50))} / ${ms(percentile(steadyBaseline.latencies, 99))}`);
  line(`steady ${opts.rate} req/s on the JSON echo, p50 / p99`, `${ms(percentile(steadyEcho.latencies, 50))} / ${ms(percentile(steadyEcho.latencies, 99))}`);
  line(`steady ${opts.rate} events/s, latency p50`, ms(percentile(steady.latencies, 50)));
  line(`steady ${opts.rate} events/s, latency p99`, ms(steadyP99), { target: "≤ 20 ms", ok: steadyP99 <= 20 });
  line("  most the sender fell behind its schedule", ms(steady.maxLagMs));
  if (steadyPauses) {
    // Everything on the machine stood still then: the app, Postgres and this load generator alike.
    const long = steadyPauses.lateMs.filter((v) => v > 10);
    line(`  machine pauses over 10 ms (${steadyPauses.priority} probe)`, long.length ? `${long.length}, longest ${ms(Math.max(...long))}` : "none");
  }
  if (steadyLoop) line("  app event-loop delay p99 / max", `${ms(steadyLoop.p99)} / ${ms(steadyLoop.max)}`);
  line("acceptance → features updated, p50", `${(percentile(probe.delays, 50) / 1000).toFixed(2)} s`);
  if (steadyJobs.jobs) {
    line("  event worker jobs meanwhile, longest / longest wait between", `${fmt(steadyJobs.jobs)}, ${ms(steadyJobs.longestMs)} / ${ms(steadyJobs.longestGapMs)}`);
  }
  line("acceptance → features updated, p95", Number.isFinite(freshP95) ? `${(freshP95 / 1000).toFixed(2)} s` : "never", { target: "≤ 2 s", ok: freshP95 <= 2_000 });
  line("accepted events", fmt(tally.accepted));
  line("stored events", fmt(before.total), { target: "= accepted", ok: before.total === tally.accepted });
  line("resent events answered duplicate", `${fmt(resent.duplicates)} of ${fmt(resent.duplicates + resent.accepted)}`, { target: "all", ok: resent.accepted === 0 && resendErrors === 0 });
  line("stored events after the resend", fmt(afterResend.total), { target: "unchanged", ok: afterResend.total === before.total });
  line("unprocessed events / dead letters at the end", `${fmt(after.pending)} / ${fmt(after.dead)}`, { target: "0 / 0", ok: after.pending === 0 && after.dead === 0 });
  line("failed requests (non-2xx or no answer)", fmt(errors), { target: "0", ok: errors === 0 });
  if (errors) console.log(`  statuses: ${JSON.stringify(Object.fromEntries([baseline, bodyOnly, single, steadyBaseline, steadyEcho, steady, batch].flatMap((r) => [...r.statuses])))}`);
  line("app log lines at warn or above", fmt(app.problems.count));
  for (const problem of app.problems.latest) console.log(`    ${problem}`);
}

/** The machine's CPU time counters from /proc/stat (all cores): total, busy and steal; null off Linux. */
function machineCpuTicks(): { total: number; busy: number; steal: number } | null {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    // Not busy: idle and waiting for I/O.
    return { total, busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

function stolenShare(start: ReturnType<typeof machineCpuTicks>, end: ReturnType<typeof machineCpuTicks>): number | null {
  if (!start || !end || end.total <= start.total) return null;
  return (end.steal - start.steal) / (end.total - start.total);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
