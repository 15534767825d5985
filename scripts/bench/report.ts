import fs from "node:fs";
import path from "node:path";
import type { MachineInfo } from "./machine";

// What a bench prints and what it records: each figure is printed as a console line as it is
// measured, and the run is appended to docs/performance.md as a section with a markdown table.
// The formatting is pure (tested beside this file); appendRunToPerformanceDoc is the only I/O.

/** A target a figure is held to, e.g. "≥ 0.70", and whether this run met it (unknown if left out). */
export interface Target {
  target: string;
  met?: boolean;
}

/** One printed figure. `indent` 1 or more marks a detail of the figure above it. */
export interface Figure {
  label: string;
  indent: number;
  value: string;
  target?: Target;
}

/** One run of a bench, as docs/performance.md records it. */
export interface BenchRun {
  /** e.g. "bench:events". */
  bench: string;
  /** The options it ran with, defaults included: `{ seconds: 30, workers: "thread" }` is recorded as `--seconds 30 --workers thread`. */
  options: Record<string, string | number | boolean | undefined>;
  startedAt: Date;
  machine: MachineInfo;
  /** Share of CPU time the hypervisor gave to other guests during the run (see machine.ts); null if unknown. */
  steal: number | null;
  /** Sentences on how it ran (the build, where workers ran, the load average…). */
  setup?: string[];
  figures: Figure[];
  /** Anything else worth keeping beside the figures (the app's warnings…). */
  notes?: string[];
}

/** How a bench lays out its console lines: the label and value column widths, and how a target reads. */
export interface FigureLayout {
  labelWidth: number;
  valueWidth: number;
  /** "verdict": `   target ≥ 0.70  ok` (or MISSED); "parenthesised": `   (target ≥ 0.70)`. */
  targets: "verdict" | "parenthesised";
}

/** The console line of a figure: two spaces, the label (indented two more per level), the value right-aligned, the target. */
export function formatFigureLine(figure: Figure, layout: FigureLayout): string {
  const label = `${"  ".repeat(figure.indent)}${figure.label}`.padEnd(layout.labelWidth);
  const value = figure.value.padStart(layout.valueWidth);
  let target = "";
  if (figure.target && layout.targets === "verdict") target = `   target ${figure.target.target}  ${figure.target.met ? "ok" : "MISSED"}`;
  if (figure.target && layout.targets === "parenthesised") target = `   (target ${figure.target.target})`;
  return `  ${label} ${value}${target}`;
}

/** Figures as a bench measures them: each one printed at once and kept for the record. */
export class FigureLog {
  readonly figures: Figure[] = [];

  constructor(
    private readonly layout: FigureLayout,
    private readonly print: (line: string) => void = console.log,
  ) {}

  /** Prints and keeps a figure. Leading spaces of `label`, two per level, make it a detail of the one above. */
  add(label: string, value: string, target?: Target): void {
    const indent = Math.floor((label.length - label.trimStart().length) / 2);
    const figure: Figure = { label: label.trim(), indent, value, ...(target ? { target } : {}) };
    this.figures.push(figure);
    this.print(formatFigureLine(figure, this.layout));
  }
}

/** The machine in one line: "2 cores (Intel Xeon), 23.5 GiB, Node v20.20.2, Postgres 15.20, linux 6.1.0". */
export function formatMachine(machine: MachineInfo): string {
  return `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB.toFixed(1)} GiB, Node ${machine.nodeVersion}, Postgres ${machine.postgresVersion ?? "?"}, ${machine.system}`;
}

/** Options as a command line: `--seconds 30 --workers thread` (true as a bare flag; false and undefined left out). */
export function formatOptions(options: BenchRun["options"]): string {
  return Object.entries(options)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([name, value]) => (value === true ? `--${name}` : `--${name} ${value}`))
    .join(" ");
}

/** A run as a section of docs/performance.md: a heading with the UTC time and bench, its options, machine, setup, a table of figures, notes. */
export function formatRunSection(run: BenchRun): string {
  const when = `${run.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const options = formatOptions(run.options);
  const steal = run.steal === null ? "hypervisor steal not measured" : `hypervisor steal ${(run.steal * 100).toFixed(1)}% during the run`;
  const lines = [`### ${when} · ${run.bench}`, "", `Options: ${options ? `\`${options}\`` : "none"}`, "", `Machine: ${formatMachine(run.machine)}; ${steal}.`];
  if (run.setup?.length) lines.push("", ...run.setup.map((s) => `- ${s}`));
  lines.push("", "| figure | value | target |", "|---|---|---|");
  for (const figure of run.figures) lines.push(`| ${cell(indented(figure))} | ${cell(figure.value)} | ${cell(formatTarget(figure.target))} |`);
  if (run.notes?.length) lines.push("", ...run.notes.map((n) => `- ${n}`));
  return `${lines.join("\n")}\n`;
}

function indented(figure: Figure): string {
  return figure.indent ? `${"&emsp;".repeat(figure.indent - 1)}↳ ${figure.label}` : figure.label;
}

function formatTarget(target: Target | undefined): string {
  if (!target) return "";
  if (target.met === undefined) return target.target;
  return target.met ? `${target.target}, met` : `${target.target}, **missed**`;
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

export const PERFORMANCE_DOC = path.join("docs", "performance.md");

/** Appends the run's section to docs/performance.md (under the current directory, or `file`), and returns the file's path. */
export function appendRunToPerformanceDoc(run: BenchRun, file = path.resolve(PERFORMANCE_DOC)): string {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Performance\n";
  const separator = existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
  fs.writeFileSync(file, `${existing}${separator}${formatRunSection(run)}`);
  return file;
}
