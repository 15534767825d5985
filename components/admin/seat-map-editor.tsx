"use client";

import { useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { countSeats, MAX_POSITIONS_PER_ROW, MAX_SEATS, type SeatMap } from "@/lib/theaters/seat-map";
import {
  addBlock,
  addRow,
  generateRectangular,
  groupSeatMapErrors,
  positionLabel,
  removeBlock,
  removeRow,
  renameBlock,
  rowCells,
  setRowLabel,
  setRowPositions,
  toggleColumnGap,
  toggleGap,
  validateSeatMap,
  type RowErrors,
} from "@/lib/theaters/seat-map-editing";

interface Cursor {
  block: number;
  row: number;
  position: number;
}

/**
 * Edits a theater's seat map and draws it as it changes: blocks of rows, each position a button
 * that toggles seat ↔ gap (Shift toggles the whole column). The drawing is one stop in the tab
 * order; arrow keys move between positions, Home/End go to the ends of a row.
 *
 * `errors` are the API's field errors about the map, keyed relative to it ("blocks.0.rows.1.label");
 * the editor also checks the map itself as the admin edits, with the same rules as the API.
 */
export function SeatMapEditor({
  value,
  onChange,
  errors = {},
  generatorOpen = false,
}: {
  value: SeatMap;
  onChange(next: SeatMap): void;
  errors?: Record<string, string>;
  generatorOpen?: boolean;
}) {
  const drawingRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<Cursor>({ block: 0, row: 0, position: 1 });
  const [undo, setUndo] = useState<{ map: SeatMap; message: string } | null>(null);

  // The editor's own check wins where both name a field: it is current, and its messages are friendlier.
  const grouped = groupSeatMapErrors({ ...errors, ...validateSeatMap(value) });
  const total = countSeats(value);
  const rowCount = value.blocks.reduce((n, b) => n + b.rows.length, 0);
  const active = clampCursor(value, cursor);

  function change(next: SeatMap) {
    if (next === value) return;
    setUndo(null);
    onChange(next);
  }

  function moveTo(next: Cursor) {
    const target = clampCursor(value, next);
    setCursor(target);
    drawingRef.current?.querySelector<HTMLButtonElement>(`[data-seat="${target.block}-${target.row}-${target.position}"]`)?.focus();
  }

  function onSeatKeyDown(event: KeyboardEvent<HTMLButtonElement>, at: Cursor) {
    const row = value.blocks[at.block]!.rows[at.row]!;
    const flat = value.blocks.flatMap((b, bi) => b.rows.map((_, ri) => ({ block: bi, row: ri })));
    const index = flat.findIndex((r) => r.block === at.block && r.row === at.row);
    let next: Cursor | null = null;
    if (event.key === "ArrowRight") next = { ...at, position: Math.min(row.positions, at.position + 1) };
    else if (event.key === "ArrowLeft") next = { ...at, position: Math.max(1, at.position - 1) };
    else if (event.key === "Home") next = { ...at, position: 1 };
    else if (event.key === "End") next = { ...at, position: row.positions };
    else if (event.key === "ArrowUp" && index > 0) next = { ...flat[index - 1]!, position: at.position };
    else if (event.key === "ArrowDown" && index < flat.length - 1) next = { ...flat[index + 1]!, position: at.position };
    else if (event.key === "ArrowUp" || event.key === "ArrowDown") next = at;
    if (!next) return;
    event.preventDefault();
    moveTo(next);
  }

  function onSeatClick(event: MouseEvent<HTMLButtonElement>, at: Cursor) {
    setCursor(at);
    change(event.shiftKey ? toggleColumnGap(value, at.block, at.row, at.position) : toggleGap(value, at.block, at.row, at.position));
  }

  return (
    <section aria-labelledby="seat-map-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="seat-map-heading" className="text-lg font-semibold">
          Seat map
        </h2>
        <p className="text-sm text-stone-600" aria-live="polite" data-testid="seat-count">
          <strong className={`text-base tabular-nums ${total > MAX_SEATS ? "text-red-700" : "text-stone-900"}`}>{total.toLocaleString()}</strong> seats ·{" "}
          {value.blocks.length} {value.blocks.length === 1 ? "block" : "blocks"} · {rowCount} {rowCount === 1 ? "row" : "rows"}
        </p>
      </div>

      <RectangularGenerator
        defaultOpen={generatorOpen}
        onGenerate={(map, message) => {
          onChange(map);
          setUndo({ map: value, message });
          setCursor({ block: 0, row: 0, position: 1 });
        }}
      />
      {undo && (
        <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900">
          <span>{undo.message}</span>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              onChange(undo.map);
              setUndo(null);
            }}
          >
            Undo
          </Button>
        </div>
      )}
      {grouped.map.length > 0 && <Problems messages={grouped.map} />}

      <div className="rounded-lg border border-stone-200 bg-stone-50 p-2 sm:p-4">
        <div aria-hidden className="mx-auto mb-4 w-2/3 rounded-b-[50%] border-t-4 border-stone-400 pt-1 text-center text-[11px] uppercase tracking-[0.3em] text-stone-500">
          Screen
        </div>
        <p id="seat-map-help" className="mb-3 text-xs text-stone-600">
          Click a position to switch it between seat and gap; Shift-click switches the whole column of the block. In the drawing, arrow keys move between positions and Enter or Space switches one.
        </p>
        <div ref={drawingRef} className="space-y-3">
          {value.blocks.map((block, b) => {
            const blockErrors = grouped.blocks[b];
            const blockSeats = countSeats({ blocks: [block] });
            const nameId = `block-${b}-name`;
            return (
              <fieldset key={b} className="min-w-0 rounded-lg border border-stone-200 bg-white p-3">
                <legend className="sr-only">
                  Block {block.name || b + 1}
                </legend>
                <div className="mb-3 flex flex-wrap items-end gap-3">
                  <div className="w-full sm:w-56">
                    <Field id={nameId} label="Block name" error={blockErrors?.name}>
                      <Input
                        id={nameId}
                        value={block.name}
                        maxLength={16}
                        onChange={(e) => change(renameBlock(value, b, e.target.value))}
                        aria-invalid={Boolean(blockErrors?.name)}
                        aria-describedby={describedBy(nameId, blockErrors?.name)}
                      />
                    </Field>
                  </div>
                  <p className="pb-2 text-sm text-stone-600 tabular-nums">
                    {blockSeats} seats in {block.rows.length} {block.rows.length === 1 ? "row" : "rows"}
                  </p>
                  <Button
                    variant="ghost"
                    size="sm"
                    className="mb-1.5 ml-auto text-red-700 hover:bg-red-50"
                    disabled={value.blocks.length <= 1}
                    title={value.blocks.length <= 1 ? "A map needs at least one block" : undefined}
                    onClick={() => change(removeBlock(value, b))}
                  >
                    Remove block<span className="sr-only"> {block.name}</span>
                  </Button>
                </div>
                {blockErrors && blockErrors.other.length > 0 && <Problems messages={blockErrors.other} />}

                {/* One horizontal scroll for the whole block, so wide rows stay lined up; the row controls stay in view. */}
                <div className="relative -mx-3 overflow-x-auto px-3 pb-1">
                  <div className="w-max min-w-full">
                    <div className="hidden items-center gap-2 pb-1 text-xs font-medium text-stone-500 sm:flex" aria-hidden>
                      <span className="sticky left-0 z-10 flex gap-2 bg-white">
                        <span className="w-14">Row</span>
                        <span className="w-16">Positions</span>
                      </span>
                      <span className="flex-1 text-center">Seats and gaps</span>
                      <span className="w-8" />
                    </div>
                    <ol className="space-y-1">
                      {block.rows.map((row, r) => {
                        const rowErrors: RowErrors | undefined = grouped.rows[`${b}:${r}`];
                        const labelId = `block-${b}-row-${r}-label`;
                        const positionsId = `block-${b}-row-${r}-positions`;
                        const rowName = row.label || `${r + 1}`;
                        const problems = [rowErrors?.label, rowErrors?.positions, ...(rowErrors?.other ?? [])].filter((m): m is string => Boolean(m));
                        const problemsId = `block-${b}-row-${r}-problems`;
                        const surface = problems.length ? "bg-red-50" : "bg-white";
                        const removeButton = (className: string) => (
                          <Button
                            variant="ghost"
                            size="sm"
                            className={`w-8 px-0! text-stone-500 hover:text-red-700 ${className}`}
                            disabled={block.rows.length <= 1}
                            aria-label={`Remove row ${rowName}${block.name ? ` from block ${block.name}` : ""}`}
                            title={block.rows.length <= 1 ? "A block needs at least one row" : `Remove row ${rowName}`}
                            onClick={() => change(removeRow(value, b, r))}
                          >
                            <span aria-hidden>✕</span>
                          </Button>
                        );
                        return (
                          <li key={r} className={`rounded-md py-1 ${surface}`}>
                            <div className="space-y-1.5 sm:flex sm:items-center sm:gap-2 sm:space-y-0">
                              <div className={`sticky left-0 z-10 flex w-fit items-center gap-2 ${surface}`}>
                                <label htmlFor={labelId} className="sr-only">
                                  Row {r + 1} label{block.name ? ` in block ${block.name}` : ""}
                                </label>
                                <Input
                                  id={labelId}
                                  value={row.label}
                                  maxLength={16}
                                  onChange={(e) => change(setRowLabel(value, b, r, e.target.value))}
                                  aria-invalid={Boolean(rowErrors?.label)}
                                  aria-describedby={problems.length ? problemsId : undefined}
                                  className="w-14! px-2! py-1.5! text-center font-medium"
                                />
                                <PositionsInput
                                  id={positionsId}
                                  label={`Positions in row ${rowName}`}
                                  positions={row.positions}
                                  invalid={Boolean(rowErrors?.positions)}
                                  describedBy={problems.length ? problemsId : undefined}
                                  onCommit={(n) => change(setRowPositions(value, b, r, n))}
                                />
                                <span className="text-xs text-stone-500 tabular-nums sm:hidden">{rowCells(row).filter((c) => c.seat !== null).length} seats</span>
                                {removeButton("sm:hidden")}
                              </div>
                              <div className="flex-1">
                                <div role="group" aria-label={`Row ${rowName} seats`} aria-describedby="seat-map-help" className="mx-auto flex w-max gap-0.5 p-0.5">
                                  {rowCells(row).map((cell) => {
                                    const at = { block: b, row: r, position: cell.position };
                                    const isActive = active.block === b && active.row === r && active.position === cell.position;
                                    return (
                                      <button
                                        key={cell.position}
                                        type="button"
                                        data-seat={`${b}-${r}-${cell.position}`}
                                        tabIndex={isActive ? 0 : -1}
                                        aria-label={positionLabel(row.label, cell.position, cell.seat)}
                                        title={`Position ${cell.position}: ${cell.seat === null ? "gap" : `seat ${cell.seat}`}`}
                                        onClick={(e) => onSeatClick(e, at)}
                                        onKeyDown={(e) => onSeatKeyDown(e, at)}
                                        onFocus={() => setCursor(at)}
                                        className={
                                          cell.seat === null
                                            ? "h-6 w-6 shrink-0 rounded border border-dashed border-stone-300 bg-transparent hover:border-stone-500 hover:bg-stone-100"
                                            : "h-6 w-6 shrink-0 rounded-t-md rounded-b-sm bg-brand-100 text-[10px] font-medium tabular-nums text-brand-700 ring-1 ring-brand-500/40 ring-inset hover:bg-brand-600 hover:text-white"
                                        }
                                      >
                                        {cell.seat ?? ""}
                                      </button>
                                    );
                                  })}
                                </div>
                              </div>
                              <div className={`sticky right-0 z-10 hidden sm:block ${surface}`}>{removeButton("")}</div>
                            </div>
                            {problems.length > 0 && (
                              <ul id={problemsId} className="sticky left-0 w-fit max-w-[80vw] space-y-0.5 px-1 pt-1 text-xs text-red-700">
                                {problems.map((m) => (
                                  <li key={m}>{m}</li>
                                ))}
                              </ul>
                            )}
                          </li>
                        );
                      })}
                    </ol>
                  </div>
                </div>
                <Button variant="secondary" size="sm" className="mt-3" onClick={() => change(addRow(value, b))}>
                  Add row<span className="sr-only"> to block {block.name}</span>
                </Button>
              </fieldset>
            );
          })}
        </div>
        <Button variant="secondary" size="sm" className="mt-3" onClick={() => change(addBlock(value))} disabled={value.blocks.length >= 12}>
          Add block
        </Button>
      </div>
    </section>
  );
}

