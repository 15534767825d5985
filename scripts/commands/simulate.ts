import fs from "node:fs";
import path from "node:path";
import { readMovielensDataset } from "@/lib/movielens/read-dataset";
import { recommenderAlgorithms, type RecommenderAlgorithm } from "@/lib/recs/contract";
import { createSimulationHttp, type HttpStats } from "@/lib/simulation/http-client";
import { planSimulation, type SimulationDataset } from "@/lib/simulation/plan";
import { experimentSummaries, latencyTable, runSimulation, scrapeRequestHistograms, type EndpointLatency, type ExperimentSummary, type SimulationModels } from "@/lib/simulation/run";
import { identityMismatch, newSimulationState, simulationState, type SimulationState } from "@/lib/simulation/state";
import { UsageError, type Command } from "../cli/command";
import { fmt, ProgressBar } from "../cli/progress";

export interface SimulateOptions {
  baseUrl: string;
  token: string;
  dataset: string;
  movies: number | null;
  concurrency: number;
  seed: number;
  cycleLength: number;
  trainEvery: number;
  models: SimulationModels;
  /** The state file: resumed from when it exists, written while running. */
  stateFile: string;
  /** Ignore (and replace) a saved state. */
  fresh: boolean;
  signal?: AbortSignal;
  /** Draw the progress bar (default true). */
  progress?: boolean;
}

export interface SimulateReport {
  state: SimulationState;
  completed: boolean;
  /** Reactions (all four requests answered) in this run, and the seconds it took. */
  reactionsThisRun: number;
  seconds: number;
  experiments: ExperimentSummary[];
  latency: EndpointLatency[];
  /** Where the app's p99 came from: its /api/metrics histograms, or nowhere (only the client's). */
  latencySource: "app metrics" | "client only";
  http: Pick<HttpStats, "requests" | "retries" | "refused"> & { failed: Record<string, number> };
}

/** Reads the dataset, resumes or starts the state, runs the loop and gathers the report. */
export async function simulate(options: SimulateOptions): Promise<SimulateReport> {
  const dataset = await readSimulationDataset(options.dataset);
  const plan = planSimulation(dataset, { seed: options.seed, movieLimit: options.movies });
  const identity = { dataset: path.resolve(options.dataset), seed: options.seed, movieLimit: options.movies, cycleLength: options.cycleLength, trainEvery: options.trainEvery };
  let state = newSimulationState(identity);
  if (!options.fresh && fs.existsSync(options.stateFile)) {
    const saved = simulationState.safeParse(JSON.parse(fs.readFileSync(options.stateFile, "utf8")));
    if (!saved.success) throw new UsageError(`${options.stateFile} is not a simulation state; remove it or pass --fresh`);
    const differ = identityMismatch(saved.data.identity, identity);
    if (differ.length) throw new UsageError(`${options.stateFile} belongs to a run with another ${differ.join(", ")}; pass --fresh to start over, or --state for another file`);
    state = saved.data;
    if (options.progress !== false) console.error(`Resuming from ${options.stateFile}: movie ${fmt(state.position.movie + 1)} of ${fmt(plan.movies.length)}`);
  }

  const http = createSimulationHttp({ baseUrl: options.baseUrl, token: options.token });
  const before = await scrapeRequestHistograms(http);
  const reactionsBefore = state.counts.reactions;
  const bar = options.progress === false ? null : new ProgressBar("Simulating", plan.totalReactions, "reactions");
  const started = performance.now();
  const { completed } = await runSimulation(http, plan, state, {
    concurrency: options.concurrency,
    cycleLength: options.cycleLength,
    trainEvery: options.trainEvery,
    models: options.models,
    signal: options.signal,
    saveState: (s) => writeStateFile(options.stateFile, s),
    onProgress: (p) => bar?.update(p.done, `movie ${fmt(p.movieIndex)}/${fmt(p.movies)} ${p.phase}${p.errors ? `, ${fmt(p.errors)} errors` : ""}`),
  });
  const seconds = (performance.now() - started) / 1000;
  bar?.done();
  const after = before ? await scrapeRequestHistograms(http) : null;
  const stats = http.stats();
  return {
    state,
    completed,
    reactionsThisRun: state.counts.reactions - reactionsBefore,
    seconds,
    experiments: await experimentSummaries(http, state),
    latency: latencyTable(stats, before, after),
    latencySource: before && after?.size ? "app metrics" : "client only",
    http: { requests: stats.requests, retries: stats.retries, refused: stats.refused, failed: Object.fromEntries(stats.failed) },
  };
}

