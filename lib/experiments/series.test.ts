import { describe, expect, it } from "vitest";
import { bucketMinutesFor, scoreSeries, type CyclePhase, type MinuteScoreRow } from "./series";

// As the simulation runs them: even cycles compare a model with itself, odd ones two models.
const phaseOfCycle = (cycle: number): CyclePhase => (cycle % 2 === 0 ? "A/A" : "A/B");
const row = (minute: string, variant: string, n: number, sum: number, actionCycle: number | null = 0): MinuteScoreRow => ({ minute: `2026-03-10T${minute}:00Z`, variant, n, sum, actionCycle });

describe("score per minute by group", () => {
  it("puts each group's mean score on one minute axis, with gaps where a group had no scored session", () => {
    const series = scoreSeries([row("12:00", "A", 2, 15), row("12:00", "B", 1, 6), row("12:02", "B", 4, 30)], { phaseOfCycle });
    expect(series.variants).toEqual(["A", "B"]);
    expect(series.points.map((p) => p.minute)).toEqual(["2026-03-10T12:00:00.000Z", "2026-03-10T12:01:00.000Z", "2026-03-10T12:02:00.000Z"]);
    expect(series.points.map((p) => p.meanScore)).toEqual([
      { A: 7.5, B: 6 },
      { A: null, B: null },
      { A: null, B: 7.5 },
    ]);
    expect(series.points.map((p) => p.sessions.A)).toEqual([2, 0, 0]);
  });

  it("labels A/A and A/B periods by action cycle, carrying a cycle across a quiet minute", () => {
    const series = scoreSeries([row("12:00", "A", 1, 9, 0), row("12:01", "B", 1, 8, 0), row("12:03", "A", 1, 5, 1), row("12:04", "B", 1, 4, 1)], { phaseOfCycle });
    expect(series.points.map((p) => [p.actionCycle, p.phase])).toEqual([
      [0, "A/A"],
      [0, "A/A"],
      [0, "A/A"],
      [1, "A/B"],
      [1, "A/B"],
    ]);
    expect(series.periods).toEqual([
      { actionCycle: 0, phase: "A/A", from: "2026-03-10T12:00:00.000Z", to: "2026-03-10T12:03:00.000Z" },
      { actionCycle: 1, phase: "A/B", from: "2026-03-10T12:03:00.000Z", to: "2026-03-10T12:05:00.000Z" },
    ]);
  });

  it("sums minutes into wider buckets, placing a bucket that spans a cycle change in the later cycle", () => {
    const series = scoreSeries([row("12:00", "A", 1, 10, 0), row("12:03", "A", 3, 12, 1), row("12:07", "A", 1, 2, 1)], { phaseOfCycle, bucketMinutes: 5 });
    expect(series.points.map((p) => [p.minute, p.meanScore.A, p.actionCycle])).toEqual([
      ["2026-03-10T12:00:00.000Z", 5.5, 1],
      ["2026-03-10T12:05:00.000Z", 2, 1],
    ]);
  });

  it("covers a requested range, carrying in the cycle of the traffic before it and leaving its edges empty", () => {
    const series = scoreSeries([row("11:58", "A", 1, 7, 3), row("12:01", "A", 1, 9, 3)], {
      phaseOfCycle,
      from: new Date("2026-03-10T12:00:30Z"),
      to: new Date("2026-03-10T12:02:00Z"),
      variants: ["A", "B"],
    });
    expect(series.points.map((p) => [p.minute, p.meanScore, p.phase])).toEqual([
      ["2026-03-10T12:00:00.000Z", { A: null, B: null }, "A/B"],
      ["2026-03-10T12:01:00.000Z", { A: 9, B: null }, "A/B"],
      ["2026-03-10T12:02:00.000Z", { A: null, B: null }, "A/B"],
    ]);
  });

  it("is empty without rows, and has no phase before the first cycle is known", () => {
    expect(scoreSeries([], { phaseOfCycle })).toEqual({ variants: [], bucketMinutes: 1, points: [], periods: [] });
    const unlabelled = scoreSeries([row("12:00", "A", 1, 5, null)], { phaseOfCycle });
    expect(unlabelled.points[0]!.phase).toBeNull();
    expect(unlabelled.periods).toEqual([]);
  });

  it("picks a bucket width that keeps a day within 300 points, and refuses an axis too long to draw", () => {
    const dayStart = new Date("2026-03-10T00:00:00Z");
    expect(bucketMinutesFor(dayStart, new Date("2026-03-10T04:00:00Z"), 300)).toBe(1);
    expect(bucketMinutesFor(dayStart, new Date("2026-03-11T00:00:00Z"), 300)).toBe(5);
    expect(() => scoreSeries([], { phaseOfCycle, from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-12-31T00:00:00Z") })).toThrow(RangeError);
  });
});
