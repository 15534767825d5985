import { describe, expect, it } from "vitest";
import { checkPlan, planStartTimes } from "./start-plan";
import { buildTimeline } from "./timeline";
import { berlin, newYork, now, form, existing } from "@/test/showtime-plans";

describe("buildTimeline", () => {
  it("groups showtimes per theater and local day on a 24-hour axis", () => {
    const shows = [
      existing(berlin.id, "2026-02-02T13:00:00Z", "2026-02-02T15:00:00Z", "2026-02-02T15:15:00Z", "Matinee"),
      existing(newYork.id, "2026-02-02T13:00:00Z", "2026-02-02T15:00:00Z", "2026-02-02T15:20:00Z", "Lunch show"),
    ];
    const rows = buildTimeline({ theaters: [berlin, newYork], dates: ["2026-02-02", "2026-02-03"], existing: shows });
    expect(rows[0]!.days[0]!.blocks).toMatchObject([{ title: "Matinee", startMinute: 14 * 60, endMinute: 16 * 60, freeMinute: 16 * 60 + 15, startLabel: "14:00" }]);
    expect(rows[0]!.days[1]!.blocks).toEqual([]);
    expect(rows[1]!.days[0]!.blocks).toMatchObject([{ title: "Lunch show", startMinute: 8 * 60 }]);
  });

  it("splits a show that runs past midnight over both days", () => {
    const late = existing(berlin.id, "2026-02-02T22:00:00Z", "2026-02-03T00:30:00Z", "2026-02-03T00:45:00Z");
    const [row] = buildTimeline({ theaters: [berlin], dates: ["2026-02-02", "2026-02-03"], existing: [late] });
    expect(row!.days[0]!.blocks[0]).toMatchObject({ startMinute: 23 * 60, endMinute: 1440, continuesToNextDay: true });
    expect(row!.days[1]!.blocks[0]).toMatchObject({ startMinute: 0, endMinute: 90, freeMinute: 105, continuesFromPreviousDay: true });
  });

  it("shows the new starts beside the existing ones, conflicting ones marked", () => {
    const plan = planStartTimes([berlin], form({ dateTo: "2026-02-02", sharedTimes: ["15:00", "19:00"] }), now);
    const old = existing(berlin.id, "2026-02-02T13:00:00Z", "2026-02-02T15:00:00Z", "2026-02-02T15:15:00Z");
    const [row] = buildTimeline({ theaters: [berlin], dates: ["2026-02-02"], existing: [old], plan, check: checkPlan(plan, [old]), newTitle: "New Film" });
    expect(row!.days[0]!.blocks.map((b) => [b.kind, b.tone, b.startLabel])).toEqual([
      ["existing", "existing", "14:00"],
      ["new", "conflict", "15:00"],
      ["new", "new", "19:00"],
    ]);
  });
});
