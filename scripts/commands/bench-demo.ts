import os from "node:os";
import { openDatabase } from "@/db/client";
import { setProcessDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { postgresServerVersion } from "@/db/queries/bench";
import { DEFAULT_DEMO_MOVIES, DEFAULT_DEMO_USERS, generateDemoData } from "@/lib/demo/demo-data";
import { seedEmptyDatabase, type DemoSeedPhase } from "@/lib/demo/seed-demo-data";
import { recommenderAlgorithms } from "@/lib/recs/contract";
import { trainNow } from "@/lib/recs/training-service";
import { DEFAULT_HALF_LIFE_HOURS } from "@/lib/trends/formulas";
import { fmt } from "../cli/progress";
import { UsageError, type Command } from "../cli/command";
import { describeMachine, machineCpuTicks, stolenShare } from "../bench/machine";
import { appendRunToPerformanceDoc, FigureLog } from "../bench/report";
import { createScratchDatabase } from "../bench/scratch-database";

/** Wall and CPU time (this process, every thread) of a stretch of work, in seconds. */
function stopwatch() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
  };
}

const seconds = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(2)} s (CPU ${t.cpu.toFixed(2)} s)`;

function wholeNumber(value: string | boolean | string[] | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of 1 or more`);
  return n;
}

/**
 * bench:demo — what a first start costs: the demo data generated, written in its one transaction
 * (each phase timed), and the first model of each kind trained on it, on a new database.
 */
export const benchDemoCommand: Command = {
  name: "bench demo",
  summary: "Measure a first start on an empty database: demo data generated and written (per phase), the first models trained.",
  usage: "bench demo [--seed 42] [--movies 500] [--users 1000]",
  options: { seed: { type: "string" }, movies: { type: "string" }, users: { type: "string" } },
  optionHelp: [
    "--seed N    Which demo data (default 42)",
    `--movies N  Movies (default ${DEFAULT_DEMO_MOVIES})`,
    `--users N   Audience (default ${DEFAULT_DEMO_USERS})`,
    "Uses a new database on the server in DATABASE_URL (dropped afterwards), else a temporary PGlite.",
  ],
  async run({ values }) {
    const options = {
      seed: wholeNumber(values.seed, "seed", 42),
      movies: wholeNumber(values.movies, "movies", DEFAULT_DEMO_MOVIES),
      users: wholeNumber(values.users, "users", DEFAULT_DEMO_USERS),
    };
    const startedAt = new Date();
    const loadAtStart = os.loadavg()[0]!;
    const cpuAtStart = machineCpuTicks();
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, "demo");
    try {
      const handle = await openDatabase(scratch.options);
      try {
        await migrateDatabase(handle);
        setProcessDatabase(handle);
        const figures = new FigureLog({ labelWidth: 52, valueWidth: 24, targets: "verdict" });
        const now = new Date();

        const generation = stopwatch();
        generateDemoData({ ...options, now });
        figures.add("demo data generated", seconds(generation()));

        // Where each phase ended (its last progress report), in the order the phases ran.
        const ends = new Map<DemoSeedPhase, { wall: number; cpu: number; rows: number }>();
        const writing = stopwatch();
        const summary = await seedEmptyDatabase(handle.db, {
          ...options,
          now,
          halfLifeHours: DEFAULT_HALF_LIFE_HOURS,
          onProgress: ({ phase, done }) => ends.set(phase, { ...writing(), rows: done }),
        });
        const seeded = writing();
        figures.add("demo data generated and written (one transaction)", seconds(seeded), { target: "≤ 5 s", met: seeded.wall <= 5 });
        let previous = { wall: 0, cpu: 0, rows: 0 };
        for (const [phase, end] of ends) {
          // "features" is the event worker applying the events just stored. The first phase also holds the generation, which seeding does before writing anything.
          const label = previous.rows === 0 ? `generation, then ${phase}` : phase;
          const rows = end.rows - previous.rows;
          figures.add(`  ${label}${rows ? ` (${fmt(rows)} rows)` : ""}`, seconds({ wall: end.wall - previous.wall, cpu: end.cpu - previous.cpu }));
          previous = end;
        }

        const training = stopwatch();
        const results = [];
        const perModel: [string, ReturnType<typeof training>][] = [];
        for (const algorithm of recommenderAlgorithms) {
          const one = stopwatch();
          results.push(...(await trainNow(handle, [algorithm], { activate: true })));
          perModel.push([algorithm, one()]);
        }
        const trained = training();
        figures.add(`first models trained (${results.filter((r) => r.status === "ready").length} of ${results.length} ready)`, seconds(trained));
        for (const [algorithm, took] of perModel) figures.add(`  ${algorithm}`, seconds(took));
        figures.add("first start (demo data and first models)", seconds({ wall: seeded.wall + trained.wall, cpu: seeded.cpu + trained.cpu }));

        const machine = describeMachine(await postgresServerVersion(handle.db));
        const steal = stolenShare(cpuAtStart, machineCpuTicks());
        const file = appendRunToPerformanceDoc({
          bench: "bench:demo",
          options,
          startedAt,
          machine,
          steal,
          setup: [
            `${scratch.driver === "pglite" ? "Embedded PGlite (a new data folder)" : "Postgres server (a new database)"}, in this process; training on a worker thread as \`prepare\` does.`,
            `Demo data: ${fmt(summary.movies)} movies, ${fmt(summary.theaters)} theaters (${fmt(summary.seats)} seats, ${fmt(summary.showtimes)} showtimes), ${fmt(summary.users)} users, ${fmt(summary.ratings)} ratings, ${fmt(summary.events)} events, ${fmt(summary.trendViews)} views, ${fmt(summary.trendMovies)} trend movies.`,
            `Load average ${loadAtStart.toFixed(1)} at the start on ${os.cpus().length} cores: CPU seconds say more than wall seconds on a busy machine.`,
          ],
          figures: figures.figures,
        });
        console.log(`\nRecorded in ${file}`);
      } finally {
        await handle.close();
      }
    } finally {
      await scratch.dispose();
    }
  },
};
