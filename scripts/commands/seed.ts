import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import {
  replaceWithDemoData, seedEmptyDatabase, type DemoDataSummary, type SeedDemoDataOptions,
} from "@/lib/demo/seed-demo-data";
import type { Db } from "@/db/client";
import { UsageError, type Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";
import { fmt, ProgressBar } from "../cli/progress";

/** Seeds with a progress bar on stderr; what `seed` and `prepare` share. */
export async function seedWithProgress(
  db: Db,
  options: { seed: number; now: Date; halfLifeHours: number; accountIds?: string[] },
  write: (db: Db, options: SeedDemoDataOptions) => Promise<DemoDataSummary>,
): Promise<{ summary: DemoDataSummary; seconds: number }> {
  const started = performance.now();
  const bar = new ProgressBar("Demo data", null, "rows");
  const summary = await write(db, {
    ...options,
    onProgress: ({ phase, done, total }) => {
      bar.setTotal(total);
      bar.update(done, phase);
    },
  });
  bar.done();
  return { summary, seconds: (performance.now() - started) / 1000 };
}

/** "500 movies, 20 theaters (3,494 seats, 684 showtimes), 1,000 users, 38,916 ratings, 5,661 events, 5,904 views, 12 trend movies (seed 42) in 6.1 s" */
export function describeDemoData(summary: DemoDataSummary, seed: number, seconds: number): string {
  return (
    `${fmt(summary.movies)} movies, ${fmt(summary.theaters)} theaters (${fmt(summary.seats)} seats, ${fmt(summary.showtimes)} showtimes), ` +
    `${fmt(summary.users)} users, ${fmt(summary.ratings)} ratings, ${fmt(summary.events)} events, ${fmt(summary.trendViews)} views, ` +
    `${fmt(summary.trendMovies)} trend movies (seed ${seed}) in ${seconds.toFixed(1)} s`
  );
}

function parseSeed(value: string | boolean | string[] | undefined): number {
  if (value === undefined) return env().MARQUEE_DEMO_SEED;
  const seed = Number(value);
  if (typeof value !== "string" || !/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed must be a whole number, not "${String(value)}"`);
  }
  return seed;
}

export const seedCommand: Command = {
  name: "seed",
  summary:
    "Fill the database with demo data: ~500 movies, 20 theaters with showtimes for the coming days, ~1,000 users with rating histories and four weeks of activity, movies tracked for trends. Same seed and clock, same data.",
  usage: "seed [--reset] [--seed <n>]",
  options: { reset: { type: "boolean" }, seed: { type: "string" } },
  optionHelp: [
    "--reset     Delete movies, theaters, showtimes, ratings, tags, events and audience users first (admins, accounts with an email and API tokens stay)",
    "--seed <n>  Which demo data to make (default: MARQUEE_DEMO_SEED, 42)",
  ],
  async run({ values }) {
    const seed = parseSeed(values.seed);
    const reset = values.reset === true;
    await withCliDatabase("seed", async ({ db }) => {
      try {
        const { summary, seconds } = await seedWithProgress(db, { seed, now: new Date(), halfLifeHours: env().TREND_HALF_LIFE_HOURS }, reset ? replaceWithDemoData : seedEmptyDatabase);
        console.log(`${reset ? "Replaced the catalog and audience with" : "Seeded"} demo data: ${describeDemoData(summary, seed, seconds)}`);
      } catch (error) {
        if (error instanceof AppError && error.code === "conflict:demo_data") {
          throw new UsageError(`${error.message}\nRun \`npm run marquee -- seed --reset\` to replace the catalog and audience with demo data.`);
        }
        throw error;
      }
    });
  },
};
