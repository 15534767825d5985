import { MAX_POSITIONS_PER_ROW, MAX_ROWS, rectangularSeatMap, rowLabel, seatMapSchema, seatsOfRow, type SeatMap, type SeatRow } from "./seat-map";

/**
 * What the seat map editor does to a map, as pure functions: each takes a map and returns a new
 * one (the input is never changed). An edit that would break the map's basic shape (removing the
 * last block, or a block's last row) returns the map unchanged, so the editor cannot get there.
 */

type Block = SeatMap["blocks"][number];

const MAX_BLOCKS = 12;

function updateBlock(map: SeatMap, blockIndex: number, update: (block: Block) => Block): SeatMap {
  const block = map.blocks[blockIndex];
  if (!block) return map;
  const next = update(block);
  if (next === block) return map;
  return { blocks: map.blocks.map((b, i) => (i === blockIndex ? next : b)) };
}

function updateRow(map: SeatMap, blockIndex: number, rowIndex: number, update: (row: SeatRow) => SeatRow): SeatMap {
  return updateBlock(map, blockIndex, (block) => {
    const row = block.rows[rowIndex];
    if (!row) return block;
    const next = update(row);
    if (next === row) return block;
    return { ...block, rows: block.rows.map((r, i) => (i === rowIndex ? next : r)) };
  });
}

/** The label after the last one that is not taken yet: A → B, Z → AA, 9 → 10. */
export function nextRowLabel(labels: string[]): string {
  const taken = new Set(labels);
  const last = labels[labels.length - 1];
  let candidate: (n: number) => string = (n) => rowLabel(labels.length + n);
  if (last && /^[A-Z]+$/.test(last)) {
    const index = labelIndex(last);
    candidate = (n) => rowLabel(index + 1 + n);
  } else if (last && /^\d+$/.test(last)) {
    const number = Number(last);
    candidate = (n) => String(number + 1 + n);
  }
  for (let n = 0; ; n++) {
    const label = candidate(n);
    if (!taken.has(label)) return label;
  }
}

/** The inverse of rowLabel: A → 0, Z → 25, AA → 26. */
function labelIndex(label: string): number {
  let n = 0;
  for (const char of label) n = n * 26 + (char.charCodeAt(0) - 64);
  return n - 1;
}

function uniqueName(base: string, taken: string[]): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

export function renameBlock(map: SeatMap, blockIndex: number, name: string): SeatMap {
  return updateBlock(map, blockIndex, (block) => (block.name === name ? block : { ...block, name }));
}

/** Appends a block with one row shaped like the last row of the map, named so it does not clash. */
export function addBlock(map: SeatMap, name = "Block"): SeatMap {
  if (map.blocks.length >= MAX_BLOCKS) return map;
  const lastBlock = map.blocks[map.blocks.length - 1];
  const template = lastBlock?.rows[lastBlock.rows.length - 1];
  const row: SeatRow = { label: "A", positions: template?.positions ?? 10, gaps: [...(template?.gaps ?? [])] };
  const blockName = uniqueName(map.blocks.length === 0 ? "Main" : name === "Block" ? `Block ${map.blocks.length + 1}` : name, map.blocks.map((b) => b.name));
  return { blocks: [...map.blocks, { name: blockName, rows: [row] }] };
}

/** Removes a block; a map keeps at least one. */
export function removeBlock(map: SeatMap, blockIndex: number): SeatMap {
  if (map.blocks.length <= 1 || !map.blocks[blockIndex]) return map;
  return { blocks: map.blocks.filter((_, i) => i !== blockIndex) };
}

/** Appends a row to a block with the next free label and the same positions and gaps as the last row. */
export function addRow(map: SeatMap, blockIndex: number): SeatMap {
  return updateBlock(map, blockIndex, (block) => {
    if (block.rows.length >= MAX_ROWS) return block;
    const last = block.rows[block.rows.length - 1];
    const row: SeatRow = {
      label: nextRowLabel(block.rows.map((r) => r.label)),
      positions: last?.positions ?? 10,
      gaps: [...(last?.gaps ?? [])],
    };
    return { ...block, rows: [...block.rows, row] };
  });
}

