import fs from "node:fs";
import readline from "node:readline";
import { factorCsvParser, type FactorTable } from "@/lib/recs/factor-csv";
import { importAlsFactors } from "@/lib/recs/import-service";
import { UsageError, type Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";
import { fmt } from "../cli/progress";

async function readFactors(file: string): Promise<FactorTable> {
  if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist`);
  const parser = factorCsvParser(file);
  let line = 0;
  for await (const text of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) parser.push(text, ++line);
  return parser.finish();
}

function number(value: string | boolean | string[] | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name}: a number, 0 or more`);
  return n;
}

export const importModelCommand: Command = {
  name: "import model",
  summary: "Turn factors trained elsewhere (Spark MLlib's ALS, implicit) into a model version, like a training here.",
  usage: "import model --algorithm als --user-factors <csv> --item-factors <csv> [--regularization R] [--alpha A] [--activate]",
  options: {
    algorithm: { type: "string" },
    "user-factors": { type: "string" },
    "item-factors": { type: "string" },
    regularization: { type: "string" },
    alpha: { type: "string" },
    activate: { type: "boolean" },
  },
  optionHelp: [
    "--algorithm       als (the only one whose factors others train)",
    "--user-factors    CSV of user factors: Spark's id,\"[f0,f1,…]\" or id,f0,f1,…",
    "--item-factors    CSV of movie factors, the same layout",
    "--regularization  The λ the factors were trained with (folding in new users uses it)",
    "--alpha           The confidence scale they were trained with",
    "--activate        Serve it at once",
  ],
  async run({ values }) {
    if (values.algorithm !== "als") throw new UsageError("--algorithm als is required: only ALS factors can be imported");
    if (typeof values["user-factors"] !== "string" || typeof values["item-factors"] !== "string") throw new UsageError("--user-factors and --item-factors are required");
    const [users, items] = await Promise.all([readFactors(values["user-factors"]), readFactors(values["item-factors"])]);
    const hyperparameters = { regularization: number(values.regularization, "regularization"), alpha: number(values.alpha, "alpha") };
    await withCliDatabase("import model", async (handle) => {
      const result = await importAlsFactors(handle, { users, items, hyperparameters: Object.fromEntries(Object.entries(hyperparameters).filter(([, v]) => v !== undefined)), activate: Boolean(values.activate), now: new Date() });
      console.log(
        `Imported ALS version ${result.version}: ${fmt(result.users)} users, ${fmt(result.items)} movies, ${result.factors} factors` +
          (result.droppedItems ? ` (${fmt(result.droppedItems)} movies not in the catalog left out)` : "") +
          (values.activate ? "; now served." : "; serve it from /admin/models or with --activate."),
      );
    });
  },
};
