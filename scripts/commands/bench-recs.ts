import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { postgresServerVersion } from "@/db/queries/bench";
import { findUserByEmail } from "@/db/queries/users";
import { ensureAdmin } from "@/lib/auth/bootstrap-admin";
import { createApiToken } from "@/lib/auth/token-service";
import { importMovielens } from "@/lib/movielens/import";
import { readMovielensDataset } from "@/lib/movielens/read-dataset";
import { evaluateModels } from "@/lib/recs/evaluation/evaluate";
import { trainModel } from "@/lib/recs/model";
import { benchmarkInteractions } from "@/lib/recs/synthetic";
import { buildTrainingData } from "@/lib/recs/training-data";
import { trainNow } from "@/lib/recs/training-service";
import { positiveOption, UsageError, type Command } from "../cli/command";
import { fmt } from "../cli/progress";
import { assertProductionBuild, startAppServer, type AppServer } from "../bench/app-server";
import { closedLoop, createLoadClient, openLoop, ratePerSecond, sleep, type BenchRequest, type LoadClient } from "../bench/load";
import { describeMachine, machineCpuTicks, startPauseProbe, stolenShare } from "../bench/machine";
import { percentile } from "../bench/percentiles";
import { appendRunToPerformanceDoc, FigureLog, formatMachine } from "../bench/report";
import { createScratchPostgres } from "../bench/scratch-database";

const DEFAULT_DATASET = path.resolve("..", "shared", "data", "ml-latest-small");
const ADMIN = { email: "bench-recs@marquee.local", password: randomBytes(12).toString("base64url") };

/**
 * bench:recs — the recommendation engine's targets: training time on ml-latest-small and how it
 * grows with synthetic data; the offline metrics; then a production build on a scratch Postgres
 * database with ml-latest-small imported, measured over loopback HTTP: scoring without the cache,
 * the cache against an empty handler, the tail at a steady rate, freshness after a rating, and the
 * tail while a full training runs.
 */
export const benchRecsCommand: Command = {
  name: "bench recs",
  summary: "Measure the recommendation engine: training time and growth, offline metrics, and /recommend over HTTP (cache, scoring, freshness, during training).",
  usage: "bench recs [--dataset <dir>] [--seconds 20] [--rate 300] [--skip-large] [--skip-server | --skip-training] [--cpu-profile <dir>]",
  options: {
    dataset: { type: "string" },
    seconds: { type: "string" },
    rate: { type: "string" },
    "skip-large": { type: "boolean" },
    "skip-server": { type: "boolean" },
    "skip-training": { type: "boolean" },
    "cpu-profile": { type: "string" },
  },
  optionHelp: [
    `--dataset DIR   A MovieLens directory (default ${path.relative(process.cwd(), DEFAULT_DATASET)})`,
    "--seconds N     Length of each measured HTTP phase (default 20)",
    "--rate N        Requests per second of the steady phases (default 300)",
    "--skip-large    Leave out the 5 M synthetic training",
    "--skip-server   Only the in-process parts (training and offline metrics)",
    "--skip-training Only the HTTP parts",
    "--cpu-profile DIR  Write a V8 CPU profile of the app process into DIR (open it in Chrome DevTools)",
    "Needs DATABASE_URL (a scratch database is created there and dropped) and `npm run build` for the HTTP parts.",
  ],
  async run({ values }) {
    const opts = {
      dataset: typeof values.dataset === "string" ? values.dataset : DEFAULT_DATASET,
      seconds: positiveOption(values.seconds, 20, "--seconds"),
      rate: positiveOption(values.rate, 300, "--rate"),
      skipLarge: Boolean(values["skip-large"]),
      skipServer: Boolean(values["skip-server"]),
      skipTraining: Boolean(values["skip-training"]),
      cpuProfileDir: typeof values["cpu-profile"] === "string" ? values["cpu-profile"] : undefined,
    };
    if (opts.skipServer && opts.skipTraining) throw new UsageError("--skip-server and --skip-training leave nothing to measure");
    if (!fs.existsSync(opts.dataset)) throw new UsageError(`--dataset: ${opts.dataset} does not exist`);
    const server = process.env.DATABASE_URL;
    if (!opts.skipServer) {
      if (!server) throw new UsageError("bench recs needs DATABASE_URL for its HTTP parts (or --skip-server)");
      assertProductionBuild();
    }
    const startedAt = new Date();
    const cpuAtStart = machineCpuTicks();
    const figures = new FigureLog({ labelWidth: 58, valueWidth: 16, targets: "verdict" });
    console.log(`Load average at start: ${os.loadavg()[0]!.toFixed(2)}`);

    if (!opts.skipTraining) await trainingPhase(opts, figures);
    let pgVersion: string | null = null;
    if (!opts.skipServer) pgVersion = await serverPhases(server!, opts, figures);

    const machine = describeMachine(pgVersion);
    console.log(`\nMachine: ${formatMachine(machine)}; load average at the end ${os.loadavg()[0]!.toFixed(2)}`);
    const file = appendRunToPerformanceDoc({ bench: "bench:recs", options: { ...opts, dataset: path.basename(opts.dataset) }, startedAt, machine, steal: stolenShare(cpuAtStart, machineCpuTicks()), figures: figures.figures });
    console.log(`Recorded in ${path.relative(process.cwd(), file)}`);
  },
};


