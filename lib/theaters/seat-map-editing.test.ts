import { describe, expect, it } from "vitest";
import { countSeats, rectangularSeatMap, seatsOfRow, type SeatMap } from "./seat-map";
import {
  addBlock,
  addRow,
  fieldsUnder,
  generateRectangular,
  groupSeatMapErrors,
  nextRowLabel,
  parseAisles,
  positionLabel,
  removeBlock,
  removeRow,
  renameBlock,
  rowCells,
  sameSeatMap,
  setRowLabel,
  setRowPositions,
  toggleColumnGap,
  toggleGap,
  validateSeatMap,
} from "./seat-map-editing";

const twoBlocks = (): SeatMap => ({
  blocks: [
    { name: "Left", rows: [{ label: "A", positions: 6, gaps: [3] }, { label: "B", positions: 6, gaps: [] }] },
    { name: "Right", rows: [{ label: "A", positions: 4, gaps: [] }] },
  ],
});

describe("editing a seat map", () => {
  it("never changes the map it was given", () => {
    const map = twoBlocks();
    const before = JSON.stringify(map);
    toggleGap(map, 0, 0, 1);
    addRow(map, 0);
    removeRow(map, 0, 1);
    renameBlock(map, 1, "Balcony");
    setRowPositions(map, 0, 0, 2);
    toggleColumnGap(map, 0, 1, 4);
    expect(JSON.stringify(map)).toBe(before);
  });

  it("turns a seat into a gap and back, renumbering the seats after it", () => {
    const map = rectangularSeatMap(1, 5);
    const withGap = toggleGap(map, 0, 0, 2);
    expect(withGap.blocks[0]!.rows[0]!.gaps).toEqual([2]);
    expect(seatsOfRow(withGap.blocks[0]!.rows[0]!).map((s) => s.number)).toEqual([1, 2, 3, 4]);
    expect(countSeats(withGap)).toBe(4);
    expect(toggleGap(withGap, 0, 0, 2).blocks[0]!.rows[0]!.gaps).toEqual([]);
  });

  it("keeps gaps sorted and ignores positions outside the row", () => {
    let map = rectangularSeatMap(1, 8);
    map = toggleGap(toggleGap(map, 0, 0, 6), 0, 0, 2);
    expect(map.blocks[0]!.rows[0]!.gaps).toEqual([2, 6]);
    expect(toggleGap(map, 0, 0, 9)).toBe(map);
    expect(toggleGap(map, 0, 0, 0)).toBe(map);
    expect(toggleGap(map, 5, 0, 1)).toBe(map);
  });

  it("adds a row with the next free label, shaped like the last row", () => {
    const map = addRow(twoBlocks(), 0);
    expect(map.blocks[0]!.rows[2]).toEqual({ label: "C", positions: 6, gaps: [] });
    expect(countSeats(map)).toBe(countSeats(twoBlocks()) + 6);
    const fromGapRow = addRow({ blocks: [{ name: "M", rows: [{ label: "A", positions: 6, gaps: [3] }] }] }, 0);
    expect(fromGapRow.blocks[0]!.rows[1]).toEqual({ label: "B", positions: 6, gaps: [3] });
  });

  it("labels new rows after letters, numbers or anything else without clashing", () => {
    expect(nextRowLabel(["A", "B"])).toBe("C");
    expect(nextRowLabel(["Y", "Z"])).toBe("AA");
    expect(nextRowLabel(["1", "2"])).toBe("3");
    expect(nextRowLabel(["C", "A", "D"])).toBe("E");
    expect(nextRowLabel(["Box"])).toBe("B");
    expect(nextRowLabel(["Box", "B"])).toBe("C");
    expect(nextRowLabel([])).toBe("A");
  });

  it("removes a row but never a block's last one", () => {
    const map = removeRow(twoBlocks(), 0, 0);
    expect(map.blocks[0]!.rows.map((r) => r.label)).toEqual(["B"]);
    expect(removeRow(map, 0, 0)).toBe(map);
  });

  it("adds blocks with names that do not clash and removes them but never the last one", () => {
    const added = addBlock(twoBlocks());
    expect(added.blocks.map((b) => b.name)).toEqual(["Left", "Right", "Block 3"]);
    expect(added.blocks[2]!.rows).toEqual([{ label: "A", positions: 4, gaps: [] }]);
    expect(addBlock(added, "Right").blocks[3]!.name).toBe("Right 2");
    const one = removeBlock(twoBlocks(), 0);
    expect(one.blocks.map((b) => b.name)).toEqual(["Right"]);
    expect(removeBlock(one, 0)).toBe(one);
  });

  it("renames a block and relabels a row", () => {
    const map = setRowLabel(renameBlock(twoBlocks(), 1, "Balcony"), 1, 0, "AA");
    expect(map.blocks[1]).toEqual({ name: "Balcony", rows: [{ label: "AA", positions: 4, gaps: [] }] });
  });

  it("shortens a row, dropping the gaps past its new end, and keeps positions within 1–60", () => {
    const map: SeatMap = { blocks: [{ name: "M", rows: [{ label: "A", positions: 10, gaps: [3, 8] }] }] };
    expect(setRowPositions(map, 0, 0, 5).blocks[0]!.rows[0]).toEqual({ label: "A", positions: 5, gaps: [3] });
    expect(setRowPositions(map, 0, 0, 0).blocks[0]!.rows[0]!.positions).toBe(1);
    expect(setRowPositions(map, 0, 0, 500).blocks[0]!.rows[0]!.positions).toBe(60);
    expect(setRowPositions(map, 0, 0, Number.NaN)).toBe(map);
  });

  it("toggles an aisle down a whole block, following the clicked row", () => {
    const before = twoBlocks();
    const map = toggleColumnGap(before, 0, 1, 4);
    expect(map.blocks[0]!.rows.map((r) => r.gaps)).toEqual([[3, 4], [4]]);
    // Other blocks are left alone.
    expect(map.blocks[1]).toBe(before.blocks[1]);
    // Clicking a gap clears that column in every row.
    expect(toggleColumnGap(twoBlocks(), 0, 0, 3).blocks[0]!.rows.map((r) => r.gaps)).toEqual([[], []]);
  });
});

