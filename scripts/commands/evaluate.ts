import path from "node:path";
import { readMovielensDataset } from "@/lib/movielens/read-dataset";
import { DEFAULT_COLD_SEGMENT, evaluateModels, type EvaluationReport, type EvaluationRow } from "@/lib/recs/evaluation/evaluate";
import { algorithms, type Algorithm } from "@/lib/recs/model";
import type { ReplayReport } from "@/lib/recs/evaluation/replay";
import { replayLoggedSessions } from "@/lib/recs/replay-service";
import { buildTrainingData } from "@/lib/recs/training-data";
import { UsageError, type Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";
import { fmt, ProgressBar } from "../cli/progress";

export const evaluateCommand: Command = {
  name: "evaluate",
  summary: "Train the recommendation models on a MovieLens split and print Precision/Recall/NDCG/MAP@K, coverage and training time.",
  usage: "evaluate --dataset <dir> | --sessions [--since YYYY-MM-DD] [--k 10] [--models als,hybrid,ease,popular] [--seed 1] [--json]",
  options: { dataset: { type: "string" }, sessions: { type: "boolean" }, since: { type: "string" }, k: { type: "string" }, models: { type: "string" }, seed: { type: "string" }, json: { type: "boolean" } },
  optionHelp: [
    "--dataset <dir>  A MovieLens folder (ml-latest-small … ml-25m, or ml-100k); read into memory, nothing is written",
    "--sessions       Instead: replay the app's logged sessions that got feedback (its database, as the other commands)",
    "--since DATE     With --sessions: replay sessions from this day on (default 7 days ago); models learn from what came before",
    "--k N            List length measured (default 10, 1–100)",
    `--models list    Comma-separated, of ${algorithms.join(", ")} (default all)`,
    "--seed N         Seed of the split, the cold segment and the models (default 1)",
    "--json           Print the report as JSON instead of a table",
    `Holds out 20% of each user's ratings; the cold segment cuts ${DEFAULT_COLD_SEGMENT.fraction * 100}% of users to ${DEFAULT_COLD_SEGMENT.historyLength} training ratings.`,
  ],
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
    const k = wholeNumber("--k", values.k, 10, 1, 100);
    const seed = wholeNumber("--seed", values.seed, 1, 0, 2 ** 32 - 1);
    const models = parseModels(values.models);
    if (values.sessions) {
      if (values.dataset !== undefined) throw new UsageError("--sessions replays the app's own sessions: leave out --dataset");
      const since = sinceOption(values.since);
      const report = await withCliDatabase("evaluate", (handle) => replayLoggedSessions(handle.db, { since, algorithms: models, k, seed }));
      console.log(values.json ? JSON.stringify(report, null, 2) : replayTable(report, since));
      return;
    }
    if (values.since !== undefined) throw new UsageError("--since goes with --sessions");
    if (typeof values.dataset !== "string" || values.dataset === "") throw new UsageError("--dataset <dir> (or --sessions) is required");

    const dir = path.resolve(values.dataset);
    console.error(`Reading ${dir}`);
    const dataset = await readMovielensDataset(dir);
    const data = buildTrainingData({ interactions: dataset.interactions, movies: dataset.movies });
    console.error(`${fmt(data.userIds.length)} users, ${fmt(data.itemIds.length)} movies, ${fmt(dataset.interactions.length)} ratings (${dataset.format})`);

    let bar: ProgressBar | null = null;
    let current = "";
    const report = evaluateModels(data, {
      algorithms: models,
      k,
      seed,
      onProgress({ segment, algorithm, fraction, label }) {
        const name = `${segment === "cold" ? "cold " : ""}${algorithm}`;
        if (name !== current) {
          bar?.done();
          bar = new ProgressBar(`train ${name}`, 100);
          current = name;
        }
        bar!.update(Math.round(fraction * 100), label);
      },
    });
    (bar as ProgressBar | null)?.done();

    console.log(values.json ? JSON.stringify(report, null, 2) : reportTable(report));
  },
};

function wholeNumber(flag: string, raw: unknown, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== "string" || !/^[0-9]+$/.test(raw) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return value;
}

function sinceOption(raw: unknown): Date {
  if (raw === undefined) return new Date(Date.now() - 7 * 86_400_000);
  const day = new Date(`${String(raw)}T00:00:00Z`);
  if (typeof raw !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(day.getTime())) throw new UsageError("--since must be a day, YYYY-MM-DD");
  return day;
}

function replayTable(report: ReplayReport, since: Date): string {
  const k = report.k;
  if (report.sessions === 0) return `No logged session since ${since.toISOString().slice(0, 10)} got a click or a like: nothing to replay.`;
  return [
    `Replayed ${fmt(report.sessions)} sessions with a click or a like since ${since.toISOString().slice(0, 10)}; models trained on the ${fmt(report.trainInteractions)} interactions before. Each model re-ranks the lists as shown; "logged" is the order shown.`,
    "",
    table([["model", `P@${k}`, `R@${k}`, `NDCG@${k}`, `MAP@${k}`], ...report.rows.map((r) => [r.algorithm, r.precision.toFixed(4), r.recall.toFixed(4), r.ndcg.toFixed(4), r.map.toFixed(4)])]),
  ].join("\n");
}

function parseModels(raw: unknown): Algorithm[] {
  if (raw === undefined) return [...algorithms];
  const names = String(raw).split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError("--models needs at least one model");
  const unknown = names.filter((n) => !(algorithms as readonly string[]).includes(n));
  if (unknown.length) throw new UsageError(`Unknown model${unknown.length > 1 ? "s" : ""} in --models: ${unknown.join(", ")} (choose from ${algorithms.join(", ")})`);
  return [...new Set(names)] as Algorithm[];
}

function reportTable(report: EvaluationReport): string {
  const k = report.k;
  const header = ["model", `P@${k}`, `R@${k}`, `NDCG@${k}`, `MAP@${k}`, "coverage", "train s"];
  const line = (r: EvaluationRow) => [r.algorithm, r.precision.toFixed(4), r.recall.toFixed(4), r.ndcg.toFixed(4), r.map.toFixed(4), r.coverage.toFixed(4), r.trainingSeconds.toFixed(2)];
  const out = [
    `Split: seed ${report.seed}, ${fmt(report.users)} users measured, ${fmt(report.items)} movies, ${fmt(report.trainInteractions)} training and ${fmt(report.testInteractions)} held-out interactions`,
    "",
    table([header, ...report.rows.map(line)]),
  ];
  const popular = report.rows.find((r) => r.algorithm === "popular");
  const best = [...report.rows].sort((a, b) => b.precision - a.precision)[0];
  if (popular && best && popular.precision > 0) {
    out.push("", `Best P@${k}: ${best.algorithm}, ${(best.precision / popular.precision).toFixed(2)} × popularity's`);
  }
  if (report.cold) {
    out.push(
      "",
      `Cold segment: ${fmt(report.cold.users)} users cut to ${report.cold.historyLength} training interactions (models retrained on the cut data)`,
      "",
      table([["model", `P@${k}`, `R@${k}`, `NDCG@${k}`], ...report.cold.rows.map((r) => [r.algorithm, r.precision.toFixed(4), r.recall.toFixed(4), r.ndcg.toFixed(4)])]),
    );
  }
  return out.join("\n");
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")).join("\n");
}
