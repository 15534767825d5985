import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { postgresServerVersion } from "@/db/queries/bench";
import { findUserByEmail } from "@/db/queries/users";
import { ensureAdmin } from "@/lib/auth/bootstrap-admin";
import { createApiToken } from "@/lib/auth/token-service";
import { positiveOption, UsageError, type Command } from "../cli/command";
import { fmt } from "../cli/progress";
import { assertProductionBuild, startAppServer, type AppServer } from "../bench/app-server";
import { describeMachine, machineCpuTicks, stolenShare } from "../bench/machine";
import { appendRunToPerformanceDoc, FigureLog, formatMachine } from "../bench/report";
import { createScratchPostgres } from "../bench/scratch-database";
import { formatSimulateReport, simulate } from "./simulate";

const DEFAULT_DATASET = path.resolve("..", "shared", "data", "ml-latest-small");
const ADMIN = { email: "bench-simulate@marquee.local", password: randomBytes(12).toString("base64url") };

/**
 * bench:simulate — the simulation client (`simulate`) against the production build on a scratch
 * Postgres database that starts empty, as a first deployment would: user reactions per second
 * (recommend + feedback + rating + watch), errors, and the app's p99 per endpoint from its own
 * request histograms beside the client's.
 */
export const benchSimulateCommand: Command = {
  name: "bench simulate",
  summary: "Run simulate on a MovieLens set against the production build on Postgres: reactions/s, errors, p99 per endpoint.",
  usage: "bench simulate [--dataset <dir>] [--movies 1000] [--concurrency 16] [--cycle 500] [--train-every 500] [--seed 1] [--cpu-profile <dir>]",
  options: {
    dataset: { type: "string" },
    movies: { type: "string" },
    concurrency: { type: "string" },
    cycle: { type: "string" },
    "train-every": { type: "string" },
    seed: { type: "string" },
    "cpu-profile": { type: "string" },
  },
  optionHelp: [
    `--dataset DIR      A MovieLens directory (default ${path.relative(process.cwd(), DEFAULT_DATASET)})`,
    "--movies N         Movies released (default 1000 of ml-latest-small's 9,742: about 10,000 reactions)",
    "--concurrency C    Reactions in flight (default 16)",
    "--cycle N          Movies per A/A or A/B cycle (default 500, so both kinds of cycle run)",
    "--train-every M    A training of each model every M movies (default 500, the seed's)",
    "--seed S           Release order (default 1)",
    "--cpu-profile DIR  Write V8 CPU profiles of the app process and its threads into DIR (open them in Chrome DevTools)",
    "Needs DATABASE_URL (a scratch database is created there and dropped) and `npm run build`.",
  ],
  async run({ values }) {
    const opts = {
      dataset: typeof values.dataset === "string" ? values.dataset : DEFAULT_DATASET,
      movies: positiveOption(values.movies, 1000, "--movies"),
      concurrency: positiveOption(values.concurrency, 16, "--concurrency"),
      cycle: positiveOption(values.cycle, 500, "--cycle"),
      trainEvery: positiveOption(values["train-every"], 500, "--train-every"),
      seed: positiveOption(values.seed, 1, "--seed"),
      cpuProfileDir: typeof values["cpu-profile"] === "string" ? values["cpu-profile"] : undefined,
    };
    if (!fs.existsSync(opts.dataset)) throw new UsageError(`--dataset: ${opts.dataset} does not exist`);
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new UsageError("bench simulate needs DATABASE_URL (a Postgres server where it may create a scratch database)");
    assertProductionBuild();

    const startedAt = new Date();
    const cpuAtStart = machineCpuTicks();
    const uptimeAtStart = uptime();
    console.log(`Machine load at start: ${uptimeAtStart}`);
    const figures = new FigureLog({ labelWidth: 52, valueWidth: 22, targets: "verdict" });

    const scratch = await createScratchPostgres(serverUrl, "simulate");
    const handle = await openDatabase({ ...scratch.options, maxConnections: 2 });
    let app: AppServer | null = null;
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-bench-simulate-"));
    let pgVersion: string | null = null;
    let setup: string[] = [];
    try {
      await migrateDatabase(handle);
      await ensureAdmin(handle.db, ADMIN);
      const owner = (await findUserByEmail(handle.db, ADMIN.email))!;
      const token = (await createApiToken(handle.db, owner.id, { name: "bench simulate", scopes: ["admin"] })).token;
      pgVersion = await postgresServerVersion(handle.db);
      app = await startAppServer({ databaseUrl: scratch.location, cpuProfileDir: opts.cpuProfileDir, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
      setup = [
        `The production build under next start (NODE_OPTIONS ${app.nodeOptions || "none"}), job workers on its worker thread, on an empty scratch database: no movie and no model at the start.`,
        `The client in the bench's process on the same machine, over loopback; the app's p99 is read from its request histogram on /api/metrics (buckets 5, 10, 25, 50, 100, 250, 500 ms, 1, 2.5, 5 s; interpolated within a bucket), the client's measured per request.`,
        `Machine load (uptime) at the start: ${uptimeAtStart}.`,
      ];

      const report = await simulate({
        baseUrl: `http://127.0.0.1:${app.port}`,
        token,
        dataset: opts.dataset,
        movies: opts.movies,
        concurrency: opts.concurrency,
        seed: opts.seed,
        cycleLength: opts.cycle,
        trainEvery: opts.trainEvery,
        models: { aa: "als", a: "als", b: "popular" },
        stateFile: path.join(stateDir, "state.json"),
        fresh: true,
      });
      console.log(`\n${formatSimulateReport(report)}\n`);

      const c = report.state.counts;
      const rate = report.reactionsThisRun / report.seconds;
      const refused = report.http.refused.reduce((n, r) => n + r.count, 0);
      const failed = Object.values(report.http.failed).reduce((n, v) => n + v, 0);
      const errors = refused + failed + c.failedReactions + c.skippedReactions;
      figures.add("reactions per second (recommend + feedback + rating + watch)", `${rate.toFixed(1)}/s`, { target: "≥ 200/s", met: rate >= 200 });
      figures.add(`  reactions, seconds`, `${fmt(c.reactions)} in ${report.seconds.toFixed(0)} s`);
      figures.add(`  movies released, trainings started`, `${fmt(c.moviesReleased)}, ${fmt(c.trainingsStarted)}`);
      figures.add("errors (4xx, failed after retries, incomplete reactions)", fmt(errors), { target: "0", met: errors === 0 });
      figures.add("  retries", fmt(report.http.retries));
      for (const l of report.latency) {
        const app = l.appP99Ms === null ? "–" : `${l.appP99Above ? "> " : ""}${l.appP99Ms.toFixed(0)} ms`;
        const client = l.clientP99Ms === null ? "–" : `${l.clientP99Ms.toFixed(0)} ms`;
        figures.add(`p99 ${l.endpoint}: app / client`, `${app} / ${client}`);
      }
      for (const e of report.experiments) figures.add(`${e.phase} verdict`, e.verdict.length > 60 ? `${e.verdict.slice(0, 57)}…` : e.verdict);
      if (app.problems.count) setup.push(`The app logged ${app.problems.count} warnings or errors; the latest: ${app.problems.latest.at(-1)?.slice(0, 200)}`);
    } finally {
      await app?.stop();
      await handle.close();
      await scratch.dispose();
      fs.rmSync(stateDir, { recursive: true, force: true });
    }

    const uptimeAtEnd = uptime();
    setup.push(`Machine load (uptime) at the end: ${uptimeAtEnd}.`);
    const machine = describeMachine(pgVersion);
    console.log(`Machine: ${formatMachine(machine)}; load at the end: ${uptimeAtEnd}`);
    const file = appendRunToPerformanceDoc({
      bench: "bench:simulate",
      options: { ...opts, dataset: path.basename(opts.dataset) },
      startedAt,
      machine,
      steal: stolenShare(cpuAtStart, machineCpuTicks()),
      setup,
      figures: figures.figures,
    });
    console.log(`Recorded in ${path.relative(process.cwd(), file)}`);
  },
};

/** `uptime`'s line (load averages over 1, 5 and 15 minutes), or Node's load averages without it. */
function uptime(): string {
  try {
    return execFileSync("uptime", { encoding: "utf8" }).trim();
  } catch {
    return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`;
  }
}