/** A MovieLens folder as the simulation reads it: movies, and each rating on MovieLens's half-star scale. */
export async function readSimulationDataset(dir: string): Promise<SimulationDataset> {
  const dataset = await readMovielensDataset(path.resolve(dir));
  return {
    movies: dataset.movies.map((m) => ({ id: m.id, title: m.title, year: m.year, genres: m.genres })),
    // The reader weighs a rating as rating / 5; the simulation sends the rating itself.
    ratings: dataset.interactions.map((i) => ({ userId: i.userId, movieId: i.movieId, rating: Math.min(5, Math.max(0.5, Math.round(i.weight * 10) / 2)) })),
  };
}

function writeStateFile(file: string, state: SimulationState) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(state, null, 2));
  fs.renameSync(temporary, file);
}

export function formatSimulateReport(report: SimulateReport): string {
  const c = report.state.counts;
  const lines = [
    `Movies: ${fmt(c.moviesReleased)} released, ${fmt(c.alreadyInCatalog)} already in the catalog, ${fmt(c.releaseFailed)} refused${report.completed ? "" : " (stopped early: run again to resume)"}`,
    `Reactions: ${fmt(c.reactions)} complete, ${fmt(c.failedReactions)} with a failed request, ${fmt(c.skippedReactions)} skipped (movie not released)`,
    `Sent: ${fmt(c.recommendations)} sessions, ${fmt(c.feedback)} feedback (${fmt(c.selections)} with a selection, mean score ${c.selections ? (c.scoreSum / c.selections).toFixed(2) : "–"}), ${fmt(c.ratingsAccepted)} ratings (+${fmt(c.ratingsDuplicate)} duplicates), ${fmt(c.watchesAccepted)} watches (+${fmt(c.watchesDuplicate)} duplicates); ${fmt(c.trainingsStarted)} trainings started`,
    `This run: ${fmt(report.reactionsThisRun)} reactions in ${report.seconds.toFixed(1)} s = ${fmt(Math.round(report.reactionsThisRun / Math.max(report.seconds, 0.001)))} reactions/s; ${fmt(report.http.requests)} requests, ${fmt(report.http.retries)} retries`,
  ];
  for (const e of report.experiments) {
    lines.push("", `Experiment "${e.name}" (${e.phase}, ${e.id})`);
    lines.push(
      table([
        ["variant", "model", "sessions", "CTR", "mean score"],
        ...e.variants.map((v) => [v.name, v.algorithm, fmt(v.sessions), v.clickThroughRate === null ? "–" : `${(v.clickThroughRate * 100).toFixed(1)}%`, v.meanPositionScore === null ? "–" : v.meanPositionScore.toFixed(2)]),
      ]),
    );
    lines.push(`Verdict: ${e.verdict}`);
    if (e.sampleRatioWarning) lines.push(`Warning: ${e.sampleRatioWarning}`);
  }
  if (!report.experiments.length) lines.push("", "No experiment results (the experiments could not be created or read: see the 4xx below)");
  const ms = (v: number | null) => (v === null ? "–" : `${v.toFixed(1)} ms`);
  lines.push(
    "",
    report.latencySource === "app metrics"
      ? "p99 per endpoint: the app's, from its request histogram on /api/metrics (interpolated within a bucket), and as measured by this client"
      : "p99 per endpoint: measured by this client only (the app's /api/metrics could not be read)",
    table([["endpoint", "requests", "app p99", "client p99"], ...report.latency.map((l) => [l.endpoint, fmt(l.clientRequests), `${l.appP99Above ? "> " : ""}${ms(l.appP99Ms)}`, ms(l.clientP99Ms)])]),
  );
  if (report.http.refused.length) {
    lines.push("", "4xx received:");
    for (const r of report.http.refused) lines.push(`  ${r.endpoint}: ${fmt(r.count)} × ${r.status} ${r.code} (${r.message})`);
  }
  const failed = Object.entries(report.http.failed);
  if (failed.length) lines.push("", `Failed after every retry: ${failed.map(([endpoint, n]) => `${endpoint} ${fmt(n)}`).join(", ")}`);
  return lines.join("\n");
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")).join("\n");
}

function wholeNumber(flag: string, raw: unknown, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== "string" || !/^[0-9]+$/.test(raw) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return value;
}

