import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { countEventsAndDeadLetters, insertBenchMovies, postgresServerVersion } from "@/db/queries/bench";
import { findUserByEmail } from "@/db/queries/users";
import { ensureAdmin } from "@/lib/auth/bootstrap-admin";
import { createApiToken } from "@/lib/auth/token-service";
import { KNOWN_GENRES } from "@/lib/catalog/contract";
import { positiveOption, UsageError, type Command } from "../cli/command";
import { fmt } from "../cli/progress";
import { assertProductionBuild, readEventLoopDelay, startAppServer, startWorkerProcess, type AppServer, type BenchProcess } from "../bench/app-server";
import { eventWorkerJobsSince, FreshnessProbe, tallyReceipts, waitForEventsProcessed, type ReceiptTally } from "../bench/event-pipeline";
import { closedLoop, createLoadClient, openLoop, ratePerSecond, sleep, type Answer, type BenchRequest, type LoadClient, type PhaseResult } from "../bench/load";
import { describeMachine, machineCpuTicks, measureCpuPerRequest, startPauseProbe, stolenShare, type MachineCpuTicks, type MachineInfo } from "../bench/machine";
import { percentile } from "../bench/percentiles";
import { appendRunToPerformanceDoc, FigureLog, formatMachine, type BenchRun } from "../bench/report";
import { createScratchPostgres } from "../bench/scratch-database";
import { SyntheticEvents } from "../bench/synthetic-events";

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
      seconds: positiveOption(values.seconds, 30, "--seconds"),
      concurrency: positiveOption(values.concurrency, 32, "--concurrency"),
      rate: positiveOption(values.rate, 300, "--rate"),
      batchSize: positiveOption(values["batch-size"], 1000, "--batch-size"),
      batchConcurrency: positiveOption(values["batch-concurrency"], 2, "--batch-concurrency"),
      movies: positiveOption(values.movies, 300, "--movies"),
      users: positiveOption(values.users, 2000, "--users"),
      workers: (values.workers ?? "thread") as keyof typeof WORKER_PLACES,
      cpuProfileDir: values["cpu-profile"] as string | undefined,
    };
    if (!Object.hasOwn(WORKER_PLACES, opts.workers)) throw new UsageError("--workers: thread, inline or separate");
    if (opts.batchSize > 1000) throw new UsageError("--batch-size: at most 1000 (the API's limit)");
    const server = process.env.DATABASE_URL;
    if (!server) throw new UsageError("bench events needs DATABASE_URL: a Postgres server to create its scratch database on");
    assertProductionBuild();

    const scratch = await createScratchPostgres(server, "events");
    const handle = await openDatabase({ ...scratch.options, maxConnections: 4 });
    let app: AppServer | null = null;
    let worker: BenchProcess | null = null;
    const stop = () => Promise.all([app?.stop(), worker?.stop()]);
    process.once("SIGINT", stop);
    try {
      await migrateDatabase(handle);
      const tokens = await prepareDatabase(handle.db, opts);
      app = await startAppServer({
        databaseUrl: scratch.location,
        env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, MARQUEE_WORKERS: opts.workers === "separate" ? "off" : opts.workers },
        cpuProfileDir: opts.cpuProfileDir,
      });
      if (opts.workers === "separate") worker = await startWorkerProcess(scratch.location);
      const run = await benchmark(handle.db, app, tokens, opts);
      const file = appendRunToPerformanceDoc(run);
      console.log(`\nRecorded in ${path.relative(process.cwd(), file)}`);
    } finally {
      process.off("SIGINT", stop);
      await stop();
      await handle.close();
      await scratch.dispose();
    }
  },
};

type Options = { seconds: number; concurrency: number; rate: number; batchSize: number; batchConcurrency: number; movies: number; users: number; workers: keyof typeof WORKER_PLACES; cpuProfileDir?: string };


const ADMIN = { email: "bench@marquee.local", password: randomBytes(12).toString("base64url") };

/** The admin, the movies the events name, and two tokens: one to send events, one to read the app's metrics. */
async function prepareDatabase(db: Db, opts: { movies: number }) {
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
  return { token: token.token, metricsToken: metricsToken.token };
}

