import "server-only";
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { MovielensFormatError } from "./errors";

export type TextEncoding = "utf8" | "latin1";

export interface LineChunk {
  lines: string[];
  /** Line number (1-based) of lines[0]. */
  firstLine: number;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead: number;
}

/** A MovieLens line is a few hundred bytes; anything this long means a wrong file or a wrong line ending. */
const MAX_LINE_LENGTH = 1 << 20;

/**
 * The lines of a file, a chunk at a time (LF or CRLF), reading only as fast as the consumer awaits:
 * memory stays at one chunk however large the file is.
 */
export async function* readLineChunks(path: string, encoding: TextEncoding, displayName: string): AsyncGenerator<LineChunk> {
  const decoder = new StringDecoder(encoding);
  let carry = "";
  let nextLine = 1;
  let bytesRead = 0;
  let first = true;

  const split = (text: string, final: boolean): LineChunk | null => {
    const parts = text.split("\n");
    carry = final ? "" : parts.pop()!;
    if (final && parts[parts.length - 1] === "") parts.pop();
    if (carry.length > MAX_LINE_LENGTH) {
      throw new MovielensFormatError(displayName, nextLine + parts.length, "line is longer than 1 MB (is this a MovieLens file?)");
    }
    if (parts.length === 0) return null;
    for (let i = 0; i < parts.length; i++) {
      const line = parts[i]!;
      if (line.endsWith("\r")) parts[i] = line.slice(0, -1);
    }
    if (first) {
      first = false;
      if (parts[0]!.startsWith("\uFEFF")) parts[0] = parts[0]!.slice(1);
    }
    const chunk = { lines: parts, firstLine: nextLine, bytesRead };
    nextLine += parts.length;
    return chunk;
  };

  for await (const buffer of fs.createReadStream(path, { highWaterMark: 1 << 16 })) {
    bytesRead += (buffer as Buffer).length;
    const chunk = split(carry + decoder.write(buffer as Buffer), false);
    if (chunk) yield chunk;
  }
  const chunk = split(carry + decoder.end(), true);
  if (chunk) yield chunk;
}
