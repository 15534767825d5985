import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

describe("group commit", () => {
  it("sends what arrives while a call is in flight as one call, and answers each caller its own output", async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const doubler = new GroupCommit<number, number>(
      async (inputs) => {
        calls.push(inputs);
        if (calls.length === 1) await gate;
        return inputs.map((n) => n * 2);
      },
      { maxInFlight: 1, maxGroup: 10 },
    );
    const first = doubler.submit(1);
    const rest = [2, 3, 4].map((n) => doubler.submit(n));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(calls).toEqual([[1], [2, 3, 4]]);
  });

  it("fails only the caller whose input fails, when a group fails", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const strict = new GroupCommit<number, number>(async (inputs) => {
      if (first) {
        first = false;
        await gate;
      }
      if (inputs.includes(-1)) throw new Error("negative");
      return inputs;
    }, { maxInFlight: 1, maxGroup: 10 });
    const blocker = strict.submit(0);
    const results = Promise.allSettled([strict.submit(5), strict.submit(-1), strict.submit(7)]);
    release();
    await blocker;
    expect((await results).map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("never groups more than maxGroup inputs", async () => {
    const sizes: number[] = [];
    const echo = new GroupCommit<number, number>(async (inputs) => {
      sizes.push(inputs.length);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return inputs;
    }, { maxInFlight: 1, maxGroup: 3 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => echo.submit(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(8);
  });
});
