import { describe, expect, it } from "vitest";
import { countSeats, expandSeatMap, rectangularSeatMap, rowLabel, seatMapSchema } from "./seat-map";

describe("seat maps", () => {
  it("numbers seats across a row and skips the gaps", () => {
    const map = seatMapSchema.parse({ blocks: [{ name: "Main", rows: [{ label: "A", positions: 6, gaps: [3, 4] }] }] });
    expect(expandSeatMap(map)).toEqual([
      { block: "Main", rowLabel: "A", number: 1 },
      { block: "Main", rowLabel: "A", number: 2 },
      { block: "Main", rowLabel: "A", number: 3 },
      { block: "Main", rowLabel: "A", number: 4 },
    ]);
    expect(countSeats(map)).toBe(4);
  });

  it("builds a rectangular map with aisles after the given seats", () => {
    const map = rectangularSeatMap(3, 10, [2, 8]);
    expect(countSeats(map)).toBe(30);
    expect(map.blocks[0]!.rows[0]).toEqual({ label: "A", positions: 12, gaps: [3, 10] });
  });

  it("rejects a gap past the end of the row, naming it", () => {
    const result = seatMapSchema.safeParse({ blocks: [{ name: "Main", rows: [{ label: "A", positions: 4, gaps: [5] }] }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(["blocks", 0, "rows", 0, "gaps", 0]);
  });

  it("rejects a row that is all gaps and a repeated row label", () => {
    const allGaps = seatMapSchema.safeParse({ blocks: [{ name: "M", rows: [{ label: "A", positions: 2, gaps: [1, 2] }] }] });
    expect(allGaps.success).toBe(false);
    const repeated = seatMapSchema.safeParse({
      blocks: [{ name: "M", rows: [{ label: "A", positions: 2 }, { label: "A", positions: 3 }] }],
    });
    expect(repeated.error!.issues[0]!.message).toMatch(/Row A appears twice/);
  });

  it("labels rows A…Z then AA, AB", () => {
    expect([0, 25, 26, 27].map(rowLabel)).toEqual(["A", "Z", "AA", "AB"]);
  });
});
