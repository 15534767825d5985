import { describe, expect, it } from "vitest";
import { groupShowtimesByPlace, type UpcomingShowtime } from "./showtimes-by-place";

const show = (id: string, city: string, theaterId: string, theaterName: string, timeZone: string, iso: string): UpcomingShowtime => ({ id, city, theaterId, theaterName, timeZone, startsAt: new Date(iso) });

describe("groupShowtimesByPlace", () => {
  it("groups by city and theater, A to Z, with each theater's times by its own local day", () => {
    const grouped = groupShowtimesByPlace([
      show("3", "Seoul", "t-gangnam", "Gangnam", "Asia/Seoul", "2031-01-05T11:00:00Z"), // 20:00 on the 5th in Seoul
      show("1", "Berlin", "t-zoo", "Zoo Palast", "Europe/Berlin", "2031-01-05T18:30:00Z"), // 19:30
      show("2", "Berlin", "t-babylon", "Babylon", "Europe/Berlin", "2031-01-05T23:30:00Z"), // 00:30 on the 6th
      show("4", "Seoul", "t-gangnam", "Gangnam", "Asia/Seoul", "2031-01-05T16:00:00Z"), // 01:00 on the 6th in Seoul
      show("5", "Seoul", "t-gangnam", "Gangnam", "Asia/Seoul", "2031-01-05T13:00:00Z"), // 22:00 on the 5th
    ]);
    expect(grouped.map((c) => c.city)).toEqual(["Berlin", "Seoul"]);
    expect(grouped[0]!.theaters.map((t) => t.theaterName)).toEqual(["Babylon", "Zoo Palast"]);
    expect(grouped[0]!.theaters[0]!.days).toEqual([{ day: "2031-01-06", label: "Mon, Jan 6", times: [{ id: "2", startsAt: "2031-01-05T23:30:00.000Z", time: "00:30" }] }]);
    const gangnam = grouped[1]!.theaters[0]!;
    expect(gangnam.days.map((d) => [d.day, d.times.map((t) => t.time)])).toEqual([
      ["2031-01-05", ["20:00", "22:00"]],
      ["2031-01-06", ["01:00"]],
    ]);
  });

  it("has nothing to show for no showtimes", () => {
    expect(groupShowtimesByPlace([])).toEqual([]);
  });
});
