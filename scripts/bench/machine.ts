import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

// What the machine under a bench is and did: its description for the record, CPU time from /proc
// (Linux; the readers answer null elsewhere), and a probe for moments it stood still.

/** The machine a run was measured on, as docs/performance.md records it. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  nodeVersion: string;
  /** The server's version, e.g. "15.20", or "17.4 (PGlite)" for the embedded one; null if unknown. */
  postgresVersion: string | null;
  /** Operating system and kernel, e.g. "linux 6.1.0". */
  system: string;
}

export function describeMachine(postgresVersion: string | null): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: os.totalmem() / 2 ** 30,
    nodeVersion: process.version,
    postgresVersion,
    system: `${os.platform()} ${os.release()}`,
  };
}

/** The machine's CPU time counters from /proc/stat (all cores, in clock ticks): total, busy and steal; null off Linux. */
export interface MachineCpuTicks {
  total: number;
  busy: number;
  steal: number;
}

export function machineCpuTicks(): MachineCpuTicks | null {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    // Not busy: idle and waiting for I/O.
    return { total, busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/**
 * The share of the machine's CPU time between two readings that the hypervisor gave to other
 * guests (steal): on a virtual machine that time is lost to everything of ours alike.
 */
export function stolenShare(start: MachineCpuTicks | null, end: MachineCpuTicks | null): number | null {
  if (!start || !end || end.total <= start.total) return null;
  return (end.steal - start.steal) / (end.total - start.total);
}

/** How many of the machine's cores were busy on average between two readings (everything on it). */
export function busyCores(start: MachineCpuTicks | null, end: MachineCpuTicks | null, cores = os.cpus().length): number | null {
  if (!start || !end) return null;
  return ((end.busy - start.busy) / Math.max(1, end.total - start.total)) * cores;
}

/** The command name and CPU seconds (user + system) in a /proc stat file; null if it cannot be read (off Linux, or the process ended). */
function statCpuSeconds(statFile: string): { command: string; seconds: number } | null {
  try {
    const stat = fs.readFileSync(statFile, "utf8");
    const fields = stat.split(") ")[1]!.split(" ");
    // utime and stime, in clock ticks (100 Hz).
    return { command: stat.slice(stat.indexOf("(") + 1, stat.indexOf(") ")), seconds: (Number(fields[11]) + Number(fields[12])) / 100 };
  } catch {
    return null;
  }
}

/** CPU seconds a process has used so far, all its threads or only its main thread; null if unknown. */
export function processCpuSeconds(pid: number | undefined, only: "process" | "main thread" = "process"): number | null {
  if (!pid) return null;
  // A process's main thread has the process's id as its thread id.
  return statCpuSeconds(only === "process" ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`)?.seconds ?? null;
}

/** CPU seconds of every process of a local Postgres server (its backends included); null if none runs here. */
export function postgresCpuSeconds(): number | null {
  let total = 0;
  let found = false;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statCpuSeconds(`/proc/${entry}/stat`);
    if (stat?.command !== "postgres") continue;
    total += stat.seconds;
    found = true;
  }
  return found ? total : null;
}

/** Where a phase's CPU went, per request: the app, its request thread, Postgres, this process, the whole machine. */
export interface CpuPerRequest {
  /** Of the machine's cores, how many were busy on average during the phase (everything on it). */
  machineBusyCores: number | null;
  /** The app process, worker thread included. */
  appCpuMsPerRequest: number | null;
  requestThreadCpuMsPerRequest: number | null;
  postgresCpuMsPerRequest: number | null;
  /** This process: the load generator. */
  loadGeneratorCpuMsPerRequest: number;
}

/** Runs a phase and adds how much CPU each party spent per request it made: where a small machine's time went. */
export async function measureCpuPerRequest<T extends { requests: number }>(appPid: number | undefined, phase: () => Promise<T>): Promise<T & CpuPerRequest> {
  const read = () => [processCpuSeconds(appPid), processCpuSeconds(appPid, "main thread"), postgresCpuSeconds()];
  const before = read();
  const machineBefore = machineCpuTicks();
  const ownBefore = process.cpuUsage();
  const result = await phase();
  const own = process.cpuUsage(ownBefore);
  const after = read();
  const machineAfter = machineCpuTicks();
  const perRequest = (i: number) => (before[i] == null || after[i] == null || !result.requests ? null : ((after[i]! - before[i]!) * 1000) / result.requests);
  return {
    ...result,
    machineBusyCores: busyCores(machineBefore, machineAfter),
    appCpuMsPerRequest: perRequest(0),
    requestThreadCpuMsPerRequest: perRequest(1),
    postgresCpuMsPerRequest: perRequest(2),
    loadGeneratorCpuMsPerRequest: (own.user + own.system) / 1000 / Math.max(1, result.requests),
  };
}

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
 * A virtual machine's host can pause all of its cores at once, unreported as steal, so a latency
 * tail is read against these pauses (docs/performance.md has what they came to on ours).
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
