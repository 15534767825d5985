import fs from "node:fs";
import { interactionRows } from "@/db/queries/recs";
import { formatInteractionCsv } from "@/lib/recs/factor-csv";
import { UsageError, type Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";
import { fmt } from "../cli/progress";

export const exportInteractionsCommand: Command = {
  name: "export interactions",
  summary: "Write the training data (user, movie, weight, time) as CSV, for Spark MLlib's ALS or implicit (docs/recommendations-at-scale.md).",
  usage: "export interactions --out <file.csv>",
  options: { out: { type: "string" } },
  optionHelp: ["--out  Where to write the CSV (user_id,movie_id,weight,timestamp; timestamp in unix seconds)"],
  async run({ values }) {
    if (typeof values.out !== "string" || !values.out) throw new UsageError("--out is required");
    const out = values.out;
    await withCliDatabase("export interactions", async ({ db }) => {
      const rows = await interactionRows(db);
      const stream = fs.createWriteStream(out);
      for (const line of formatInteractionCsv(rows.map((r) => ({ userId: r.userId, movieId: r.movieId, weight: r.weight, timestamp: r.at })))) {
        if (!stream.write(`${line}\n`)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
      }
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      console.log(`Wrote ${fmt(rows.length)} interactions to ${out}`);
    });
  },
};
