import { describe, expect, it } from "vitest";
import { flushAllWriteBehind, WriteBehind } from "./write-behind";

function recorder(options: { maxRows?: number; maxDelayMs?: number; failOn?: number } = {}) {
  const writes: number[][] = [];
  const failed: number[] = [];
  const log = new WriteBehind<number>(
    async (rows) => {
      if (options.failOn !== undefined && rows.includes(options.failOn)) throw new Error("bad row");
      writes.push(rows);
    },
    { maxRows: options.maxRows ?? 100, maxDelayMs: options.maxDelayMs ?? 10_000, onError: (_, row) => failed.push(row) },
  );
  return { log, writes, failed };
}

describe("write-behind", () => {
  it("returns at once and writes the rows added together as one write when asked to flush", async () => {
    const { log, writes } = recorder();
    [1, 2, 3].forEach((n) => log.add(n));
    expect(writes).toEqual([]);
    expect(log.pending).toBe(3);
    await log.flush();
    expect(writes).toEqual([[1, 2, 3]]);
    expect(log.pending).toBe(0);
  });

  it("writes a full buffer without waiting for its delay", async () => {
    const { log, writes } = recorder({ maxRows: 2 });
    [1, 2, 3].forEach((n) => log.add(n));
    await log.flush();
    expect(writes).toEqual([[1, 2], [3]]);
  });

  it("writes on its own once the delay after the first row has passed", async () => {
    const { log, writes } = recorder({ maxDelayMs: 20 });
    log.add(1);
    log.add(2);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(writes).toEqual([[1, 2]]);
  });

  it("keeps the other rows of a failed write, and reports only the row that fails on its own", async () => {
    const { log, writes, failed } = recorder({ failOn: 2 });
    [1, 2, 3].forEach((n) => log.add(n));
    await log.flush();
    expect(writes).toEqual([[1], [3]]);
    expect(failed).toEqual([2]);
  });

  it("a flush waits for a write already on its way, and writes never overlap", async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    const log = new WriteBehind<number>(
      async (rows) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 15));
        done.push(...rows);
        inFlight--;
      },
      { maxRows: 1, maxDelayMs: 1_000, onError: () => {} },
    );
    [1, 2, 3].forEach((n) => log.add(n));
    await log.flush();
    expect(done).toEqual([1, 2, 3]);
    expect(most).toBe(1);
  });

  it("flushAllWriteBehind writes what every buffer holds (the shutdown's last step before the database closes)", async () => {
    const a = recorder();
    const b = recorder();
    a.log.add(1);
    b.log.add(2);
    await flushAllWriteBehind();
    expect([a.writes, b.writes]).toEqual([[[1]], [[2]]]);
  });
});