/** Keeps the roving focus on a position that still exists after rows or blocks went away. */
function clampCursor(map: SeatMap, cursor: Cursor): Cursor {
  const block = Math.min(cursor.block, map.blocks.length - 1);
  const rows = map.blocks[block]?.rows ?? [];
  const row = Math.min(cursor.row, rows.length - 1);
  const positions = rows[row]?.positions ?? 1;
  return { block: Math.max(0, block), row: Math.max(0, row), position: Math.min(Math.max(1, cursor.position), positions) };
}

/** A number input that lets the admin clear it while typing; the map changes once the number is valid. */
function PositionsInput({
  id,
  label,
  positions,
  invalid,
  describedBy: described,
  onCommit,
}: {
  id: string;
  label: string;
  positions: number;
  invalid: boolean;
  describedBy?: string;
  onCommit(n: number): void;
}) {
  const [text, setText] = useState(String(positions));
  const [seen, setSeen] = useState(positions);
  if (positions !== seen) {
    setSeen(positions);
    setText(String(positions));
  }
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_POSITIONS_PER_ROW}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value !== "" && Number.isInteger(n) && n >= 1 && n <= MAX_POSITIONS_PER_ROW) onCommit(n);
        }}
        onBlur={() => setText(String(positions))}
        aria-invalid={invalid}
        aria-describedby={described}
        className="w-16! px-2! py-1.5! tabular-nums"
      />
    </>
  );
}

