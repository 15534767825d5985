import { describe, expect, it } from "vitest";
import { furtherProgress, parseProgressEvent, progressView } from "./progress-view";

describe("batch progress", () => {
  const base = { transactionId: "t1", totalShowtimes: 40, totalTickets: 6000, createdShowtimes: 0, createdTickets: 0 };

  it("reads an SSE event and ignores one that is malformed", () => {
    const event = { ...base, transactionId: "0b9e2f4c-7d1a-4e55-9c3b-5a8f1e2d6c70", status: "processing", phase: "validating", at: "2026-02-02T10:00:00.000Z" };
    expect(parseProgressEvent(JSON.stringify(event))).toMatchObject({ status: "processing", phase: "validating", totalShowtimes: 40 });
    expect(parseProgressEvent(JSON.stringify({ ...event, totalTickets: "many" }))).toBeNull();
    expect(parseProgressEvent("{not json")).toBeNull();
    expect(parseProgressEvent(JSON.stringify({ ...base, status: "exploded", phase: "done" }))).toBeNull();
  });

  it("moves the bar through showtimes and then tickets, with n of N", () => {
    expect(progressView({ ...base, status: "waiting", phase: "waiting" }).percent).toBe(0);
    const half = progressView({ ...base, status: "processing", phase: "creating_showtimes", createdShowtimes: 20 });
    expect(half.percent).toBe(28);
    expect(half.label).toBe("Creating showtimes (20 of 40)");
    expect(half.steps.map((s) => s.state)).toEqual(["done", "done", "current", "upcoming", "upcoming"]);
    expect(progressView({ ...base, status: "processing", phase: "creating_tickets", createdShowtimes: 40, createdTickets: 3000 }).label).toBe("Creating tickets (3,000 of 6,000)");
  });

  it("reports the counts when done and says nothing was created when refused", () => {
    const done = progressView({ ...base, status: "succeeded", phase: "done", createdShowtimes: 40, createdTickets: 6000 });
    expect(done).toMatchObject({ percent: 100, label: "Done: 40 showtimes and 6,000 tickets created" });
    expect(done.steps.every((s) => s.state === "done")).toBe(true);
    const refused = progressView({ ...base, status: "failed", phase: "done", conflictingShowtimes: [{} as never, {} as never] });
    expect(refused.label).toBe("Refused: 2 conflicting showtimes; nothing was created");
    expect(refused.steps.find((s) => s.phase === "validating")!.state).toBe("stopped");
    expect(progressView({ ...base, status: "error", phase: "done", message: "boom" }).label).toBe("Stopped with an error; nothing was created");
  });
});

describe("furtherProgress", () => {
  const base = { transactionId: "t1", totalShowtimes: 4, totalTickets: 400, createdShowtimes: 0, createdTickets: 0 };

  it("never moves the bar backwards when a stale status read arrives after a live event", () => {
    const live = { ...base, status: "processing" as const, phase: "creating_tickets" as const, createdShowtimes: 4, createdTickets: 100 };
    const stale = { ...base, status: "waiting" as const, phase: "waiting" as const };
    expect(furtherProgress(live, stale)).toBe(live);
    const done = { ...base, status: "succeeded" as const, phase: "done" as const, createdShowtimes: 4, createdTickets: 400 };
    expect(furtherProgress(live, done)).toBe(done);
    expect(furtherProgress(null, stale)).toBe(stale);
  });
});
