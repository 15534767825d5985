import { AppError } from "@/lib/errors/app-error";

/** A line of a MovieLens file that cannot be imported; the message reads `ratings.csv:1234: reason`. */
export class MovielensFormatError extends AppError {
  readonly file: string;
  readonly line: number | null;
  readonly reason: string;

  constructor(file: string, line: number | null, reason: string) {
    super("bad_request:movielens_format", line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = "MovielensFormatError";
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