/** What the phases share: the app, the clients that load it, and what was accepted and kept to resend. */
interface PhaseContext {
  db: Db;
  app: AppServer;
  opts: Options;
  headers: Record<string, string>;
  /** The closed loops' client: as many connections as requests in flight. */
  client: LoadClient;
  runId: string;
  tally: ReceiptTally;
  /** A sample of accepted requests, sent again in phase 4. */
  sent: BenchRequest[];
  noop: () => BenchRequest;
  echo: () => BenchRequest;
}

async function benchmark(db: Db, app: AppServer, { token, metricsToken }: { token: string; metricsToken: string }, opts: Options): Promise<BenchRun> {
  const startedAt = new Date();
  const machine = describeMachine(await postgresServerVersion(db));
  const loadAtStart = os.loadavg()[0]!;
  const cpuAtStart = machineCpuTicks();
  console.log(`Machine: ${formatMachine(machine)}; load average ${loadAtStart.toFixed(2)}`);
  const headers = { authorization: `Bearer ${token}` };
  const runId = Date.now().toString(36);
  const warm = new SyntheticEvents(`warm-${runId}`, opts.users, opts.movies);
  const ctx: PhaseContext = {
    db,
    app,
    opts,
    headers,
    client: createLoadClient({ port: app.port, headers, maxSockets: opts.concurrency }),
    runId,
    tally: { accepted: 0, duplicates: 0 },
    sent: [],
    noop: () => ({ path: "/api/v1/bench/noop", body: warm.single().body, events: 1 }),
    echo: () => ({ path: "/api/v1/bench/echo", body: warm.single().body, events: 1 }),
  };

  await warmUp(ctx, warm);
  const throughput = await singleEventsPhase(ctx);
  const steady = await steadyRatePhase(ctx, metricsToken);
  const batch = await batchPhase(ctx);
  const resend = await resendPhase(ctx);
  ctx.client.close();
  return report(ctx, { throughput, steady, batch, resend }, { startedAt, machine, loadAtStart, cpuAtStart });
}

type PhaseResults = {
  throughput: Awaited<ReturnType<typeof singleEventsPhase>>;
  steady: Awaited<ReturnType<typeof steadyRatePhase>>;
  batch: PhaseResult;
  resend: Awaited<ReturnType<typeof resendPhase>>;
};