function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Training on this thread (one core), the offline protocol, and growth on synthetic data. */
async function trainingPhase(opts: { dataset: string; skipLarge: boolean }, figures: FigureLog) {
  console.log(`\n== Training and offline metrics on ${path.basename(opts.dataset)}`);
  const dataset = await readMovielensDataset(opts.dataset);
  const data = buildTrainingData({ interactions: dataset.interactions, movies: dataset.movies });
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    trainModel("als", data, { factors: 64, iterations: 15 }, { seed: run + 1 });
    times.push((performance.now() - started) / 1000);
  }
  const als = median(times);
  figures.add("ALS 64 factors × 15 iterations, one core (median of 3)", `${als.toFixed(2)} s`, { target: "≤ 3 s", met: als <= 3 });

  const report = evaluateModels(data, { algorithms: ["popular", "als", "ease", "hybrid"], seed: 1, k: 10 });
  const byName = new Map(report.rows.map((r) => [r.algorithm, r]));
  for (const row of report.rows) figures.add(`P@10 / R@10 / NDCG@10 ${row.algorithm}`, `${row.precision.toFixed(3)} / ${row.recall.toFixed(3)} / ${row.ndcg.toFixed(3)}`);
  const best = Math.max(...report.rows.filter((r) => r.algorithm !== "popular").map((r) => r.precision));
  const ratio = best / byName.get("popular")!.precision;
  figures.add("best model's P@10 / popularity's", ratio.toFixed(2), { target: "≥ 1.9", met: ratio >= 1.9 });
  if (report.cold) {
    const cold = new Map(report.cold.rows.map((r) => [r.algorithm, r.precision]));
    const hybrid = cold.get("hybrid") ?? 0;
    const alsCold = cold.get("als") ?? 0;
    figures.add(`cold users (${report.cold.users}, ${report.cold.historyLength} interactions): P@10 hybrid / ALS`, `${hybrid.toFixed(3)} / ${alsCold.toFixed(3)}`, { target: "hybrid > ALS", met: hybrid > alsCold });
  }

  const sizes = opts.skipLarge ? [1_000_000] : [1_000_000, 5_000_000];
  const growth: { n: number; seconds: number; mb: number }[] = [];
  for (const n of sizes) {
    const synthetic = benchmarkInteractions(n);
    const started = performance.now();
    const model = trainModel("als", synthetic, { factors: 64, iterations: 15 }, { seed: 1 });
    const seconds = (performance.now() - started) / 1000;
    if (model.algorithm !== "als") throw new Error("trainModel answered another algorithm");
    // What training holds: the interactions as CSR (twice: by user and, transposed, by item), each
    // interaction's carried score (float64) and by-user position (int32), and the factors.
    const { indptr, indices, values } = synthetic.matrix;
    const bytes = 2 * (indices.byteLength + values.byteLength) + indptr.byteLength + (synthetic.matrix.cols + 1) * 4 + indices.length * 12 + model.factors.userFactors.byteLength + model.factors.itemFactors.byteLength;
    const mb = bytes / 2 ** 20;
    growth.push({ n, seconds, mb });
    figures.add(`ALS on ${fmt(n)} synthetic interactions: time, data and factors held`, `${seconds.toFixed(1)} s, ${mb.toFixed(0)} MB`);
  }
  if (growth.length === 2) {
    const [small, large] = growth as [(typeof growth)[number], (typeof growth)[number]];
    figures.add("5 M vs 1 M: time ×, memory × (linear: ≈ 5)", `${(large.seconds / small.seconds).toFixed(1)} ×, ${(large.mb / small.mb).toFixed(1)} ×`);
  }
}

interface ServerContext {
  app: AppServer;
  client: LoadClient;
  users: string[];
  headers: Record<string, string>;
}

