import { parseArgs, type ParseArgsConfig } from "node:util";

/** A CLI command: its name (possibly two words, "import movielens"), help text, options and body. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsConfig["options"];
  /** Lines describing each option, shown by --help. */
  optionHelp?: string[];
  run(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }): Promise<void>;
}

export class UsageError extends Error {}

export function parseCommandArgs(command: Command, argv: string[]) {
  return parseArgs({ args: argv, options: { help: { type: "boolean", short: "h" }, ...command.options }, allowPositionals: true, strict: true });
}

export function helpText(command: Command): string {
  const lines = [`${command.summary}`, "", `Usage: npm run marquee -- ${command.usage}`];
  if (command.optionHelp?.length) lines.push("", "Options:", ...command.optionHelp.map((l) => `  ${l}`));
  lines.push("  -h, --help  Show this help");
  return lines.join("\n");
}

/** A numeric option that must be above zero, or its default when left out. */
export function positiveOption(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name}: a positive number`);
  return n;
}