/** Removes a row; a block keeps at least one. */
export function removeRow(map: SeatMap, blockIndex: number, rowIndex: number): SeatMap {
  return updateBlock(map, blockIndex, (block) => {
    if (block.rows.length <= 1 || !block.rows[rowIndex]) return block;
    return { ...block, rows: block.rows.filter((_, i) => i !== rowIndex) };
  });
}

export function setRowLabel(map: SeatMap, blockIndex: number, rowIndex: number, label: string): SeatMap {
  return updateRow(map, blockIndex, rowIndex, (row) => (row.label === label ? row : { ...row, label }));
}

/** Changes how many positions a row has (1…60); gaps past the new end are dropped. */
export function setRowPositions(map: SeatMap, blockIndex: number, rowIndex: number, positions: number): SeatMap {
  if (!Number.isFinite(positions)) return map;
  const clamped = Math.min(MAX_POSITIONS_PER_ROW, Math.max(1, Math.trunc(positions)));
  return updateRow(map, blockIndex, rowIndex, (row) =>
    row.positions === clamped ? row : { ...row, positions: clamped, gaps: row.gaps.filter((g) => g <= clamped) },
  );
}

/** Turns a seat into a gap or a gap back into a seat. Gaps stay sorted. */
export function toggleGap(map: SeatMap, blockIndex: number, rowIndex: number, position: number): SeatMap {
  return updateRow(map, blockIndex, rowIndex, (row) => {
    if (position < 1 || position > row.positions) return row;
    const gaps = row.gaps.includes(position) ? row.gaps.filter((g) => g !== position) : [...row.gaps, position].sort((a, b) => a - b);
    return { ...row, gaps };
  });
}

/**
 * Toggles a whole column of a block, as an aisle running front to back: the clicked row decides
 * the direction (a seat there makes the position a gap in every row that has it, and vice versa).
 */
export function toggleColumnGap(map: SeatMap, blockIndex: number, rowIndex: number, position: number): SeatMap {
  const row = map.blocks[blockIndex]?.rows[rowIndex];
  if (!row || position < 1 || position > row.positions) return map;
  const makeGap = !row.gaps.includes(position);
  return updateBlock(map, blockIndex, (block) => ({
    ...block,
    rows: block.rows.map((r) => {
      if (position > r.positions || r.gaps.includes(position) === makeGap) return r;
      const gaps = makeGap ? [...r.gaps, position].sort((a, b) => a - b) : r.gaps.filter((g) => g !== position);
      return { ...r, gaps };
    }),
  }));
}

/** Every position of a row from left to right, with its seat number or null for a gap. */
export function rowCells(row: Pick<SeatRow, "positions" | "gaps">): { position: number; seat: number | null }[] {
  const numbers = new Map(seatsOfRow(row).map((s) => [s.position, s.number]));
  return Array.from({ length: row.positions }, (_, i) => ({ position: i + 1, seat: numbers.get(i + 1) ?? null }));
}

/** What a screen reader says for one position of the preview. */
export function positionLabel(rowLabelText: string, position: number, seat: number | null): string {
  return `Row ${rowLabelText || "?"}, position ${position}: ${seat === null ? "gap" : `seat ${seat}`}`;
}

/** "4, 12" → [4, 12]; null when it is not a list of positive whole numbers. */
export function parseAisles(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < 1)) return null;
  return [...new Set(numbers)].sort((a, b) => a - b);
}

export type GenerateResult = { ok: true; map: SeatMap } | { ok: false; field: "rows" | "perRow" | "aisles"; message: string };

