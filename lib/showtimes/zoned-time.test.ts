import { describe, expect, it } from "vitest";
import { datesBetween, dayLabel, formatRangeInZone, fromWallTime, toIsoWithOffset, toWallTime } from "./zoned-time";

describe("wall-clock times in a theater's zone", () => {
  it("turns a Berlin evening into the right instant in winter and in summer", () => {
    expect(fromWallTime({ date: "2026-12-01", time: "20:00" }, "Europe/Berlin")).toEqual({ ok: true, instant: new Date("2026-12-01T19:00:00Z") });
    expect(fromWallTime({ date: "2026-07-01", time: "20:00" }, "Europe/Berlin")).toEqual({ ok: true, instant: new Date("2026-07-01T18:00:00Z") });
  });

  it("refuses a time skipped by the spring-forward jump", () => {
    expect(fromWallTime({ date: "2026-03-29", time: "02:30" }, "Europe/Berlin")).toEqual({ ok: false, reason: "nonexistent" });
    expect(fromWallTime({ date: "2026-03-08", time: "02:15" }, "America/New_York")).toEqual({ ok: false, reason: "nonexistent" });
  });

  it("takes the first of a time that happens twice in autumn", () => {
    const result = fromWallTime({ date: "2026-10-25", time: "02:30" }, "Europe/Berlin");
    expect(result).toEqual({ ok: true, instant: new Date("2026-10-25T00:30:00Z") });
  });

  it("refuses impossible dates and malformed times", () => {
    expect(fromWallTime({ date: "2026-02-30", time: "10:00" }, "UTC")).toEqual({ ok: false, reason: "invalid" });
    expect(fromWallTime({ date: "2026-02-01", time: "25:00" }, "UTC")).toEqual({ ok: false, reason: "invalid" });
  });

  it("writes an instant with the zone's offset and reads it back", () => {
    const instant = new Date("2026-12-01T10:30:00Z");
    expect(toIsoWithOffset(instant, "Asia/Seoul")).toBe("2026-12-01T19:30:00+09:00");
    expect(toIsoWithOffset(instant, "America/New_York")).toBe("2026-12-01T05:30:00-05:00");
    expect(new Date(toIsoWithOffset(instant, "Asia/Kolkata")).getTime()).toBe(instant.getTime());
    expect(toWallTime(instant, "Asia/Seoul")).toEqual({ date: "2026-12-01", time: "19:30" });
  });

  it("lists the days of a range inclusively", () => {
    expect(datesBetween("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(datesBetween("2026-12-02", "2026-12-01")).toEqual([]);
  });
});

describe("formatting on the theater's clock", () => {
  it("writes days and ranges in the theater's zone, naming the next day after midnight", () => {
    expect(dayLabel("2026-02-02")).toBe("Mon 2 Feb");
    expect(formatRangeInZone("2026-02-02T22:00:00Z", "2026-02-03T00:30:00Z", "Europe/Berlin")).toBe("Mon 2 Feb, 23:00–01:30 (Tue 3 Feb)");
    expect(formatRangeInZone("2026-02-02T22:00:00Z", "2026-02-03T00:30:00Z", "America/New_York")).toBe("Mon 2 Feb, 17:00–19:30");
  });
});
