import { AppError } from "@/lib/errors/app-error";

/**
 * The text formats of the "past one machine" round trip: the training data goes out as CSV for
 * Spark MLlib's ALS (or `implicit`), and the factors trained there come back as CSV.
 *
 * Out: `user_id,movie_id,weight,timestamp` (timestamp in unix seconds), one interaction a line.
 * In, either of:
 * - Spark MLlib: `id,features` with the vector as Spark prints it, `1,"[0.1,0.2,…]"` (quoted or not),
 *   which is what `model.userFactors.withColumn("features", col("features").cast("string"))`
 *   written as CSV gives;
 * - plain: `id,f0,f1,…` (factors saved with their ids, e.g. from `implicit`).
 * A header line is optional. Every row must have the same number of factors; errors name the
 * file, line and field.
 */
export const INTERACTION_CSV_HEADER = "user_id,movie_id,weight,timestamp";

export interface ExportedInteraction {
  userId: string;
  movieId: string;
  weight: number;
  /** A Date, or unix seconds. */
  timestamp: Date | number;
}

export function formatInteractionCsvLine(row: ExportedInteraction): string {
  const seconds = row.timestamp instanceof Date ? Math.floor(row.timestamp.getTime() / 1000) : Math.floor(row.timestamp);
  return `${csvField(row.userId)},${csvField(row.movieId)},${row.weight},${seconds}`;
}

/** The header, then one line per interaction (without line endings). */
export function* formatInteractionCsv(rows: Iterable<ExportedInteraction>): Generator<string> {
  yield INTERACTION_CSV_HEADER;
  for (const row of rows) yield formatInteractionCsvLine(row);
}

/** RFC 4180 quoting, only when a field needs it. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface FactorTable {
  ids: string[];
  factors: number;
  /** ids.length × factors, row-major. */
  values: Float32Array;
}

/** A factor file that cannot be read; the message reads `user-factors.csv:12: reason`. */
export class FactorCsvError extends AppError {
  constructor(readonly file: string, readonly line: number | null, readonly reason: string) {
    super("bad_request:factor_csv", line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = "FactorCsvError";
  }
}

const NUMBER = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * A line-at-a-time reader of a factor file, for files too large to hold as one string:
 * push each line with its 1-based number, then finish().
 */
export function factorCsvParser(file: string) {
  const ids: string[] = [];
  const firstLineOf = new Map<string, number>();
  let values = new Float32Array(1024);
  let used = 0;
  let factors = -1;
  let factorsLine = 0;
  let sawContent = false;

  const fail = (line: number, reason: string): never => {
    throw new FactorCsvError(file, line, reason);
  };

  return {
    push(text: string, line: number) {
      const trimmed = text.replace(/^\uFEFF/, "").trim();
      if (trimmed === "") return;
      const first = !sawContent;
      sawContent = true;

      const row = splitRow(trimmed);
      if (row === null) return fail(line, "expected an id followed by factors, e.g. 42,0.1,0.2 or 42,\"[0.1,0.2]\"");
      if (first && isHeader(row)) return;
      const { id, fields, spark } = row;
      if (id === "") fail(line, "field 1 (id) is empty");
      if (fields.length === 0) fail(line, "no factors after the id");
      const seen = firstLineOf.get(id);
      if (seen !== undefined) fail(line, `id "${id}" already appears on line ${seen}`);

      if (factors === -1) {
        factors = fields.length;
        factorsLine = line;
      } else if (fields.length !== factors) {
        fail(line, `${fields.length} factors, but line ${factorsLine} has ${factors}`);
      }
      if (used + factors > values.length) {
        const grown = new Float32Array(Math.max(values.length * 2, used + factors));
        grown.set(values);
        values = grown;
      }
      for (let k = 0; k < fields.length; k++) {
        const raw = fields[k]!.trim();
        const value = Number(raw);
        if (!NUMBER.test(raw) || !Number.isFinite(value) || !Number.isFinite(Math.fround(value))) {
          const where = spark ? `factor ${k + 1} of field 2 (features)` : `field ${k + 2} (factor ${k + 1})`;
          fail(line, `${where} "${fields[k]}" is not a finite number`);
        }
        values[used + k] = value;
      }
      used += factors;
      firstLineOf.set(id, line);
      ids.push(id);
    },
    finish(): FactorTable {
      if (ids.length === 0) throw new FactorCsvError(file, null, "no factor rows");
      return { ids, factors, values: values.slice(0, used) };
    },
  };
}

export function parseFactorCsv(text: string, file = "factors.csv"): FactorTable {
  const parser = factorCsvParser(file);
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) parser.push(lines[i]!, i + 1);
  return parser.finish();
}

/** id and factor fields of one line, in either layout; null when there is no comma after the id. */
function splitRow(line: string): { id: string; fields: string[]; spark: boolean } | null {
  let id: string;
  let rest: string;
  if (line.startsWith('"')) {
    // A quoted id may hold commas; "" inside it is one quote.
    let end = 1;
    while (true) {
      end = line.indexOf('"', end);
      if (end === -1) return null;
      if (line[end + 1] === '"') end += 2;
      else break;
    }
    if (line[end + 1] !== ",") return null;
    id = line.slice(1, end).replace(/""/g, '"');
    rest = line.slice(end + 2).trim();
  } else {
    const comma = line.indexOf(",");
    if (comma === -1) return null;
    id = line.slice(0, comma).trim();
    rest = line.slice(comma + 1).trim();
  }
  const vector = /^"?\[(.*)\]"?$/.exec(rest);
  if (vector) {
    const inside = vector[1]!.trim();
    return { id, fields: inside === "" ? [] : inside.split(","), spark: true };
  }
  return { id, fields: rest.split(",").map(unquote), spark: false };
}

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f;
}

/** A first line is a header when none of its factor fields is a number ("id,features", "id,f0,f1"). */
function isHeader(row: { fields: string[] }): boolean {
  return row.fields.length > 0 && row.fields.every((f) => !NUMBER.test(f.trim()));
}

/** Plain `id,f0,…` lines (with a header), the layout parseFactorCsv reads back. */
export function* formatFactorCsv(table: FactorTable): Generator<string> {
  yield ["id", ...Array.from({ length: table.factors }, (_, k) => `f${k}`)].join(",");
  for (let r = 0; r < table.ids.length; r++) {
    const row = Array.from(table.values.subarray(r * table.factors, (r + 1) * table.factors), (v) => String(v));
    yield `${csvField(table.ids[r]!)},${row.join(",")}`;
  }
}
