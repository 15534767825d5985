import { fail, ok, type ParseResult } from "./result";

/**
 * Splits one CSV line (RFC 4180 quoting: `"a, b"`, `""` for a quote inside quotes). MovieLens
 * never breaks a quoted field across lines, so a line is always a whole record.
 */
export function parseCsvLine(line: string): ParseResult<string[]> {
  // Most MovieLens lines (every rating) have no quotes at all.
  if (!line.includes('"')) return ok(line.split(","));

  const fields: string[] = [];
  let i = 0;
  while (true) {
    if (line[i] === '"') {
      let value = "";
      let from = i + 1;
      while (true) {
        const quote = line.indexOf('"', from);
        if (quote === -1) return fail(`unterminated quoted field starting at column ${i + 1}`);
        value += line.slice(from, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return ok(fields);
      if (line[i] !== ",") return fail(`unexpected text after the closing quote at column ${i + 1}`);
      i += 1;
    } else {
      const comma = line.indexOf(",", i);
      const end = comma === -1 ? line.length : comma;
      const value = line.slice(i, end);
      if (value.includes('"')) return fail(`stray quote in unquoted field at column ${i + 1 + value.indexOf('"')}`);
      fields.push(value);
      if (comma === -1) return ok(fields);
      i = comma + 1;
    }
  }
}
