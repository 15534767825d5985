import { spawn } from "node:child_process";
import fs from "node:fs";

export interface MachinePauses {
  /** "real-time": the probe outranks every ordinary process, so what it saw was the machine itself stopping. */
  priority: "real-time" | "normal";
  /** How late each tick came, in ms, where it came over 5 ms late. */
  lateMs: number[];
}

// Ticks every millisecond and notes how late each one came; prints them when its stdin closes.
const PROBE = `
let last = performance.now();
const late = [];
setInterval(() => {
  const now = performance.now();
  if (now - last > 6) late.push(Math.round((now - last - 1) * 10) / 10);
  last = now;
}, 1);
process.stdin.resume();
process.stdin.on("end", () => { process.stdout.write(JSON.stringify(late)); process.exit(0); });
`;

/**
 * Watches for moments the machine stops running anything: a process that wakes every millisecond,
 * at real-time priority where we may set it (root on Linux, with chrt), notes how late it woke.
 * On a virtual machine the host can pause all of our cores at once. On ours, a real-time probe
 * saw 4–5 pauses of 10–23 ms in 30 s with the machine idle (on both cores at the same moments),
 * and 2–18 of up to 36 ms under the benchmark's load. A latency tail is read against them.
 */
export function startPauseProbe(): { stop(): Promise<MachinePauses | null> } {
  const realTime = process.platform === "linux" && process.getuid?.() === 0 && fs.existsSync("/usr/bin/chrt");
  const [command, args] = realTime ? ["/usr/bin/chrt", ["-f", "10", process.execPath, "-e", PROBE]] : [process.execPath, ["-e", PROBE]];
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "ignore"] });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<boolean>((resolve) => {
    child.once("error", () => resolve(false));
    child.once("exit", (code) => resolve(code === 0));
  });
  return {
    async stop() {
      child.stdin!.end();
      if (!(await exited)) return null;
      try {
        return { priority: realTime ? "real-time" : "normal", lateMs: JSON.parse(out) as number[] };
      } catch {
        return null;
      }
    },
  };
}