/** The "generate rectangular map" helper: checks the numbers an admin typed before building the map. */
export function generateRectangular(input: { rows: number; perRow: number; aisles: string; blockName?: string }): GenerateResult {
  if (!Number.isInteger(input.rows) || input.rows < 1 || input.rows > MAX_ROWS) return { ok: false, field: "rows", message: `Between 1 and ${MAX_ROWS} rows` };
  if (!Number.isInteger(input.perRow) || input.perRow < 1 || input.perRow > MAX_POSITIONS_PER_ROW) {
    return { ok: false, field: "perRow", message: `Between 1 and ${MAX_POSITIONS_PER_ROW} seats` };
  }
  const aisles = parseAisles(input.aisles);
  if (!aisles) return { ok: false, field: "aisles", message: "Seat numbers separated by commas, e.g. 4, 12" };
  const inside = aisles.filter((a) => a < input.perRow);
  if (input.perRow + inside.length > MAX_POSITIONS_PER_ROW) {
    return { ok: false, field: "aisles", message: `A row has at most ${MAX_POSITIONS_PER_ROW} positions, seats and aisles together` };
  }
  return { ok: true, map: rectangularSeatMap(input.rows, input.perRow, inside, input.blockName?.trim() || "Main") };
}

/** The map's problems as the API would name them ("blocks.0.rows.1.label" → message), checked in the browser as the admin edits. */
export function validateSeatMap(map: SeatMap): Record<string, string> {
  const parsed = seatMapSchema.safeParse(map);
  if (parsed.success) return {};
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".");
    fields[key] ??= friendlyMessage(key, issue.message);
  }
  return fields;
}

function friendlyMessage(key: string, message: string): string {
  if (/^Too small/.test(message) && /\.(label|name)$/.test(key)) return "Required";
  if (/^Too big/.test(message) && /\.(label|name)$/.test(key)) return "At most 16 characters";
  return message;
}

export interface RowErrors {
  label?: string;
  positions?: string;
  /** Everything else about the row: its gaps, that it needs a seat. */
  other: string[];
}

export interface SeatMapErrors {
  /** About the whole map (too many seats, no blocks). */
  map: string[];
  blocks: Record<number, { name?: string; other: string[] }>;
  /** Keyed "block:row", e.g. "0:1". */
  rows: Record<string, RowErrors>;
}

/**
 * Sorts field errors about a seat map (keys relative to the map: "blocks.0.rows.1.gaps.0") onto
 * the block or row they are about, so each message can be shown beside the thing to fix.
 */
export function groupSeatMapErrors(fields: Record<string, string>): SeatMapErrors {
  const grouped: SeatMapErrors = { map: [], blocks: {}, rows: {} };
  for (const [key, message] of Object.entries(fields)) {
    const row = /^blocks\.(\d+)\.rows\.(\d+)(?:\.(.+))?$/.exec(key);
    if (row) {
      const id = `${row[1]}:${row[2]}`;
      const errors = (grouped.rows[id] ??= { other: [] });
      const rest = row[3];
      if (rest === "label") errors.label ??= message;
      else if (rest === "positions") errors.positions ??= message;
      // Gap messages name the gap ("Gap 5 is listed twice"); the index into `gaps` would not help.
      else if (!errors.other.includes(message)) errors.other.push(message);
      continue;
    }
    const block = /^blocks\.(\d+)(?:\.(.+))?$/.exec(key);
    if (block) {
      const errors = (grouped.blocks[Number(block[1])] ??= { other: [] });
      if (block[2] === "name") errors.name ??= message;
      else errors.other.push(message);
      continue;
    }
    grouped.map.push(message);
  }
  return grouped;
}

/** Field errors under a prefix with the prefix taken off: ("seatMap", {"seatMap.blocks.0.name": m}) → {"blocks.0.name": m}. */
export function fieldsUnder(fields: Record<string, string>, prefix: string): Record<string, string> {
  const inner: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    if (key === prefix) inner[""] = message;
    else if (key.startsWith(`${prefix}.`)) inner[key.slice(prefix.length + 1)] = message;
  }
  return inner;
}

export function sameSeatMap(a: SeatMap, b: SeatMap): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
