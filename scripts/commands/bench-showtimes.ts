import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { setProcessDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import {
  analyzeAllTables,
  countTickets,
  deleteTicketsOfBatch,
  insertTicketsForBatch,
  insertTicketsForTheaters,
  postgresServerVersion,
  runAndRollBack,
  scheduleShowsInEveryTheater,
} from "@/db/queries/bench";
import { createUser } from "@/db/queries/users";
import { insertMovie } from "@/db/queries/movies";
import { findShowtimesBusyDuring } from "@/db/queries/showtimes";
import { rectangularSeatMap } from "@/lib/theaters/seat-map";
import { planSlot } from "@/lib/showtimes/conflicts";
import { bossStarted, getBoss } from "@/lib/jobs/runtime";
import { insertTheater } from "@/db/queries/theaters";
import { encode } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/secret";
import { ProgressBar, fmt } from "../cli/progress";
import type { Command } from "../cli/command";
import { describeMachine, machineCpuTicks, stolenShare } from "../bench/machine";
import { percentile } from "../bench/percentiles";
import { appendRunToPerformanceDoc, FigureLog, type BenchRun } from "../bench/report";
import { createScratchDatabase, scratchDatabaseOptions } from "../bench/scratch-database";

/**
 * bench:showtimes — the scale: 200 theaters × 60 days × 8 shows already scheduled with
 * their tickets, then one batch of 1 movie × 200 theaters × 56 start times through the real
 * route handlers, pg-boss worker and SSE stream (in this process, without an HTTP hop).
 */
export const benchShowtimesCommand: Command = {
  name: "bench showtimes",
  summary: "Measure conflict checks, batch throughput, time to first SSE event and memory at the showtime issue's scale.",
  usage: "bench showtimes [--theaters 200] [--days 60] [--shows 8] [--seats 150] [--runs 30]",
  options: { theaters: { type: "string" }, days: { type: "string" }, shows: { type: "string" }, seats: { type: "string" }, runs: { type: "string" } },
  optionHelp: [
    "--theaters N  Theaters (default 200)",
    "--days N      Days already scheduled (default 60)",
    "--shows N     Shows per theater per day (default 8)",
    "--seats N     Seats per theater, about (default 150)",
    "--runs N      Repetitions of the conflict check (default 30)",
    "Uses a new database on the server in DATABASE_URL (dropped afterwards), else a temporary PGlite.",
  ],
  async run({ values }) {
    const opts = {
      theaters: Number(values.theaters ?? 200),
      days: Number(values.days ?? 60),
      shows: Number(values.shows ?? 8),
      seats: Number(values.seats ?? 150),
      runs: Number(values.runs ?? 30),
    };
    // The seeding runs in a child process, so the figures are those of an app process that only
    // serves the batch (PGlite's heap grows with a 16-million-row seed and never gives it back).
    const seedTarget = process.env.MARQUEE_BENCH_SEED_TARGET;
    if (seedTarget) {
      const handle = await openDatabase(scratchDatabaseOptions(seedTarget));
      try {
        await seed(handle, opts);
      } finally {
        await handle.close();
      }
      return;
    }
    const target = await createScratchDatabase(process.env.DATABASE_URL, "showtimes");
    try {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2)], {
        stdio: "inherit",
        env: { ...process.env, MARQUEE_BENCH_SEED_TARGET: target.location },
      });
      if (child.status !== 0) throw new Error(`seeding failed (exit ${child.status ?? child.signal})`);
      const handle = await openDatabase({ ...target.options, maxConnections: 10 });
      try {
        const run = await measure(handle, opts);
        const file = appendRunToPerformanceDoc(run);
        console.log(`\nRecorded in ${path.relative(process.cwd(), file)}`);
      } finally {
        await (await bossStarted())?.stop({ graceful: false, timeout: 2_000 }).catch(() => {});
        await handle.close();
      }
    } finally {
      await target.dispose();
    }
  },
};

type BenchOptions = { theaters: number; days: number; shows: number; seats: number; runs: number };

const day0 = Date.UTC(2031, 0, 1);
const theaterIdsFor = (opts: BenchOptions) => Array.from({ length: opts.theaters }, (_, i) => `bench-${String(i).padStart(3, "0")}`);