/** Prints the figures, each with its target where it has one, and returns the run to record. */
function report(
  { app, opts, tally }: PhaseContext,
  { throughput, steady, batch, resend }: PhaseResults,
  { startedAt, machine, loadAtStart, cpuAtStart }: { startedAt: Date; machine: MachineInfo; loadAtStart: number; cpuAtStart: MachineCpuTicks | null },
): BenchRun {
  const { baseline, bodyOnly, single } = throughput;
  const baselineRate = ratePerSecond(baseline);
  const singleRate = ratePerSecond(single);
  const ratio = singleRate / baselineRate;
  const batchRate = ratePerSecond(batch, opts.batchSize);
  const steadyP99 = percentile(steady.events.latencies, 99);
  const freshP95 = percentile(steady.freshness.unseen ? [...steady.freshness.delays, Number.POSITIVE_INFINITY] : steady.freshness.delays, 95);
  const bodyOnlyRate = ratePerSecond(bodyOnly);
  const phases = [baseline, bodyOnly, single, steady.baseline, steady.echo, steady.events, batch];
  const errors = phases.reduce((sum, r) => sum + r.errors, 0) + resend.errors;
  const { before, afterResend, after, resent, batchDrain } = resend;

  const figures = new FigureLog({ labelWidth: 52, valueWidth: 16, targets: "verdict" });
  const line = figures.add.bind(figures);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const cores = machine.cores;
  const loadAtEnd = os.loadavg()[0]!;
  const stolen = stolenShare(cpuAtStart, machineCpuTicks());
  const setup = [
    `load average (1 min) at the start ${loadAtStart.toFixed(2)}, at the end ${loadAtEnd.toFixed(2)}`,
    `production build (next start, NODE_OPTIONS=${app.nodeOptions || "none"}), workers ${WORKER_PLACES[opts.workers]}, Postgres scratch database, ${opts.movies} movies, ${fmt(opts.users)} users, ${opts.seconds} s per phase`,
  ];
  console.log(`\nbench:events — ${formatMachine(machine)}`);
  // Other work on the machine takes cores from the app, Postgres and the load generator alike.
  console.log(`  ${setup[0]}`);
  // On a virtual machine the host may run other guests on "our" cores: that time is lost to all.
  if (stolen !== null) console.log(`  CPU time taken by the hypervisor for other guests (steal) during the run: ${(stolen * 100).toFixed(1)}%`);
  console.log(`  ${setup[1]}\n`);
  line(`empty App Router handler (c=${opts.concurrency})`, `${fmt(Math.round(baselineRate))} req/s`);
  line("  p50 / p99", `${ms(percentile(baseline.latencies, 50))} / ${ms(percentile(baseline.latencies, 99))}`);
  if (baseline.appCpuMsPerRequest !== null) line("  app process CPU per request", ms(baseline.appCpuMsPerRequest));
  line("  load generator CPU per request (this process)", ms(baseline.loadGeneratorCpuMsPerRequest));
  if (baseline.machineBusyCores !== null) line("  machine CPU busy during the phase", `${baseline.machineBusyCores.toFixed(2)} of ${cores} cores`);
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
  if (single.machineBusyCores !== null) line("  machine CPU busy during the phase", `${single.machineBusyCores.toFixed(2)} of ${cores} cores`);
  line("  ratio to the empty handler", ratio.toFixed(2), { target: "≥ 0.70", met: ratio >= 0.7 });
  line("  ratio to JSON in/out without the database (our share)", (singleRate / bodyOnlyRate).toFixed(2));
  line(`batches of ${fmt(opts.batchSize)} (${opts.batchConcurrency} in flight)`, `${fmt(Math.round(batchRate))} events/s`, { target: "≥ 20,000", met: batchRate >= 20_000 });
  line("  p50 / p99 per request", `${ms(percentile(batch.latencies, 50))} / ${ms(percentile(batch.latencies, 99))}`);
  line("  the worker then worked off its backlog at", `${fmt(Math.round(batchDrain.pending / Math.max(batchDrain.seconds, 0.001)))} events/s`);
  line(`steady ${opts.rate} req/s on the empty handler, p50 / p99`, `${ms(percentile(steady.baseline.latencies, 50))} / ${ms(percentile(steady.baseline.latencies, 99))}`);
  line(`steady ${opts.rate} req/s on the JSON echo, p50 / p99`, `${ms(percentile(steady.echo.latencies, 50))} / ${ms(percentile(steady.echo.latencies, 99))}`);
  line(`steady ${opts.rate} events/s, latency p50`, ms(percentile(steady.events.latencies, 50)));
  line(`steady ${opts.rate} events/s, latency p99`, ms(steadyP99), { target: "≤ 20 ms", met: steadyP99 <= 20 });
  // Judged against the echo measured in the same run, on the same schedule: a busy machine slows
  // both, so what is left of the ratio is what our own path adds to the tail.
  const echoP99 = percentile(steady.echo.latencies, 99);
  const tailRatio = steadyP99 / echoP99;
  line("  ratio of that p99 to the JSON echo's p99", tailRatio.toFixed(2), { target: "≤ 1.5", met: tailRatio <= 1.5 });
  line("  most the sender fell behind its schedule", ms(steady.events.maxLagMs));
  if (steady.pauses) {
    // Everything on the machine stood still then: the app, Postgres and this load generator alike.
    const long = steady.pauses.lateMs.filter((v) => v > 10);
    line(`  machine pauses over 10 ms (${steady.pauses.priority} probe)`, long.length ? `${long.length}, longest ${ms(Math.max(...long))}` : "none");
  }
  if (steady.eventLoop) line("  app event-loop delay p99 / max", `${ms(steady.eventLoop.p99)} / ${ms(steady.eventLoop.max)}`);
  line("acceptance → features updated, p50", `${(percentile(steady.freshness.delays, 50) / 1000).toFixed(2)} s`);
  if (steady.jobs.jobs) {
    line("  event worker jobs meanwhile, longest / longest wait between", `${fmt(steady.jobs.jobs)}, ${ms(steady.jobs.longestMs)} / ${ms(steady.jobs.longestGapMs)}`);
  }
  line("acceptance → features updated, p95", Number.isFinite(freshP95) ? `${(freshP95 / 1000).toFixed(2)} s` : "never", { target: "≤ 2 s", met: freshP95 <= 2_000 });
  line("accepted events", fmt(tally.accepted));
  line("stored events", fmt(before.total), { target: "= accepted", met: before.total === tally.accepted });
  line("resent events answered duplicate", `${fmt(resent.duplicates)} of ${fmt(resent.duplicates + resent.accepted)}`, { target: "all", met: resent.accepted === 0 && resend.errors === 0 });
  line("stored events after the resend", fmt(afterResend.total), { target: "unchanged", met: afterResend.total === before.total });
  line("unprocessed events / dead letters at the end", `${fmt(after.pending)} / ${fmt(after.dead)}`, { target: "0 / 0", met: after.pending === 0 && after.dead === 0 });
  line("failed requests (non-2xx or no answer)", fmt(errors), { target: "0", met: errors === 0 });
  const notes: string[] = [];
  if (errors) {
    const statuses = `statuses: ${JSON.stringify(Object.fromEntries(phases.flatMap((r) => [...r.statuses])))}`;
    console.log(`  ${statuses}`);
    notes.push(statuses);
  }
  line("app log lines at warn or above", fmt(app.problems.count));
  for (const problem of app.problems.latest) {
    console.log(`    ${problem}`);
    notes.push(`app log: \`${problem}\``);
  }

  return {
    bench: "bench:events",
    options: {
      seconds: opts.seconds,
      concurrency: opts.concurrency,
      rate: opts.rate,
      "batch-size": opts.batchSize,
      "batch-concurrency": opts.batchConcurrency,
      movies: opts.movies,
      users: opts.users,
      workers: opts.workers,
      "cpu-profile": opts.cpuProfileDir,
    },
    startedAt,
    machine,
    steal: stolen,
    setup,
    figures: figures.figures,
    notes,
  };
}

