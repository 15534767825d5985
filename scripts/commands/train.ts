import { countModelVersions } from "@/db/queries/recs";
import type { DatabaseHandle } from "@/db/client";
import { recommenderAlgorithms, type RecommenderAlgorithm } from "@/lib/recs/contract";
import { trainNow } from "@/lib/recs/training-service";
import { UsageError, type Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";
import { ProgressBar } from "../cli/progress";

function parseAlgorithms(value: string | boolean | string[] | undefined): RecommenderAlgorithm[] {
  if (value === undefined || value === "all") return [...recommenderAlgorithms];
  const names = String(value).split(",").map((s) => s.trim());
  const unknown = names.filter((n) => !(recommenderAlgorithms as readonly string[]).includes(n));
  if (unknown.length) throw new UsageError(`--algorithm: unknown ${unknown.join(", ")}; choose from ${recommenderAlgorithms.join(", ")} or all`);
  return names as RecommenderAlgorithm[];
}

/** Trains with a progress bar per algorithm and prints each version's offline metrics. */
export async function trainWithProgress(handle: DatabaseHandle, algorithms: RecommenderAlgorithm[], options: { activate: boolean; hyperparameters?: unknown }) {
  const bars = new Map<number, ProgressBar>();
  const results = await trainNow(handle, algorithms, {
    ...options,
    onProgress: (p) => {
      let bar = bars.get(p.version);
      if (!bar) bars.set(p.version, (bar = new ProgressBar(`Training ${p.algorithm} (version ${p.version})`, 100, "%")));
      bar.update(Math.round(p.progress * 100), p.label ?? "");
      if (p.status === "ready" || p.status === "failed") bar.done();
    },
  });
  for (const [i, result] of results.entries()) {
    const algorithm = algorithms[i]!;
    if (result.status === "failed") console.log(`${algorithm}: version ${result.version} failed: ${"error" in result ? result.error : ""}`);
    else if ("metrics" in result && result.metrics) {
      const m = result.metrics;
      console.log(`${algorithm}: version ${result.version} ready${options.activate ? " and served" : ""}; held-out P@${m.k} ${m.precisionAtK.toFixed(3)}, R@${m.k} ${m.recallAtK.toFixed(3)}, NDCG@${m.k} ${m.ndcgAtK.toFixed(3)}`);
    } else console.log(`${algorithm}: version ${result.version} ${result.status}`);
  }
  return results;
}

/** What a first start does: a first model of each kind, so recommendations work on the first page. */
export async function trainFirstModels(handle: DatabaseHandle) {
  if ((await countModelVersions(handle.db)) > 0) return null;
  return trainWithProgress(handle, [...recommenderAlgorithms], { activate: true });
}

export const trainCommand: Command = {
  name: "train",
  summary: "Train recommendation models now, with a progress bar, and serve them (as /admin/models does through a worker).",
  usage: "train [--algorithm als|hybrid|ease|popular|all] [--no-activate] [--hyperparameters JSON]",
  options: {
    algorithm: { type: "string" },
    "no-activate": { type: "boolean" },
    hyperparameters: { type: "string" },
  },
  optionHelp: [
    "--algorithm        One, a comma-separated list, or all (default)",
    "--no-activate      Train and store the versions, but keep serving the current ones",
    "--hyperparameters  JSON for one algorithm, e.g. '{\"factors\":64,\"iterations\":15}'; unknown names are refused",
  ],
  async run({ values }) {
    const algorithms = parseAlgorithms(values.algorithm);
    let hyperparameters: unknown;
    if (typeof values.hyperparameters === "string") {
      if (algorithms.length !== 1) throw new UsageError("--hyperparameters goes with a single --algorithm");
      try {
        hyperparameters = JSON.parse(values.hyperparameters);
      } catch {
        throw new UsageError("--hyperparameters: not valid JSON");
      }
    }
    await withCliDatabase("train", async (handle) => {
      const results = await trainWithProgress(handle, algorithms, { activate: !values["no-activate"], hyperparameters });
      if (results.some((r) => r.status === "failed")) process.exitCode = 1;
    });
  },
};