async function seed(handle: DatabaseHandle, opts: BenchOptions) {
  const { db } = handle;
  await migrateDatabase(handle);

  // --- seed: theaters, one scheduled movie, 96,000 showtimes with tickets -----------------------
  const seedStarted = performance.now();
  await createUser(db, { id: "bench-admin", email: "bench@example.com", role: "admin", displayName: "Bench" });
  await insertMovie(db, "scheduled", { title: "Already Scheduled", runtimeMinutes: 100 });
  await insertMovie(db, "new-release", { title: "New Release", runtimeMinutes: 110 });
  const rows = Math.max(1, Math.round(opts.seats / 15));
  const theaterIds = theaterIdsFor(opts);
  const bar = new ProgressBar("theaters", theaterIds.length);
  for (const id of theaterIds) {
    await insertTheater(db, id, { name: `Bench ${id}`, city: "Bench City", timeZone: "UTC", turnoverMinutes: 15, seatMap: rectangularSeatMap(rows, Math.round(opts.seats / rows), [4]) });
    bar.tick();
  }
  bar.done();
  // Shows every 3 hours from 00:00 on day 1; the batch goes on the days after.
  const existingShowtimes = opts.theaters * opts.days * opts.shows;
  await scheduleShowsInEveryTheater(db, { movieId: "scheduled", firstDay: new Date(day0), days: opts.days, showsPerDay: opts.shows, hoursApart: 3, runtimeMinutes: 100, turnoverMinutes: 15 });
  const ticketBar = new ProgressBar("seed tickets", theaterIds.length, "theaters");
  for (let i = 0; i < theaterIds.length; i += 10) {
    await insertTicketsForTheaters(db, { theaterIds: theaterIds.slice(i, i + 10) });
    ticketBar.update(Math.min(theaterIds.length, i + 10));
  }
  ticketBar.done();
  await analyzeAllTables(db);
  const seededTickets = await countTickets(db);
  console.log(`Seeded ${fmt(existingShowtimes)} showtimes and ${fmt(seededTickets)} tickets in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
}

async function measure(handle: DatabaseHandle, opts: BenchOptions): Promise<BenchRun> {
  const { db } = handle;
  setProcessDatabase(handle);
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const cpuAtStart = machineCpuTicks();
  const version = await postgresServerVersion(db);
  const machine = describeMachine(version && handle.driver === "pglite" ? `${version} (PGlite)` : version);
  console.log(`Machine: ${machine.cores} cores, ${machine.memoryGiB.toFixed(0)} GiB, Node ${machine.nodeVersion}, ${handle.driver}`);
  const theaterIds = theaterIdsFor(opts);
  const existingShowtimes = opts.theaters * opts.days * opts.shows;

  // --- the batch: 200 theaters × 56 start times after the scheduled days ----------------------
  const startTimes = Array.from({ length: 56 }, (_, i) => new Date(day0 + (opts.days + Math.floor(i / 8)) * 86_400_000 + (i % 8) * 3 * 3600_000).toISOString());

  // Start the process as the app starts: the job queue and its workers, and on PGlite the
  // conflict check's warm-up (MARQUEE_WARM_UP_MS). Nothing else runs before the clock does.
  const warmUpStarted = performance.now();
  await getBoss();
  const startupMs = performance.now() - warmUpStarted;

  const checks = await conflictChecks(db, theaterIds, startTimes, opts);
  const batch = await batchThroughTheRoutes(db, theaterIds, startTimes, opts);
  const ticketsPerSecond = batch.createdTickets / (batch.terminalMs / 1000);
  // A bare INSERT … SELECT of the same tickets into the same table, rolled back afterwards.
  const bareMs = await runAndRollBack(db, async (tx) => {
    await deleteTicketsOfBatch(tx, { batchId: batch.transactionId });
    const started = performance.now();
    await insertTicketsForBatch(tx, { batchId: batch.transactionId });
    return performance.now() - started;
  });
  const bareRate = batch.createdTickets / (bareMs / 1000);

  const figures = new FigureLog({ labelWidth: 46, valueWidth: 14, targets: "parenthesised" });
  const line = figures.add.bind(figures);
  const heading = `${handle.driver}, ${fmt(existingShowtimes)} existing showtimes, batch of ${fmt(checks.slots)} showtimes / ${fmt(batch.createdTickets)} tickets`;
  const p95 = percentile(checks.timings, 95);
  const ratio = ticketsPerSecond / bareRate;
  const peakMb = Math.round(batch.peakRss / 2 ** 20);
  console.log(`\nbench:showtimes — ${heading}`);
  line("app start-up (job queue, warm-up on PGlite)", `${startupMs.toFixed(0)} ms`);
  line("conflict check p50", `${percentile(checks.timings, 50).toFixed(1)} ms`);
  line("conflict check p95", `${p95.toFixed(1)} ms`, { target: "≤ 50 ms", met: p95 <= 50 });
  line(`conflict check, every slot hits (${fmt(checks.hits)} found)`, `${checks.hitMs.toFixed(1)} ms`);
  line("POST answered (202)", `${batch.acceptedMs.toFixed(0)} ms`);
  line("POST → first SSE event", `${batch.firstEventMs.toFixed(0)} ms`, { target: "≤ 200 ms", met: batch.firstEventMs <= 200 });
  line("POST → terminal event", `${(batch.terminalMs / 1000).toFixed(2)} s`);
  line("tickets per second (batch)", fmt(Math.round(ticketsPerSecond)));
  line("tickets per second (bare INSERT … SELECT)", fmt(Math.round(bareRate)));
  line("ratio batch / bare", ratio.toFixed(2), { target: "≥ 0.6", met: ratio >= 0.6 });
  line("peak RSS during the batch", `${peakMb} MB`, { target: "≤ 500 MB", met: peakMb <= 500 });
  line("RSS before the batch", `${Math.round(batch.baseRss / 2 ** 20)} MB`);

  return {
    bench: "bench:showtimes",
    options: { ...opts },
    startedAt,
    machine,
    steal: stolenShare(cpuAtStart, machineCpuTicks()),
    setup: [heading, `load average (1 min) at the start ${loadAtStart.toFixed(2)}, at the end ${os.loadavg()[0]!.toFixed(2)}`],
    figures: figures.figures,
  };
}

/** The batch's conflict check, `opts.runs` times (it finds nothing), then once where every slot hits a scheduled show. */
async function conflictChecks(db: Db, theaterIds: string[], startTimes: string[], opts: BenchOptions) {
  const slots = theaterIds.flatMap((id) => startTimes.map((s) => planSlot(id, new Date(s), 110, 15)));
  const timings: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const started = performance.now();
    const found = await findShowtimesBusyDuring(db, slots);
    timings.push(performance.now() - started);
    if (found.length) throw new Error("the benchmark batch should not conflict");
  }
  // And the same check when every slot does hit something (the failure path's cost).
  const hitting = theaterIds.flatMap((id) => startTimes.map((s) => planSlot(id, new Date(new Date(s).getTime() - opts.days * 86_400_000), 110, 15)));
  const hitStarted = performance.now();
  const hits = await findShowtimesBusyDuring(db, hitting);
  return { slots: slots.length, timings, hits: hits.length, hitMs: performance.now() - hitStarted };
}

/**
 * The batch through the real route handlers, pg-boss worker and SSE stream, after one small batch
 * to warm the path up as a running app would have: how soon it was answered, its first and last
 * progress event, and this process's memory meanwhile.
 */
async function batchThroughTheRoutes(db: Db, theaterIds: string[], startTimes: string[], opts: BenchOptions) {
  const { POST } = await import("@/app/api/v1/showtime-creation/showtimes/route");
  const { GET: progress } = await import("@/app/api/v1/showtime-creation/batches/[transactionId]/events/route");
  const cookie = `next-auth.session-token=${await encode({ token: { sub: "bench-admin", role: "admin" }, secret: await getAuthSecret(db) })}`;
  const post = async (body: object) => {
    const response = await POST(new Request("http://bench/api/v1/showtime-creation/showtimes", { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) }));
    return (await response.json()) as { transactionId: string };
  };
  const stream = (transactionId: string) => progress(new Request(`http://bench/x`, { headers: { cookie } }), { params: Promise.resolve({ transactionId }) });

  const warmTime = new Date(day0 + (opts.days + 10) * 86_400_000).toISOString();
  const warm = await post({ movieId: "new-release", theaterIds: [theaterIds[0]], durationInMinutes: 110, startTimes: [warmTime] });
  await (await stream(warm.transactionId)).text();

  let peakRss = process.memoryUsage().rss;
  const baseRss = peakRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  const posted = performance.now();
  const accepted = await post({ movieId: "new-release", theaterIds, durationInMinutes: 110, startTimes });
  const acceptedMs = performance.now() - posted;
  const reader = (await stream(accepted.transactionId)).body!.getReader();
  const decoder = new TextDecoder();
  let firstEventMs: number | null = null;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (firstEventMs === null && text.includes("data:")) firstEventMs = performance.now() - posted;
  }
  const terminalMs = performance.now() - posted;
  clearInterval(sampler);
  const frames = text.split("\n\n").filter((f) => f.includes("data:"));
  const terminal = JSON.parse(frames.at(-1)!.split("data: ")[1]!) as { status: string; createdShowtimes: number; createdTickets: number; message?: string };
  if (terminal.status !== "succeeded") throw new Error(`batch ended ${terminal.status}: ${terminal.message ?? ""}`);
  return { transactionId: accepted.transactionId, acceptedMs, firstEventMs: firstEventMs!, terminalMs, createdTickets: terminal.createdTickets, peakRss, baseRss };
}
