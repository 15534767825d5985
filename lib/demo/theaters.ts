import { countSeats, rowLabel, type SeatMap } from "@/lib/theaters/seat-map";
import type { Random } from "@/lib/random/random";

/** A theater row as insertTheater takes it, with its id. */
export interface DemoTheater {
  id: string;
  name: string;
  city: string;
  timeZone: string;
  turnoverMinutes: number;
  seatMap: SeatMap;
}

export const MIN_DEMO_SEATS = 80;
export const MAX_DEMO_SEATS = 300;

/** Eight multiplexes, 20 screens, in five cities and three time zones. Screen 1 is each venue's big room. */
const VENUES = [
  { venue: "Alexanderplatz", city: "Berlin", timeZone: "Europe/Berlin", screens: 3 },
  { venue: "Kreuzberg", city: "Berlin", timeZone: "Europe/Berlin", screens: 2 },
  { venue: "Schanzenviertel", city: "Hamburg", timeZone: "Europe/Berlin", screens: 2 },
  { venue: "Leicester Square", city: "London", timeZone: "Europe/London", screens: 4 },
  { venue: "Brixton", city: "London", timeZone: "Europe/London", screens: 2 },
  { venue: "Deansgate", city: "Manchester", timeZone: "Europe/London", screens: 2 },
  { venue: "Union Square", city: "New York", timeZone: "America/New_York", screens: 3 },
  { venue: "Williamsburg", city: "New York", timeZone: "America/New_York", screens: 2 },
] as const;

type Row = SeatMap["blocks"][number]["rows"][number];

function slug(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * One row of `seats` seats with aisles (gaps) after the given seats, `trim` seats missing at each
 * end (a front row narrowed by the screen or the walls) and `wheelchair` spaces at the right end.
 */
function buildRow(label: string, seats: number, aislesAfter: readonly number[], trim = 0, wheelchair = 0): Row {
  const gaps: number[] = [];
  let position = 0;
  for (let seat = 1; seat <= seats; seat++) {
    position++;
    const missing = seat <= trim || seat > seats - trim || seat > seats - wheelchair;
    if (missing) gaps.push(position);
    if (aislesAfter.includes(seat) && seat < seats) {
      position++;
      gaps.push(position);
    }
  }
  return { label, positions: position, gaps };
}

/** One wide room: a centre aisle or two, shorter front rows, wheelchair spaces in the back row. */
/** Seats per row for a room of about `target` seats: rooms are a little wider than they are deep. */
function rowWidth(rng: Random, target: number): number {
  return Math.max(10, Math.min(26, Math.round(Math.sqrt(target * 1.6)) + rng.int(-2, 2)));
}

function singleBlockMap(rng: Random, target: number): SeatMap {
  const perRow = rowWidth(rng, target);
  const aisles = perRow >= 18 && rng.chance(0.6) ? [Math.round(perRow / 4), perRow - Math.round(perRow / 4)] : [Math.floor(perRow / 2)];
  const rows = Math.max(4, Math.round(target / perRow));
  const shortRows = rng.int(0, 3);
  return {
    blocks: [
      {
        name: "Main",
        rows: Array.from({ length: rows }, (_, i) =>
          buildRow(rowLabel(i), perRow, aisles, Math.max(0, shortRows - i), i === rows - 1 && rng.chance(0.5) ? 2 : 0),
        ),
      },
    ],
  };
}

/** Stalls below and a smaller balcony above; the balcony goes on lettering where the stalls stop. */
function stallsAndBalconyMap(rng: Random, target: number): SeatMap {
  const perRow = rowWidth(rng, target);
  const aisles = [Math.floor(perRow / 2)];
  const totalRows = Math.max(6, Math.round(target / perRow));
  const balconyRows = Math.max(2, Math.round(totalRows * rng.float(0.2, 0.35)));
  const stallRows = totalRows - balconyRows;
  const shortRows = rng.int(1, 3);
  return {
    blocks: [
      { name: "Stalls", rows: Array.from({ length: stallRows }, (_, i) => buildRow(rowLabel(i), perRow, aisles, Math.max(0, shortRows - i))) },
      { name: "Balcony", rows: Array.from({ length: balconyRows }, (_, i) => buildRow(rowLabel(stallRows + i), perRow + 2, aisles)) },
    ],
  };
}

/** A wide centre block between two narrow side blocks, the walkways between them being the aisles. */
function threeSectionMap(rng: Random, target: number): SeatMap {
  const width = rowWidth(rng, target) + 2;
  const side = Math.max(3, Math.round(width * rng.float(0.18, 0.25)));
  const centre = width - 2 * side;
  const rows = Math.max(4, Math.round(target / (centre + 2 * side)));
  // The side blocks start a row or two back, where the screen no longer is too close.
  const sideStart = rng.int(0, 2);
  const sideRows = (offset: number) =>
    Array.from({ length: rows - offset }, (_, i) => buildRow(rowLabel(i + offset), side, []));
  return {
    blocks: [
      { name: "Left", rows: sideRows(sideStart) },
      { name: "Center", rows: Array.from({ length: rows }, (_, i) => buildRow(rowLabel(i), centre, [], i === 0 ? 1 : 0)) },
      { name: "Right", rows: sideRows(sideStart) },
    ],
  };
}

/** Adds or removes back rows until the map holds between 80 and 300 seats. */
function fitSeatCount(map: SeatMap): SeatMap {
  const blocks = map.blocks.map((b) => ({ ...b, rows: [...b.rows] }));
  const main = blocks.reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
  const lastLabelIndex = () => Math.max(...blocks.flatMap((b) => b.rows.map((r) => labelIndex(r.label))));
  while (countSeats({ blocks }) > MAX_DEMO_SEATS) {
    const largest = blocks.filter((b) => b.rows.length > 1).reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
    largest.rows.pop();
  }
  while (countSeats({ blocks }) < MIN_DEMO_SEATS) {
    const template = main.rows.reduce((a, b) => (b.positions > a.positions ? b : a));
    main.rows.push({ ...template, gaps: [...template.gaps], label: rowLabel(lastLabelIndex() + 1) });
  }
  return { blocks };
}

function labelIndex(label: string): number {
  let n = 0;
  for (const c of label) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

export function generateSeatMap(rng: Random, target: number): SeatMap {
  const shape = rng.weighted(["single", "balcony", "sections"] as const, (s) => (s === "single" ? 5 : s === "balcony" ? 2 : 3));
  const map = shape === "single" ? singleBlockMap(rng, target) : shape === "balcony" ? stallsAndBalconyMap(rng, target) : threeSectionMap(rng, target);
  return fitSeatCount(map);
}

export function generateTheaters(rng: Random): DemoTheater[] {
  const theaters: DemoTheater[] = [];
  for (const venue of VENUES) {
    for (let screen = 1; screen <= venue.screens; screen++) {
      const target = screen === 1 ? rng.int(200, 300) : rng.int(MIN_DEMO_SEATS, 200);
      const seatMap = generateSeatMap(rng, target);
      // Bigger rooms take longer to clean; 10–30 minutes in steps of five.
      const turnover = 10 + (countSeats(seatMap) / MAX_DEMO_SEATS) * 12 + rng.normal(0, 3);
      const name = `Marquee ${venue.venue} ${screen}`;
      theaters.push({
        id: slug(name),
        name,
        city: venue.city,
        timeZone: venue.timeZone,
        turnoverMinutes: Math.max(10, Math.min(30, Math.round(turnover / 5) * 5)),
        seatMap,
      });
    }
  }
  return theaters;
}
