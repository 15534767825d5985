import os from "node:os";
import { describe, expect, it } from "vitest";
import { currentThreadId } from "./thread-priority";

describe("the job worker thread's priority", () => {
  it("finds the calling thread's id from /proc/thread-self", () => {
    expect(currentThreadId(() => "4242/task/4250")).toBe(4250);
    expect(currentThreadId(() => { throw new Error("ENOENT"); })).toBeNull();
    expect(currentThreadId(() => "garbage")).toBeNull();
    // On Linux the main thread's id is the process id.
    if (os.platform() === "linux") expect(currentThreadId()).toBe(process.pid);
  });
});