function parseModels(raw: unknown): SimulationModels {
  if (raw === undefined) return { aa: "als", a: "als", b: "popular" };
  const names = String(raw).split(",").map((s) => s.trim());
  const unknown = names.filter((n) => !(recommenderAlgorithms as readonly string[]).includes(n));
  if (names.length !== 2 || unknown.length) throw new UsageError(`--models takes two of ${recommenderAlgorithms.join(", ")}, e.g. als,popular`);
  const [a, b] = names as [RecommenderAlgorithm, RecommenderAlgorithm];
  return { aa: a, a, b };
}

export function parseSimulateOptions(values: Record<string, string | boolean | string[] | undefined>): SimulateOptions {
  if (typeof values["base-url"] !== "string") throw new UsageError("--base-url <url> is required");
  try {
    const url = new URL(values["base-url"]);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
  } catch {
    throw new UsageError("--base-url must be an http(s) URL, e.g. http://localhost:3000");
  }
  const token = typeof values.token === "string" ? values.token : process.env.MARQUEE_TOKEN;
  if (!token) throw new UsageError("--token <token> is required (an admin API token: `npm run marquee -- token create --scopes admin`), or MARQUEE_TOKEN");
  if (typeof values.dataset !== "string" || values.dataset === "") throw new UsageError("--dataset <dir> is required");
  return {
    baseUrl: values["base-url"],
    token,
    dataset: values.dataset,
    movies: values.movies === undefined ? null : wholeNumber("--movies", values.movies, 0, 1, 10_000_000),
    concurrency: wholeNumber("--concurrency", values.concurrency, 4, 1, 256),
    seed: wholeNumber("--seed", values.seed, 1, 0, 2 ** 32 - 1),
    cycleLength: wholeNumber("--cycle", values.cycle, 2000, 1, 10_000_000),
    trainEvery: wholeNumber("--train-every", values["train-every"], 500, 1, 10_000_000),
    models: parseModels(values.models),
    stateFile: typeof values.state === "string" ? values.state : path.join(".data", "simulate-state.json"),
    fresh: Boolean(values.fresh),
  };
}

export const simulateCommand: Command = {
  name: "simulate",
  summary: "Replay a MovieLens set against a running app over HTTP (seed 000's client): release movies, ask for recommendations, send feedback, ratings and watches.",
  usage: "simulate --base-url <url> --token <token> --dataset <dir> [--movies N] [--concurrency C] [--seed S] [--cycle 2000] [--train-every 500]",
  options: {
    "base-url": { type: "string" },
    token: { type: "string" },
    dataset: { type: "string" },
    movies: { type: "string" },
    concurrency: { type: "string" },
    seed: { type: "string" },
    cycle: { type: "string" },
    "train-every": { type: "string" },
    models: { type: "string" },
    state: { type: "string" },
    fresh: { type: "boolean" },
    json: { type: "boolean" },
  },
  optionHelp: [
    "--base-url <url>   The app, e.g. http://localhost:3000",
    "--token <token>    An API token with the admin scope (or MARQUEE_TOKEN): it creates movies and experiments and starts trainings",
    "--dataset <dir>    A MovieLens folder (ml-latest-small … ml-25m, or ml-100k), read on this machine",
    "--movies N         Release the first N movies of the seeded order (default all)",
    "--concurrency C    Reactions in flight at once (default 4)",
    "--seed S           Seed of the release order (default 1)",
    "--cycle N          Movies per action cycle; cycles alternate A/A and A/B, starting with A/A (default 2000)",
    "--train-every M    Start a training of each model every M movies (default 500)",
    "--models a,b       The A/B cycles' models for groups A and B; the A/A cycles serve a (default als,popular)",
    "--state <file>     Where it keeps its place, to resume after a stop (default .data/simulate-state.json)",
    "--fresh            Start over instead of resuming from the state file",
    "--json             Print the report as JSON",
    "Ctrl-C stops it after the reactions in flight, saving its place.",
  ],
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
    const options = parseSimulateOptions(values);
    const stop = new AbortController();
    const onSignal = () => {
      if (stop.signal.aborted) process.exit(130);
      console.error("\nStopping after the reactions in flight (Ctrl-C again to quit at once)…");
      stop.abort();
    };
    process.on("SIGINT", onSignal);
    try {
      const report = await simulate({ ...options, signal: stop.signal });
      console.log(values.json ? JSON.stringify(report, null, 2) : formatSimulateReport(report));
      if (!report.completed) process.exitCode = 130;
    } finally {
      process.off("SIGINT", onSignal);
    }
  },
};
