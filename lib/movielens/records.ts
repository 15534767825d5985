import "server-only";
import fs from "node:fs";
import path from "node:path";
import { MovielensFormatError } from "./errors";
import { detectFormat, type MovielensFormat } from "./formats";
import { readLineChunks, type TextEncoding } from "./lines";
import { checkHeader } from "./parse";
import { ok, type ParseResult } from "./result";

/** How one file of a MovieLens release is laid out: its encoding, its header if it has one, how a line splits. */
export interface FileLayout {
  encoding: TextEncoding;
  header?: string;
  split: (line: string) => ParseResult<string[]>;
}

export function splitOn(separator: string) {
  return (line: string): ParseResult<string[]> => ok(line.split(separator));
}

/** A chunk of a file's records, parsed, with the line each came from and how far into the file the chunk reaches. */
export interface RecordChunk<T> {
  records: T[];
  lines: number[];
  bytesRead: number;
}

/**
 * One file through split → parse, a chunk of lines at a time: blank lines are skipped, the header
 * (when the layout has one) is checked, and the first bad line throws with its file and line number.
 */
export async function* recordChunks<T>(dir: string, file: string, layout: FileLayout, parse: (fields: readonly string[], line: number) => ParseResult<T>): AsyncGenerator<RecordChunk<T>> {
  let sawHeader = false;
  for await (const chunk of readLineChunks(path.join(dir, file), layout.encoding, file)) {
    const records: T[] = [];
    const lines: number[] = [];
    for (let i = 0; i < chunk.lines.length; i++) {
      const text = chunk.lines[i]!;
      const line = chunk.firstLine + i;
      const isHeader = layout.header !== undefined && !sawHeader;
      if (!isHeader && text.trim() === "") continue;
      const fields = layout.split(text);
      if (!fields.ok) throw new MovielensFormatError(file, line, fields.reason);
      if (isHeader) {
        sawHeader = true;
        const header = checkHeader(fields.value, layout.header!);
        if (!header.ok) throw new MovielensFormatError(file, line, header.reason);
        continue;
      }
      const record = parse(fields.value, line);
      if (!record.ok) throw new MovielensFormatError(file, line, record.reason);
      records.push(record.value);
      lines.push(line);
    }
    yield { records, lines, bytesRead: chunk.bytesRead };
  }
}

/** The release in `dir`, from its file names; an unreadable or unknown folder throws, naming it. */
export function detectFormatOf(dir: string): MovielensFormat {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    throw new MovielensFormatError(dir, null, `cannot read the directory (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const format = detectFormat(names);
  if (!format.ok) throw new MovielensFormatError(dir, null, format.reason);
  return format.value;
}