async function serverPhases(serverUrl: string, opts: { dataset: string; seconds: number; rate: number; cpuProfileDir?: string }, figures: FigureLog): Promise<string | null> {
  console.log("\n== /recommend over HTTP on a production build");
  const scratch = await createScratchPostgres(serverUrl, "recs");
  const handle = await openDatabase({ ...scratch.options, maxConnections: 4 });
  let app: AppServer | null = null;
  try {
    await migrateDatabase(handle);
    const imported = await importMovielens(handle.db, opts.dataset);
    console.log(`Imported ${fmt(imported.movies.inserted)} movies and ${fmt(imported.ratings.inserted)} ratings`);
    await trainNow(handle, ["als", "ease", "hybrid", "popular"], { activate: true });
    const tokens = await prepareTokens(handle);
    app = await startAppServer({ databaseUrl: scratch.location, cpuProfileDir: opts.cpuProfileDir, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, RECS_DEFAULT_MODEL: "als" } });
    const headers = { authorization: `Bearer ${tokens.admin}` };
    const ctx: ServerContext = { app, client: createLoadClient({ port: app.port, headers, maxSockets: 64 }), users: await userIds(handle), headers };
    await measureUncached(ctx, figures);
    await warmCache(ctx);
    await measureCached(ctx, opts, figures);
    await measureFreshness(ctx, tokens.events, figures);
    await measureDuringTraining(ctx, opts, figures);
    ctx.client.close();
    return await postgresServerVersion(handle.db);
  } finally {
    await app?.stop();
    await handle.close();
    await scratch.dispose();
  }
}

async function prepareTokens(handle: DatabaseHandle) {
  await ensureAdmin(handle.db, ADMIN);
  const owner = (await findUserByEmail(handle.db, ADMIN.email))!;
  const admin = await createApiToken(handle.db, owner.id, { name: "bench recs", scopes: ["admin"] });
  const events = await createApiToken(handle.db, owner.id, { name: "bench recs events", scopes: ["events:write"] });
  return { admin: admin.token, events: events.token };
}

async function userIds(handle: DatabaseHandle): Promise<string[]> {
  const { interactionRows } = await import("@/db/queries/recs");
  return [...new Set((await interactionRows(handle.db)).map((r) => r.userId))].sort();
}

const recommend = (userId: string, extra = ""): BenchRequest => ({ path: `/api/v1/recommend/${encodeURIComponent(userId)}?k=20${extra}`, events: 1 });

/**
 * Scoring every movie, no cache: each user's first list, at 50 a second. The first lists of a
 * sixth of the users, one at a time, come first and are not counted: they load the route's code
 * and warm the JIT, which is a new server's first seconds, not its steady state. Every measured
 * request is still a user whose list was never computed.
 */
async function measureUncached(ctx: ServerContext, figures: FigureLog) {
  const warmUp = Math.floor(ctx.users.length / 6);
  for (const user of ctx.users.slice(0, warmUp)) await ctx.client.post(recommend(user));
  let next = warmUp;
  const rate = 50;
  const seconds = Math.min(10, Math.floor((ctx.users.length - warmUp) / rate));
  const result = await openLoop(ctx.client, { rate, seconds }, () => recommend(ctx.users[next++ % ctx.users.length]!));
  const p99 = percentile(result.latencies, 99);
  figures.add(`uncached /recommend at ${rate}/s, ${fmt(rate * seconds)} users: p99 (p50)`, `${p99.toFixed(1)} ms (${percentile(result.latencies, 50).toFixed(1)})`, { target: "≤ 30 ms", met: p99 <= 30 && result.errors === 0 });
}

/** Every user's list once, eight at a time, so the phases after this read the cache. */
async function warmCache(ctx: ServerContext) {
  for (let i = 0; i < ctx.users.length; i += 8) await Promise.all(ctx.users.slice(i, i + 8).map((user) => ctx.client.post(recommend(user))));
}