/** "8 rows × 12 seats, aisles after seats 4 and 8": builds a whole map at once, replacing the current one. */
function RectangularGenerator({ defaultOpen, onGenerate }: { defaultOpen: boolean; onGenerate(map: SeatMap, message: string): void }) {
  const [open, setOpen] = useState(defaultOpen);
  const [rows, setRows] = useState("8");
  const [perRow, setPerRow] = useState("12");
  const [aisles, setAisles] = useState("");
  const [error, setError] = useState<{ field: string; message: string } | null>(null);

  function generate() {
    const result = generateRectangular({ rows: Number(rows), perRow: Number(perRow), aisles });
    if (!result.ok) {
      setError(result);
      return;
    }
    setError(null);
    const seats = countSeats(result.map);
    onGenerate(result.map, `Generated ${rows} rows of ${perRow} seats (${seats.toLocaleString()} seats), replacing the previous map.`);
  }

  const errorOf = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className="rounded-lg border border-stone-200 bg-white">
      <summary className="cursor-pointer select-none rounded-lg px-4 py-2.5 text-sm font-medium text-stone-800 hover:bg-stone-50">Generate a rectangular map</summary>
      <div
        className="flex flex-wrap items-start gap-3 border-t border-stone-100 p-4"
        onKeyDown={(e) => {
          // Enter in these inputs generates rather than submitting the theater form.
          if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") {
            e.preventDefault();
            generate();
          }
        }}
      >
        <div className="w-24">
          <Field id="generate-rows" label="Rows" error={errorOf("rows")}>
            <Input id="generate-rows" type="number" inputMode="numeric" min={1} max={60} value={rows} onChange={(e) => setRows(e.target.value)} aria-invalid={Boolean(errorOf("rows"))} aria-describedby={describedBy("generate-rows", errorOf("rows"))} />
          </Field>
        </div>
        <div className="w-32">
          <Field id="generate-per-row" label="Seats per row" error={errorOf("perRow")}>
            <Input id="generate-per-row" type="number" inputMode="numeric" min={1} max={60} value={perRow} onChange={(e) => setPerRow(e.target.value)} aria-invalid={Boolean(errorOf("perRow"))} aria-describedby={describedBy("generate-per-row", errorOf("perRow"))} />
          </Field>
        </div>
        <div className="w-full sm:w-56">
          <Field id="generate-aisles" label="Aisles after seats" hint="Optional, e.g. 4, 8" error={errorOf("aisles")}>
            <Input id="generate-aisles" value={aisles} onChange={(e) => setAisles(e.target.value)} placeholder="4, 8" aria-invalid={Boolean(errorOf("aisles"))} aria-describedby={describedBy("generate-aisles", errorOf("aisles"), "Optional, e.g. 4, 8")} />
          </Field>
        </div>
        <div className="w-full sm:w-auto sm:pt-6">
          <Button variant="secondary" onClick={generate} className="w-full sm:w-auto">
            Generate map
          </Button>
        </div>
        <p className="w-full text-xs text-stone-500">Replaces the whole map with one block called Main; you can undo it right after.</p>
      </div>
    </details>
  );
}

function Problems({ messages }: { messages: string[] }) {
  return (
    <ul className="mb-2 space-y-0.5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
