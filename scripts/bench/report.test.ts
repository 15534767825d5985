import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MachineInfo } from "./machine";
import { appendRunToPerformanceDoc, FigureLog, formatFigureLine, formatOptions, formatRunSection, type BenchRun } from "./report";

const machine: MachineInfo = { cores: 2, cpuModel: "Intel Xeon", memoryGiB: 23.5, nodeVersion: "v20.20.2", postgresVersion: "15.20", system: "linux 6.1.0" };

const run: BenchRun = {
  bench: "bench:events",
  options: { seconds: 5, concurrency: 32, workers: "thread", "cpu-profile": undefined },
  startedAt: new Date("2026-12-04T09:07:45.120Z"),
  machine,
  steal: 0.0012,
  setup: ["production build (next start, NODE_OPTIONS=--v8-pool-size=1)"],
  figures: [
    { label: "single events (c=32)", indent: 0, value: "1,667 events/s" },
    { label: "p50 / p99", indent: 1, value: "12.1 ms / 40.2 ms" },
    { label: "of which the request thread", indent: 2, value: "0.5 ms" },
    { label: "ratio to the empty handler", indent: 1, value: "1.19", target: { target: "≥ 0.70", met: true } },
    { label: "steady 300 events/s, latency p99", indent: 0, value: "24.0 ms", target: { target: "≤ 20 ms", met: false } },
    { label: "conflict check p95", indent: 0, value: "18.9 ms", target: { target: "≤ 50 ms" } },
  ],
  notes: ["app log lines at warn or above: 0"],
};

describe("the console line of a figure", () => {
  it("pads the label and value into columns and gives the verdict beside a target", () => {
    const line = formatFigureLine(run.figures[3]!, { labelWidth: 30, valueWidth: 8, targets: "verdict" });
    expect(line).toBe(`    ratio to the empty handler${" ".repeat(7)}1.19   target ≥ 0.70  ok`);
    expect(formatFigureLine(run.figures[4]!, { labelWidth: 10, valueWidth: 8, targets: "verdict" })).toMatch(/target ≤ 20 ms {2}MISSED$/);
  });

  it("can show the target alone, in parentheses", () => {
    expect(formatFigureLine(run.figures[5]!, { labelWidth: 20, valueWidth: 9, targets: "parenthesised" })).toBe(`  conflict check p95${" ".repeat(5)}18.9 ms   (target ≤ 50 ms)`);
  });

  it("prints each figure as it is added and keeps it, its indentation read from the label's leading spaces", () => {
    const printed: string[] = [];
    const log = new FigureLog({ labelWidth: 12, valueWidth: 6, targets: "verdict" }, (line) => printed.push(line));
    log.add("batches", "29,727");
    log.add("  p50 / p99", "3 / 9", { target: "≤ 10", met: true });
    expect(log.figures).toEqual([
      { label: "batches", indent: 0, value: "29,727" },
      { label: "p50 / p99", indent: 1, value: "3 / 9", target: { target: "≤ 10", met: true } },
    ]);
    expect(printed).toEqual(["  batches      29,727", "    p50 / p99   3 / 9   target ≤ 10  ok"]);
  });
});

describe("a run's section of docs/performance.md", () => {
  const section = formatRunSection(run);

  it("is headed by the UTC time and the bench, then its options as a command line", () => {
    expect(section.split("\n").slice(0, 3)).toEqual(["### 2026-12-04 09:07 UTC · bench:events", "", "Options: `--seconds 5 --concurrency 32 --workers thread`"]);
  });

  it("names the machine, the Postgres version and the hypervisor's steal", () => {
    expect(section).toContain("Machine: 2 cores (Intel Xeon), 23.5 GiB, Node v20.20.2, Postgres 15.20, linux 6.1.0; hypervisor steal 0.1% during the run.");
    expect(formatRunSection({ ...run, steal: null })).toContain("hypervisor steal not measured.");
  });

  it("tables every figure with its target and whether it was met", () => {
    expect(section).toContain("| figure | value | target |\n|---|---|---|\n| single events (c=32) | 1,667 events/s |  |\n");
    expect(section).toContain("| ↳ ratio to the empty handler | 1.19 | ≥ 0.70, met |");
    expect(section).toContain("| steady 300 events/s, latency p99 | 24.0 ms | ≤ 20 ms, **missed** |");
    expect(section).toContain("| conflict check p95 | 18.9 ms | ≤ 50 ms |");
  });

  it("marks details of the figure above and indents theirs further", () => {
    expect(section).toContain("| ↳ p50 / p99 | 12.1 ms / 40.2 ms |  |");
    expect(section).toContain("| &emsp;↳ of which the request thread | 0.5 ms |  |");
  });

  it("keeps a cell's pipe from splitting the table", () => {
    const piped = formatRunSection({ ...run, figures: [{ label: "workers thread|inline", indent: 0, value: "1" }] });
    expect(piped).toContain("| workers thread\\|inline | 1 |  |");
  });

  it("lists the setup before the table and the notes after it", () => {
    const lines = section.trimEnd().split("\n");
    expect(lines.indexOf("- production build (next start, NODE_OPTIONS=--v8-pool-size=1)")).toBeLessThan(lines.indexOf("| figure | value | target |"));
    expect(lines.at(-1)).toBe("- app log lines at warn or above: 0");
  });

  it("records flags as bare words and leaves out options that were not given", () => {
    expect(formatOptions({ theaters: 200, reset: true, quiet: false, profile: undefined })).toBe("--theaters 200 --reset");
  });
});

describe("recording a run", () => {
  it("appends its section after what the document already says, a blank line between", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perf-doc-"));
    const file = path.join(dir, "performance.md");
    fs.writeFileSync(file, "# Performance\n\n## Runs\n");
    appendRunToPerformanceDoc(run, file);
    appendRunToPerformanceDoc({ ...run, bench: "bench:showtimes" }, file);
    const text = fs.readFileSync(file, "utf8");
    expect(text.startsWith(`# Performance\n\n## Runs\n\n${formatRunSection(run)}\n### `)).toBe(true);
    expect(text.endsWith(formatRunSection({ ...run, bench: "bench:showtimes" }))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
