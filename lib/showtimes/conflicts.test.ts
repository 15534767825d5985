import { describe, expect, it } from "vitest";
import { busyTogether, envelopesOf, matchConflicts, overlapsWithinRequest, planSlot } from "./conflicts";

const at = (iso: string) => new Date(iso);

describe("when two showtimes conflict", () => {
  const existing = planSlot("t1", at("2026-12-01T18:00:00Z"), 120, 15); // busy 18:00–20:15

  it("allows a show to start exactly when the turnover ends (back to back)", () => {
    expect(busyTogether(planSlot("t1", at("2026-12-01T20:15:00Z"), 90, 15), existing)).toBe(false);
  });

  it("rejects a show that starts during the turnover, one minute early", () => {
    expect(busyTogether(planSlot("t1", at("2026-12-01T20:14:00Z"), 90, 15), existing)).toBe(true);
  });

  it("rejects a show whose own turnover runs into the next start", () => {
    // 16:00 + 110 min = 17:50, + 15 turnover = 18:05 > 18:00
    expect(busyTogether(planSlot("t1", at("2026-12-01T16:00:00Z"), 110, 15), existing)).toBe(true);
    // …but ending with its turnover exactly at 18:00 is fine.
    expect(busyTogether(planSlot("t1", at("2026-12-01T16:00:00Z"), 105, 15), existing)).toBe(false);
  });

  it("rejects a show entirely inside another, and one that swallows another", () => {
    expect(busyTogether(planSlot("t1", at("2026-12-01T18:30:00Z"), 30, 0), existing)).toBe(true);
    expect(busyTogether(planSlot("t1", at("2026-12-01T17:00:00Z"), 300, 0), existing)).toBe(true);
  });

  it("counts any movie in the same theater, and nothing in another theater", () => {
    expect(busyTogether(planSlot("t2", at("2026-12-01T18:00:00Z"), 120, 15), existing)).toBe(false);
  });

  it("sees a late show that runs past midnight into the next day's first show", () => {
    const late = planSlot("t1", at("2026-12-01T23:00:00Z"), 150, 20); // until 01:50 next day
    expect(busyTogether(late, planSlot("t1", at("2026-12-02T01:30:00Z"), 90, 20))).toBe(true);
    expect(busyTogether(late, planSlot("t1", at("2026-12-02T01:50:00Z"), 90, 20))).toBe(false);
  });
});

describe("overlaps within one request", () => {
  it("names each colliding pair once, per theater, in start order", () => {
    const slots = ["10:00", "11:00", "14:00", "09:00"].map((t) => planSlot("t1", at(`2026-12-01T${t}:00Z`), 90, 10));
    slots.push(planSlot("t2", at("2026-12-01T10:00:00Z"), 90, 10));
    expect(overlapsWithinRequest(slots)).toEqual([
      { theaterId: "t1", first: at("2026-12-01T09:00:00Z"), second: at("2026-12-01T10:00:00Z") },
      { theaterId: "t1", first: at("2026-12-01T10:00:00Z"), second: at("2026-12-01T11:00:00Z") },
    ]);
  });

  it("treats a duplicate start time as an overlap", () => {
    const slots = [planSlot("t1", at("2026-12-01T10:00:00Z"), 90, 10), planSlot("t1", at("2026-12-01T10:00:00Z"), 90, 10)];
    expect(overlapsWithinRequest(slots)).toHaveLength(1);
  });

  it("finds a long show hitting several later ones", () => {
    const slots = [planSlot("t1", at("2026-12-01T10:00:00Z"), 300, 0), planSlot("t1", at("2026-12-01T11:00:00Z"), 30, 0), planSlot("t1", at("2026-12-01T13:00:00Z"), 30, 0)];
    expect(overlapsWithinRequest(slots).map((p) => p.second.toISOString())).toEqual(["2026-12-01T11:00:00.000Z", "2026-12-01T13:00:00.000Z"]);
  });
});

describe("matching existing showtimes against a request", () => {
  it("lists each existing showtime once with every requested time that hits it", () => {
    const existing = [{ id: 1, ...planSlot("t1", at("2026-12-01T18:00:00Z"), 120, 15) }, { id: 2, ...planSlot("t1", at("2026-12-01T22:00:00Z"), 90, 15) }];
    const slots = [planSlot("t1", at("2026-12-01T17:00:00Z"), 90, 15), planSlot("t1", at("2026-12-01T19:00:00Z"), 30, 15)];
    const result = matchConflicts(slots, existing);
    expect(result).toHaveLength(1);
    expect(result[0]!.showtime.id).toBe(1);
    expect(result[0]!.hitBy.map((d) => d.toISOString())).toEqual(["2026-12-01T17:00:00.000Z", "2026-12-01T19:00:00.000Z"]);
  });
});

describe("envelopes for looking up existing showtimes", () => {
  it("merges a theater's nearby slots and keeps far-apart ones and other theaters apart", () => {
    const slots = [
      planSlot("t1", at("2026-12-01T10:00:00Z"), 90, 10),
      planSlot("t1", at("2026-12-01T14:00:00Z"), 90, 10),
      planSlot("t1", at("2026-12-05T10:00:00Z"), 90, 10),
      planSlot("t2", at("2026-12-01T10:00:00Z"), 60, 0),
    ];
    expect(envelopesOf(slots)).toEqual([
      { theaterId: "t1", from: at("2026-12-01T10:00:00Z"), to: at("2026-12-01T15:40:00Z") },
      { theaterId: "t1", from: at("2026-12-05T10:00:00Z"), to: at("2026-12-05T11:40:00Z") },
      { theaterId: "t2", from: at("2026-12-01T10:00:00Z"), to: at("2026-12-01T11:00:00Z") },
    ]);
  });

  it("covers every slot", () => {
    const slots = Array.from({ length: 50 }, (_, i) => planSlot(`t${i % 3}`, new Date(Date.UTC(2026, 11, 1) + i * 7 * 3600_000), 100, 15));
    const envelopes = envelopesOf(slots);
    for (const s of slots) expect(envelopes.some((e) => e.theaterId === s.theaterId && e.from <= s.startsAt && s.availableAt <= e.to)).toBe(true);
  });
});
