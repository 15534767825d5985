import { isAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { helpText, parseCommandArgs, UsageError, type Command } from "./cli/command";
import { adminResetPasswordCommand } from "./commands/admin";
import { benchDemoCommand } from "./commands/bench-demo";
import { benchEventsCommand } from "./commands/bench-events";
import { benchExperimentsCommand } from "./commands/bench-experiments";
import { benchRecsCommand } from "./commands/bench-recs";
import { benchShowtimesCommand } from "./commands/bench-showtimes";
import { benchSimulateCommand } from "./commands/bench-simulate";
import { evaluateCommand } from "./commands/evaluate";
import { exportInteractionsCommand } from "./commands/export-interactions";
import { importModelCommand } from "./commands/import-model";
import { importMovielensCommand } from "./commands/import-movielens";
import { migrateCommand } from "./commands/migrate";
import { prepareCommand } from "./commands/prepare";
import { seedCommand } from "./commands/seed";
import { serveCommand } from "./commands/serve";
import { simulateCommand } from "./commands/simulate";
import { tokenCreateCommand } from "./commands/token";
import { trainCommand } from "./commands/train";
import { workerCommand } from "./commands/worker";

/** `npm run marquee -- <command>`: every command-line tool of the project, each with --help. */
const commands: Command[] = [
  migrateCommand,
  prepareCommand,
  serveCommand,
  seedCommand,
  importMovielensCommand,
  tokenCreateCommand,
  adminResetPasswordCommand,
  workerCommand,
  trainCommand,
  exportInteractionsCommand,
  importModelCommand,
  benchShowtimesCommand,
  benchEventsCommand,
  benchRecsCommand,
  benchSimulateCommand,
  benchExperimentsCommand,
  benchDemoCommand,
  evaluateCommand,
  simulateCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Marquee command line",
    "",
    "Usage: npm run marquee -- <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `npm run marquee -- <command> --help` for a command's options.",
  ].join("\n");
}

async function main(argv: string[]) {
  // Longest match first, so "import movielens" wins over a shorter name.
  const command = [...commands]
    .sort((a, b) => b.name.split(" ").length - a.name.split(" ").length)
    .find((c) => c.name.split(" ").every((word, i) => argv[i] === word));
  if (!command) {
    if (argv.length && !["-h", "--help", "help"].includes(argv[0]!)) {
      console.error(`Unknown command: ${argv.join(" ")}\n`);
      console.error(overview());
      return 2;
    }
    console.log(overview());
    return 0;
  }
  const rest = argv.slice(command.name.split(" ").length);
  let args;
  try {
    args = parseCommandArgs(command, rest);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${helpText(command)}`);
    return 2;
  }
  if (args.values.help) {
    console.log(helpText(command));
    return 0;
  }
  try {
    await command.run(args as never);
    // A command that finished but failed in part (a training that failed, a simulation stopped early) says so in process.exitCode.
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${helpText(command)}`);
      return 2;
    }
    // A problem with the input (a malformed file, an unknown id) is the user's to fix: no stack.
    if (!isAppError(error) || error.status >= 500) logger.error({ err: error }, `${command.name} failed`);
    console.error(`\n${command.name} failed: ${(error as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
