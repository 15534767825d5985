import { z } from "zod";

/**
 * A theater's seat map: blocks (e.g. "Left", "Center"), each with rows. A row has `positions`
 * places from left to right; the positions listed in `gaps` are aisles or missing seats.
 * Seats are numbered 1, 2, 3… across the real seats of a row, skipping gaps.
 */
export const MAX_POSITIONS_PER_ROW = 60;
export const MAX_ROWS = 60;
export const MAX_SEATS = 2_000;

const label = z.string().trim().min(1).max(16);

export const seatRowSchema = z
  .object({
    label,
    positions: z.number().int().min(1).max(MAX_POSITIONS_PER_ROW),
    gaps: z.array(z.number().int().min(1)).max(MAX_POSITIONS_PER_ROW).default([]),
  })
  .strict()
  .superRefine((row, ctx) => {
    const seen = new Set<number>();
    for (const [i, gap] of row.gaps.entries()) {
      if (gap > row.positions) {
        ctx.addIssue({ code: "custom", path: ["gaps", i], message: `Gap ${gap} is past the row's ${row.positions} positions` });
      }
      if (seen.has(gap)) ctx.addIssue({ code: "custom", path: ["gaps", i], message: `Gap ${gap} is listed twice` });
      seen.add(gap);
    }
    if (seen.size >= row.positions) ctx.addIssue({ code: "custom", path: ["gaps"], message: "A row needs at least one seat" });
  });

export const seatBlockSchema = z
  .object({ name: label, rows: z.array(seatRowSchema).min(1).max(MAX_ROWS) })
  .strict()
  .superRefine((block, ctx) => {
    const labels = new Set<string>();
    for (const [i, row] of block.rows.entries()) {
      if (labels.has(row.label)) ctx.addIssue({ code: "custom", path: ["rows", i, "label"], message: `Row ${row.label} appears twice in block ${block.name}` });
      labels.add(row.label);
    }
  });

export const seatMapSchema = z
  .object({ blocks: z.array(seatBlockSchema).min(1).max(12) })
  .strict()
  .superRefine((map, ctx) => {
    const names = new Set<string>();
    for (const [i, block] of map.blocks.entries()) {
      if (names.has(block.name)) ctx.addIssue({ code: "custom", path: ["blocks", i, "name"], message: `Block ${block.name} appears twice` });
      names.add(block.name);
    }
    const total = countSeats(map);
    if (total > MAX_SEATS) ctx.addIssue({ code: "custom", path: ["blocks"], message: `A theater can have at most ${MAX_SEATS} seats (this map has ${total})` });
  });

export type SeatMap = z.infer<typeof seatMapSchema>;
export type SeatRow = z.infer<typeof seatRowSchema>;

export interface SeatPlace {
  block: string;
  rowLabel: string;
  number: number;
}

/** The real seats of one row with their positions; gaps are left out. */
export function seatsOfRow(row: Pick<SeatRow, "positions" | "gaps">): { position: number; number: number }[] {
  const gaps = new Set(row.gaps);
  const seats: { position: number; number: number }[] = [];
  for (let position = 1; position <= row.positions; position++) {
    if (!gaps.has(position)) seats.push({ position, number: seats.length + 1 });
  }
  return seats;
}

export function countSeats(map: { blocks: { rows: Pick<SeatRow, "positions" | "gaps">[] }[] }): number {
  let total = 0;
  for (const block of map.blocks) for (const row of block.rows) total += row.positions - new Set(row.gaps.filter((g) => g <= row.positions)).size;
  return total;
}

/** Every seat of the map, in reading order: what the seats table holds for a theater. */
export function expandSeatMap(map: SeatMap): SeatPlace[] {
  const places: SeatPlace[] = [];
  for (const block of map.blocks) {
    for (const row of block.rows) {
      for (const seat of seatsOfRow(row)) places.push({ block: block.name, rowLabel: row.label, number: seat.number });
    }
  }
  return places;
}

/** A rectangular map: `rows` rows labelled A, B, C… of `perRow` seats, with aisles after the given seats. */
export function rectangularSeatMap(rows: number, perRow: number, aislesAfter: number[] = [], blockName = "Main"): SeatMap {
  const gaps: number[] = [];
  let position = 0;
  const totalPositions = perRow + aislesAfter.length;
  const aisles = new Set(aislesAfter);
  for (let seat = 1; seat <= perRow; seat++) {
    position++;
    if (aisles.has(seat) && seat < perRow) {
      position++;
      gaps.push(position);
    }
  }
  return {
    blocks: [
      {
        name: blockName,
        rows: Array.from({ length: rows }, (_, i) => ({ label: rowLabel(i), positions: Math.min(totalPositions, position), gaps: [...gaps] })),
      },
    ],
  };
}

/** A, B, … Z, AA, AB, … */
export function rowLabel(index: number): string {
  let label = "";
  let n = index;
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}
