import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { setProcessDatabase } from "@/db";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { analyzeAllTables, countExperimentSessions, postgresServerVersion, rebuildExperimentTotals, seedExperimentSessions } from "@/db/queries/bench";
import { insertExperiment } from "@/db/queries/experiments";
import { createUser } from "@/db/queries/users";
import { getAuthSecret } from "@/lib/auth/secret";
import { experimentResults } from "@/lib/experiments/experiment-service";
import * as resultsRoute from "@/app/api/v1/experiments/[id]/results/route";
import { positiveOption, type Command } from "../cli/command";
import { fmt } from "../cli/progress";
import { startAppServer } from "../bench/app-server";
import { describeMachine, machineCpuTicks, stolenShare } from "../bench/machine";
import { percentile } from "../bench/percentiles";
import { appendRunToPerformanceDoc, FigureLog } from "../bench/report";
import { createScratchDatabase } from "../bench/scratch-database";

const TARGET_MS = 500;

/**
 * bench:experiments — an experiment with a million logged sessions (a fifth with feedback) and
 * its totals, then the time to answer GET /api/v1/experiments/{id}/results and to render
 * /admin/experiments/{id}: in this process always, and over HTTP from the production build when
 * there is one and the database is a Postgres server the app can share.
 */
export const benchExperimentsCommand: Command = {
  name: "bench experiments",
  summary: "Time the experiment results API and page with a million logged sessions.",
  usage: "bench experiments [--sessions 1000000] [--users 50000] [--days 2] [--runs 30]",
  options: { sessions: { type: "string" }, users: { type: "string" }, days: { type: "string" }, runs: { type: "string" } },
  optionHelp: [
    "--sessions N  Logged recommendation sessions (default 1,000,000); every 5th has feedback",
    "--users N     Distinct users (default 50,000)",
    "--days N      Days the sessions are spread over, ending now (default 2)",
    "--runs N      Timed requests per measurement (default 30)",
    "Uses a new database on the server in DATABASE_URL (dropped afterwards), else a temporary PGlite (in-process timings only).",
  ],
  async run({ values }) {
    const opts = {
      sessions: positiveOption(values.sessions, 1_000_000, "--sessions"),
      users: positiveOption(values.users, 50_000, "--users"),
      days: positiveOption(values.days, 2, "--days"),
      runs: positiveOption(values.runs, 30, "--runs"),
    };
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, "experiments");
    const handle = await openDatabase({ ...scratch.options, maxConnections: 4 });
    try {
      const startedAt = new Date();
      const cpuAtStart = machineCpuTicks();
      const { db } = handle;
      await migrateDatabase(handle);
      setProcessDatabase(handle);
      const version = await postgresServerVersion(db);
      const machine = describeMachine(version && handle.driver === "pglite" ? `${version} (PGlite)` : version);

      // --- seed ------------------------------------------------------------------------------------
      await createUser(db, { id: "bench-admin", email: "bench@example.com", role: "admin", displayName: "Bench" });
      const to = new Date();
      const from = new Date(to.getTime() - opts.days * 86_400_000);
      const experiment = await insertExperiment(db, {
        name: "Bench: ALS vs EASE",
        description: "",
        mode: "ab",
        context: "home",
        variants: [
          { name: "A", algorithm: "als", version: null, weight: 50 },
          { name: "B", algorithm: "ease", version: null, weight: 50 },
        ],
        status: "running",
        startedAt: from,
        endsAt: null,
        createdBy: "bench-admin",
      });
      let clock = performance.now();
      await seedExperimentSessions(db, { experimentId: experiment.id, sessions: opts.sessions, users: opts.users, from, to, sessionsPerCycle: Math.ceil(opts.sessions / 6) });
      const seedMs = performance.now() - clock;
      clock = performance.now();
      await rebuildExperimentTotals(db, { experimentId: experiment.id });
      const totalsMs = performance.now() - clock;
      await analyzeAllTables(db);
      const logged = await countExperimentSessions(db, { experimentId: experiment.id });
      console.log(`Seeded ${fmt(logged.sessions)} sessions (${fmt(logged.feedback)} with feedback) in ${(seedMs / 1000).toFixed(1)} s; totals in ${(totalsMs / 1000).toFixed(1)} s`);

      // --- in this process ---------------------------------------------------------------------------
      const cookie = `next-auth.session-token=${await encode({ token: { sub: "bench-admin", role: "admin" }, secret: await getAuthSecret(db) })}`;
      const routeTimes = await timeRuns(opts.runs, async () => {
        const response = await resultsRoute.GET(new Request(`http://bench/api/v1/experiments/${experiment.id}/results`, { headers: { cookie } }), { params: Promise.resolve({ id: experiment.id }) });
        if (response.status !== 200) throw new Error(`results answered ${response.status}: ${await response.text()}`);
        return (await response.json()) as { variants: { sessions: number }[]; verdict: string };
      });
      const answer = routeTimes.last;
      const counted = answer.variants.reduce((n, v) => n + v.sessions, 0);
      if (counted !== logged.sessions) throw new Error(`the results count ${counted} sessions, the log holds ${logged.sessions}`);
      const serviceTimes = await timeRuns(opts.runs, () => experimentResults(db, experiment.id, new Date()));

      // --- over HTTP, from the production build ----------------------------------------------------
      let http: { results: number[]; page: number[]; pageBytes: number } | null = null;
      let httpNote = "over HTTP: skipped (needs DATABASE_URL and a production build, `npm run build`)";
      if (scratch.driver === "postgres" && fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
        const secret = randomBytes(24).toString("hex");
        const server = await startAppServer({ databaseUrl: scratch.location, env: { AUTH_SECRET: secret, MARQUEE_WORKERS: "off" } });
        try {
          const httpCookie = `next-auth.session-token=${await encode({ token: { sub: "bench-admin", role: "admin" }, secret })}`;
          const get = async (url: string) => {
            const response = await fetch(`http://127.0.0.1:${server.port}${url}`, { headers: { cookie: httpCookie }, redirect: "manual" });
            const text = await response.text();
            if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
            return text;
          };
          // Once each to compile nothing and warm the pools, as a first visitor would have.
          await get(`/api/v1/experiments/${experiment.id}/results`);
          const firstPage = await get(`/admin/experiments/${experiment.id}`);
          if (!firstPage.includes(answer.verdict.slice(0, 40).replace(/&/g, "&amp;"))) console.warn("  the page's HTML does not show the verdict");
          const results = await timeRuns(opts.runs, () => get(`/api/v1/experiments/${experiment.id}/results`));
          const page = await timeRuns(opts.runs, () => get(`/admin/experiments/${experiment.id}`));
          http = { results: results.times, page: page.times, pageBytes: Buffer.byteLength(page.last) };
          httpNote = `over HTTP: next start on the production build, port ${server.port}`;
        } finally {
          await server.stop();
        }
      }

      // --- report ----------------------------------------------------------------------------------------
      const figures = new FigureLog({ labelWidth: 52, valueWidth: 12, targets: "verdict" });
      const line = figures.add.bind(figures);
      const heading = `${handle.driver}, ${fmt(logged.sessions)} logged sessions (${fmt(logged.feedback)} with feedback) over ${opts.days} days, ${fmt(opts.users)} users`;
      console.log(`\nbench:experiments — ${heading}`);
      line("seed: sessions and feedback (generate_series)", `${(seedMs / 1000).toFixed(1)} s`);
      line("seed: totals from the log, set-based", `${(totalsMs / 1000).toFixed(1)} s`);
      line("GET …/results in process, p50", `${percentile(routeTimes.times, 50).toFixed(1)} ms`);
      line("GET …/results in process, p95", `${percentile(routeTimes.times, 95).toFixed(1)} ms`, { target: `≤ ${TARGET_MS} ms`, met: percentile(routeTimes.times, 95) <= TARGET_MS });
      line("the page's data (experimentResults), p95", `${percentile(serviceTimes.times, 95).toFixed(1)} ms`);
      if (http) {
        line("GET …/results over HTTP, p50", `${percentile(http.results, 50).toFixed(1)} ms`);
        line("GET …/results over HTTP, p95", `${percentile(http.results, 95).toFixed(1)} ms`, { target: `≤ ${TARGET_MS} ms`, met: percentile(http.results, 95) <= TARGET_MS });
        line("GET /admin/experiments/{id} (HTML), p50", `${percentile(http.page, 50).toFixed(1)} ms`);
        line("GET /admin/experiments/{id} (HTML), p95", `${percentile(http.page, 95).toFixed(1)} ms`, { target: `≤ ${TARGET_MS} ms`, met: percentile(http.page, 95) <= TARGET_MS });
        line("page size", `${fmt(Math.round(http.pageBytes / 1024))} KiB`);
      }
      console.log(`  ${httpNote}`);
      const file = appendRunToPerformanceDoc({
        bench: "bench:experiments",
        options: { ...opts },
        startedAt,
        machine,
        steal: stolenShare(cpuAtStart, machineCpuTicks()),
        setup: [
          heading,
          "The results read the experiment's totals (rows per variant and day, per-minute scores, and a row per user and variant for the tests over users), never the session log; the bench builds those totals from its generated log in one set-based pass, as logging and feedback keep them.",
          httpNote,
          `load average (1 min) at the end ${os.loadavg()[0]!.toFixed(2)}`,
        ],
        figures: figures.figures,
      });
      console.log(`Recorded in ${file}`);
    } finally {
      await handle.close();
      await scratch.dispose();
    }
  },
};

async function timeRuns<T>(runs: number, body: () => Promise<T>): Promise<{ times: number[]; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await body();
    times.push(performance.now() - started);
  }
  return { times, last: last as T };
}
