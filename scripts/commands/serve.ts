import { spawn } from "node:child_process";
import os from "node:os";
import { type Command } from "../cli/command";
import { nextBin, serverNodeOptions } from "../cli/next-server";

export const serveCommand: Command = {
  name: "serve",
  summary: "The production server: `next start` with V8 sized for this machine's cores (what `npm start` runs after prepare).",
  usage: "serve [-p PORT] [-H HOSTNAME]",
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
  optionHelp: ["-p, --port PORT          Port to listen on (default: PORT, or 3000)", "-H, --hostname HOSTNAME  Address to listen on (default: all)"],
  async run({ values }) {
    const args = ["start"];
    if (typeof values.port === "string") args.push("-p", values.port);
    if (typeof values.hostname === "string") args.push("-H", values.hostname);
    const child = spawn(process.execPath, [nextBin(), ...args], {
      stdio: "inherit",
      env: { ...process.env, NODE_OPTIONS: serverNodeOptions(process.env.NODE_OPTIONS, os.availableParallelism()) },
    });
    // The server decides how to stop (it finishes what it is answering); we only pass the word on.
    let stopping = false;
    const forward = (signal: NodeJS.Signals) => () => {
      stopping = true;
      child.kill(signal);
    };
    const onInt = forward("SIGINT");
    const onTerm = forward("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) => resolve({ code, signal }));
    });
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
    // Asked to stop, next exits with 128 + the signal's number: that is a clean stop, not a failure.
    if (code !== 0 && !signal && !stopping) throw new Error(`next start exited with code ${code}`);
  },
};