/** The cache against an empty handler served the same way: throughput, then the tail at a steady rate. */
async function measureCached(ctx: ServerContext, opts: { seconds: number; rate: number }, figures: FigureLog) {
  let i = 0;
  const cached = () => recommend(ctx.users[i++ % ctx.users.length]!);
  const noop = (): BenchRequest => ({ path: "/api/v1/bench/noop", events: 1 });
  // /recommend/{userId} is served from pages/api (lib/http/node-api-route.ts): the empty handler
  // served the same way is /bench/empty/{id}; /bench/noop is an empty handler in app/, for comparison.
  let j = 0;
  const empty = (): BenchRequest => ({ path: `/api/v1/bench/empty/${encodeURIComponent(ctx.users[j++ % ctx.users.length]!)}?k=20`, events: 1 });
  const appBaseline = await closedLoop(ctx.client, { concurrency: 32, seconds: opts.seconds }, noop);
  const baseline = await closedLoop(ctx.client, { concurrency: 32, seconds: opts.seconds }, empty);
  const lists = await closedLoop(ctx.client, { concurrency: 32, seconds: opts.seconds }, cached);
  const ratio = ratePerSecond(lists) / ratePerSecond(baseline);
  figures.add("empty GET handler in app/ (c=32)", `${fmt(Math.round(ratePerSecond(appBaseline)))} req/s`);
  figures.add("empty GET handler in pages/api, as /recommend (c=32)", `${fmt(Math.round(ratePerSecond(baseline)))} req/s`);
  figures.add("cached /recommend (c=32)", `${fmt(Math.round(ratePerSecond(lists)))} req/s`);
  figures.add("  ratio to the empty handler in app/", (ratePerSecond(lists) / ratePerSecond(appBaseline)).toFixed(2));
  figures.add("  ratio to the empty handler served the same way", ratio.toFixed(2), { target: "≥ 0.8", met: ratio >= 0.8 && lists.errors === 0 });

  const probe = startPauseProbe();
  const baselineSteady = await openLoop(ctx.client, { rate: opts.rate, seconds: opts.seconds }, empty);
  const steady = await openLoop(ctx.client, { rate: opts.rate, seconds: opts.seconds }, cached);
  const pauses = await probe.stop();
  const p99 = percentile(steady.latencies, 99);
  figures.add(`empty handler in pages/api at ${opts.rate}/s: p99`, `${percentile(baselineSteady.latencies, 99).toFixed(1)} ms`);
  figures.add(`cached /recommend at ${opts.rate}/s: p99 (p50)`, `${p99.toFixed(1)} ms (${percentile(steady.latencies, 50).toFixed(1)})`, { target: "≤ 10 ms", met: p99 <= 10 && steady.errors === 0 });
  const longPauses = pauses?.lateMs.filter((ms) => ms > 10) ?? [];
  figures.add("  machine pauses over 10 ms, longest", pauses ? `${longPauses.length}, ${Math.max(0, ...longPauses).toFixed(1)} ms` : "not measured");
  return p99;
}

/** After a rating, how long until the user's list no longer holds the movie (no retraining). */
async function measureFreshness(ctx: ServerContext, eventsToken: string, figures: FigureLog) {
  const eventsClient = createLoadClient({ port: ctx.app.port, headers: { authorization: `Bearer ${eventsToken}` }, maxSockets: 4 });
  const delays: number[] = [];
  for (const user of ctx.users.slice(0, 40)) {
    const before = await ctx.client.post(recommend(user));
    const top = (JSON.parse(before.body) as { movieIds: string[] }).movieIds[0];
    if (!top) continue;
    const sent = performance.now();
    const answer = await eventsClient.post({ path: "/api/v1/events/rating", body: Buffer.from(JSON.stringify({ userId: user, movieId: top, metadata: { rating: 3 } })), events: 1 });
    if (answer.status !== 202) continue;
    const accepted = performance.now();
    for (;;) {
      const list = await ctx.client.post(recommend(user));
      if (!(JSON.parse(list.body) as { movieIds: string[] }).movieIds.includes(top)) break;
      if (performance.now() - sent > 30_000) break;
      await sleep(50);
    }
    delays.push((performance.now() - accepted) / 1000);
  }
  eventsClient.close();
  const p95 = percentile(delays, 95);
  figures.add(`rating accepted → list without the movie, p95 (${delays.length} users)`, `${p95.toFixed(2)} s`, { target: "≤ 2 s", met: p95 <= 2 });
}

/** A full training (queued through the API, run by the app's job worker) and requests meanwhile. */
async function measureDuringTraining(ctx: ServerContext, opts: { seconds: number; rate: number }, figures: FigureLog) {
  let i = 0;
  const cached = () => recommend(ctx.users[i++ % ctx.users.length]!);
  const idle = await openLoop(ctx.client, { rate: opts.rate, seconds: opts.seconds }, cached);
  const started = await ctx.client.post({ path: "/api/v1/models", body: Buffer.from(JSON.stringify({ algorithm: "als" })), events: 1 });
  if (started.status !== 202) throw new Error(`could not start a training: ${started.status} ${started.body}`);
  const version = (JSON.parse(started.body) as { version: number }).version;
  const during = await openLoop(ctx.client, { rate: opts.rate, seconds: opts.seconds }, cached);
  const state = JSON.parse((await ctx.client.post({ path: `/api/v1/models/${version}`, events: 1 })).body) as { status: string; progress: number };
  const idleP99 = percentile(idle.latencies, 99);
  const duringP99 = percentile(during.latencies, 99);
  figures.add(`/recommend at ${opts.rate}/s: p99 idle / during a training`, `${idleP99.toFixed(1)} / ${duringP99.toFixed(1)} ms`, { target: "≤ 2 × idle", met: duringP99 <= 2 * idleP99 && during.errors === 0 });
  figures.add("  the training when the phase ended", `${state.status}, ${Math.round(state.progress * 100)}%`);
}
