import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { rectangularSeatMap } from "@/lib/theaters/seat-map";
import { countSeatsOf, findTheater, insertTheater, updateTheater } from "./theaters";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe("theater queries", () => {
  it("stores the seats of the map and replaces them when the map changes", async () => {
    const created = await insertTheater(t.db, "odeon-1", { name: "Odeon 1", city: "Berlin", timeZone: "Europe/Berlin", turnoverMinutes: 20, seatMap: rectangularSeatMap(10, 12, [6]) });
    expect(created?.seatCount).toBe(120);
    expect(await countSeatsOf(t.db, "odeon-1")).toBe(120);

    const updated = await updateTheater(t.db, "odeon-1", { seatMap: rectangularSeatMap(5, 10) }, new Date());
    expect(updated?.seatCount).toBe(50);
    expect(await countSeatsOf(t.db, "odeon-1")).toBe(50);
    expect((await findTheater(t.db, "odeon-1"))?.seatMap.blocks[0]!.rows).toHaveLength(5);
  });

  it("refuses a second theater with the same id", async () => {
    const again = await insertTheater(t.db, "odeon-1", { name: "Other", city: "Paris", timeZone: "Europe/Paris", turnoverMinutes: 10, seatMap: rectangularSeatMap(1, 5) });
    expect(again).toBeNull();
    expect((await findTheater(t.db, "odeon-1"))?.name).toBe("Odeon 1");
  });
});