/** Loads each route's code and fills the app's pools and caches before the clock runs. */
async function warmUp(ctx: PhaseContext, warm: SyntheticEvents) {
  const { client, opts } = ctx;
  const loop = { concurrency: opts.concurrency, seconds: Math.min(2, opts.seconds) };
  await closedLoop(client, loop, ctx.noop);
  await closedLoop(client, loop, ctx.echo);
  await closedLoop(client, loop, () => warm.single(), (_, answer) => tallyReceipts(ctx.tally, answer));
  for (let i = 0; i < 2; i++) tallyReceipts(ctx.tally, await client.post(warm.batch(opts.batchSize)));
  await waitForEventsProcessed(ctx.db, "after warm-up");
}

/** 1. Single events against the empty route handler and the JSON echo, same concurrency, same body size. */
async function singleEventsPhase(ctx: PhaseContext) {
  const { client, opts, app } = ctx;
  console.log(`\n[1/4] single events at concurrency ${opts.concurrency}, ${opts.seconds} s each: the empty handler, a handler that only reads and answers JSON, then the event routes`);
  const loop = { concurrency: opts.concurrency, seconds: opts.seconds };
  const baseline = await measureCpuPerRequest(app.pid, () => closedLoop(client, loop, ctx.noop));
  const bodyOnly = await measureCpuPerRequest(app.pid, () => closedLoop(client, loop, ctx.echo));
  const singles = new SyntheticEvents(`single-${ctx.runId}`, opts.users, opts.movies);
  const single = await measureCpuPerRequest(app.pid, () =>
    closedLoop(client, loop, () => singles.single(), (request, answer) => {
      tallyReceipts(ctx.tally, answer);
      if (answer.status === 202 && ctx.sent.length < 2_000 && Math.random() < 0.05) ctx.sent.push(request);
    }),
  );
  await waitForEventsProcessed(ctx.db, "after single events");
  return { baseline, bodyOnly, single };
}