describe("the preview", () => {
  it("lists every position with the seat number it gets, gaps as null", () => {
    expect(rowCells({ positions: 5, gaps: [2, 3] })).toEqual([
      { position: 1, seat: 1 },
      { position: 2, seat: null },
      { position: 3, seat: null },
      { position: 4, seat: 2 },
      { position: 5, seat: 3 },
    ]);
  });

  it("names each position for screen readers", () => {
    expect(positionLabel("A", 5, 4)).toBe("Row A, position 5: seat 4");
    expect(positionLabel("A", 3, null)).toBe("Row A, position 3: gap");
  });
});

describe("generating a rectangular map", () => {
  it("builds rows × seats with aisles after the given seats", () => {
    const result = generateRectangular({ rows: 8, perRow: 12, aisles: "4, 8" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(countSeats(result.map)).toBe(96);
    expect(result.map.blocks[0]!.rows[0]).toEqual({ label: "A", positions: 14, gaps: [5, 10] });
    expect(result.map.blocks[0]!.rows[7]!.label).toBe("H");
  });

  it("names the input that is wrong", () => {
    expect(generateRectangular({ rows: 0, perRow: 10, aisles: "" })).toMatchObject({ ok: false, field: "rows" });
    expect(generateRectangular({ rows: 5, perRow: 61, aisles: "" })).toMatchObject({ ok: false, field: "perRow" });
    expect(generateRectangular({ rows: 5, perRow: 10, aisles: "four" })).toMatchObject({ ok: false, field: "aisles" });
    expect(generateRectangular({ rows: 5, perRow: 59, aisles: "10, 20" })).toMatchObject({ ok: false, field: "aisles" });
  });

  it("ignores an aisle after the last seat", () => {
    const result = generateRectangular({ rows: 1, perRow: 6, aisles: "6" });
    expect(result.ok && result.map.blocks[0]!.rows[0]).toEqual({ label: "A", positions: 6, gaps: [] });
  });

  it("reads aisle lists written with commas or spaces", () => {
    expect(parseAisles("4, 12")).toEqual([4, 12]);
    expect(parseAisles(" 12 4 4")).toEqual([4, 12]);
    expect(parseAisles("")).toEqual([]);
    expect(parseAisles("2.5")).toBeNull();
  });
});

describe("seat map errors", () => {
  it("finds the same problems the API would, named by the row they are about", () => {
    const map: SeatMap = {
      blocks: [{ name: "Main", rows: [{ label: "A", positions: 2, gaps: [] }, { label: "A", positions: 2, gaps: [1, 2] }] }],
    };
    const errors = validateSeatMap(map);
    expect(errors["blocks.0.rows.1.gaps"]).toBe("A row needs at least one seat");
    expect(errors["blocks.0.rows.1.label"]).toMatch(/Row A appears twice/);
    expect(validateSeatMap(rectangularSeatMap(2, 3))).toEqual({});
  });

  it("says 'Required' for an empty row label", () => {
    expect(validateSeatMap({ blocks: [{ name: "Main", rows: [{ label: "", positions: 2, gaps: [] }] }] })).toEqual({ "blocks.0.rows.0.label": "Required" });
  });

  it("sorts the API's field errors onto the block and row they name", () => {
    const api = {
      title: "Required",
      "seatMap.blocks.0.rows.1.gaps.0": "Gap 9 is past the row's 8 positions",
      "seatMap.blocks.0.rows.1.label": "Row A appears twice in block Main",
      "seatMap.blocks.1.rows.0.positions": "Too big",
      "seatMap.blocks.1.name": "Block Main appears twice",
      "seatMap.blocks": "A theater can have at most 2000 seats (this map has 2400)",
    };
    const grouped = groupSeatMapErrors(fieldsUnder(api, "seatMap"));
    expect(grouped.rows["0:1"]).toEqual({ label: "Row A appears twice in block Main", other: ["Gap 9 is past the row's 8 positions"] });
    expect(grouped.rows["1:0"]).toEqual({ positions: "Too big", other: [] });
    expect(grouped.blocks[1]).toEqual({ name: "Block Main appears twice", other: [] });
    expect(grouped.map).toEqual(["A theater can have at most 2000 seats (this map has 2400)"]);
  });

  it("takes a prefix off field names and keeps an error about the map itself", () => {
    expect(fieldsUnder({ seatMap: "Required", "seatMap.blocks": "x", seatMapping: "y", name: "z" }, "seatMap")).toEqual({ "": "Required", blocks: "x" });
  });

  it("tells an edited map from the one that was loaded", () => {
    const map = twoBlocks();
    expect(sameSeatMap(map, twoBlocks())).toBe(true);
    expect(sameSeatMap(map, toggleGap(map, 0, 0, 1))).toBe(false);
  });
});
