import path from "node:path";
import { importMovielens, type MovielensImportSummary, type Tally } from "@/lib/movielens/import";
import { UsageError, type Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";
import { fmt, ProgressBar } from "../cli/progress";

export const importMovielensCommand: Command = {
  name: "import movielens",
  summary: "Import a MovieLens dataset (ml-latest-small … ml-25m, or ml-100k) in one transaction; safe to re-run.",
  usage: "import movielens <dir> [--batch-size <rows>]",
  options: { "batch-size": { type: "string" } },
  optionHelp: [
    "<dir>         A folder with movies.csv + ratings.csv (+ links.csv, tags.csv), or u.item + u.data + u.genre (+ u.user)",
    "--batch-size  Rows per INSERT (default 5000)",
  ],
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError("Give exactly one MovieLens directory");
    const dir = path.resolve(positionals[0]!);
    const batchSize = values["batch-size"] === undefined ? undefined : Number(values["batch-size"]);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000)) {
      throw new UsageError("--batch-size must be a whole number from 1 to 10000");
    }

    await withCliDatabase("import movielens", async ({ db, driver, location }) => {
      console.error(`Importing ${dir} into ${driver} at ${location}`);
      const bar = new ProgressBar("import", null, "kB");
      const started = performance.now();
      const summary = await importMovielens(db, dir, {
        batchSize,
        onProgress(p) {
          bar.setTotal(Math.round(p.bytesTotal / 1024));
          bar.update(Math.round(p.bytesRead / 1024), `${p.file} ${fmt(p.records)}`);
        },
      });
      bar.done();
      console.log(summaryLine(summary, performance.now() - started));
    });
  },
};

function summaryLine(summary: MovielensImportSummary, elapsedMs: number): string {
  const part = (name: string, t: Tally) => {
    const total = t.inserted + t.updated + t.unchanged;
    const changed = t.updated ? `, ${fmt(t.updated)} updated` : "";
    return `${name} ${fmt(total)} (${fmt(t.inserted)} new${changed}, ${fmt(t.unchanged)} unchanged)`;
  };
  const parts = [part("movies", summary.movies), part("users", summary.users), part("ratings", summary.ratings), part("tags", summary.tags), part("links", summary.links)];
  return `Imported ${summary.format} in ${(elapsedMs / 1000).toFixed(1)} s: ${parts.join("; ")}`;
}