/** 2. Latency at a steady rate (open loop), and how soon the features reflect each event. */
async function steadyRatePhase(ctx: PhaseContext, metricsToken: string) {
  const { opts, app } = ctx;
  console.log(`\n[2/4] a steady ${opts.rate} requests/s for ${opts.seconds} s (open loop): the empty handler, the JSON echo, then the event routes`);
  const schedule = { rate: opts.rate, seconds: opts.seconds };
  // Each on fresh connections, up to 64 in flight.
  const steadyLoop = async <R extends BenchRequest>(next: () => R, onAnswer?: (request: R, answer: Answer) => void) => {
    const client = createLoadClient({ port: app.port, headers: ctx.headers, maxSockets: 64 });
    try {
      return await openLoop(client, schedule, next, onAnswer);
    } finally {
      client.close();
    }
  };
  // The same schedule on the empty handler: the latency floor this machine gives at that rate.
  const baseline = await steadyLoop(ctx.noop);
  // And on the JSON echo: what a body in and a body out add to the tail, before any of our work.
  const echo = await steadyLoop(ctx.echo);
  const freshness = new FreshnessProbe(ctx.db);
  const pauseProbe = startPauseProbe();
  await sleep(300); // the probe's own start is not a pause
  await readEventLoopDelay(app, metricsToken); // reads and resets the app's event-loop delay histogram
  freshness.start();
  const startedAt = new Date();
  const source = new SyntheticEvents(`steady-${ctx.runId}`, opts.users, opts.movies);
  const events = await steadyLoop(() => source.single(), (_, answer) => tallyReceipts(ctx.tally, answer, (id) => freshness.accepted(id)));
  const eventLoop = await readEventLoopDelay(app, metricsToken);
  const pauses = await pauseProbe.stop();
  const { unseen } = await freshness.finish();
  await waitForEventsProcessed(ctx.db, "after the steady rate");
  const jobs = await eventWorkerJobsSince(ctx.db, startedAt);
  return { baseline, echo, events, eventLoop, pauses, freshness: { delays: freshness.delays, unseen }, jobs };
}

/** 3. Batches of up to 1,000 events. */
async function batchPhase(ctx: PhaseContext): Promise<PhaseResult> {
  const { client, opts } = ctx;
  console.log(`\n[3/4] POST /events/batch with ${fmt(opts.batchSize)} events per request, ${opts.batchConcurrency} in flight, ${opts.seconds} s`);
  const batches = new SyntheticEvents(`batch-${ctx.runId}`, opts.users, opts.movies);
  return closedLoop(client, { concurrency: opts.batchConcurrency, seconds: opts.seconds }, () => batches.batch(opts.batchSize), (request, answer) => {
    tallyReceipts(ctx.tally, answer);
    if (answer.status === 202 && ctx.sent.length < 2_005 && Math.random() < 0.1) ctx.sent.push(request);
  });
}

/** 4. Nothing lost, nothing twice: resend some of what was accepted; every copy is a duplicate. Then the backlog is worked off. */
async function resendPhase(ctx: PhaseContext) {
  const { client, opts, sent } = ctx;
  console.log(`\n[4/4] resending ${fmt(sent.length)} accepted requests (${fmt(sent.reduce((s, r) => s + r.events, 0))} events)`);
  const before = await countEventsAndDeadLetters(ctx.db);
  const resent: ReceiptTally = { accepted: 0, duplicates: 0 };
  let errors = 0;
  for (let i = 0; i < sent.length; i += opts.concurrency) {
    const answers = await Promise.all(sent.slice(i, i + opts.concurrency).map((request) => client.post(request)));
    for (const answer of answers) {
      if (answer.status !== 202) errors++;
      tallyReceipts(resent, answer);
    }
  }
  const afterResend = await countEventsAndDeadLetters(ctx.db);
  // The worker is still working through the batches; how fast it does is worth knowing too.
  const batchDrain = await waitForEventsProcessed(ctx.db, "after the batches and the resend", Math.max(120, opts.seconds * 20));
  const after = await countEventsAndDeadLetters(ctx.db);
  return { before, afterResend, after, resent, errors, batchDrain };
}
