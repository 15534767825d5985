/**
 * Rows written after the caller has moved on: `add` buffers a row and returns at once; the buffer
 * is written as one call of `write` when it holds `maxRows` or `maxDelayMs` after its first row,
 * whichever comes first, one write at a time. `flush()` writes what is buffered and resolves once
 * every row added before it has been written (or has failed and been reported).
 *
 * Why: for a log that nothing reads in the same breath (the sessions of GET /recommend), a round
 * trip per answer, even grouped, costs the database and the app CPU at every request and puts the
 * database's pauses into the answer's latency. What reads a row soon after it is added must call
 * `flush()` first (see lib/recs/session-log.ts).
 *
 * A failed write is retried row by row, so one bad row never loses the others; a row that still
 * fails goes to `onError`. The rows buffered when the process stops are written by
 * `flushAllWriteBehind()` (lib/http/web-shutdown.ts); a crash loses at most `maxDelayMs` of them.
 */
export class WriteBehind<Row> {
  private buffer: Row[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  // Every write so far, chained: a flush waits for the last, and writes never overlap.
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (rows: Row[]) => Promise<void>,
    private readonly options: { maxRows: number; maxDelayMs: number; onError: (error: unknown, row: Row) => void },
  ) {}

  add(row: Row): void {
    live.add(this);
    this.buffer.push(row);
    if (this.buffer.length >= this.options.maxRows) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.maxDelayMs);
      this.timer.unref?.();
    }
  }

  /** Rows added and not yet written. */
  get pending(): number {
    return this.buffer.length;
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.buffer;
    this.buffer = [];
    if (rows.length) {
      this.writing = this.writing.then(() => this.writeAll(rows));
      // Only buffers with rows on their way are kept for the shutdown (no leak of idle ones).
      const written = this.writing;
      void written.then(() => {
        if (this.writing === written && !this.buffer.length) live.delete(this);
      });
    }
    return this.writing;
  }

  private async writeAll(rows: Row[]): Promise<void> {
    try {
      await this.write(rows);
    } catch (error) {
      if (rows.length === 1) return this.options.onError(error, rows[0]!);
      for (const row of rows) await this.write([row]).catch((rowError: unknown) => this.options.onError(rowError, row));
    }
  }
}

const live = new Set<{ flush(): Promise<void> }>();

/** Writes every buffer in this process, before the database closes at shutdown. */
export async function flushAllWriteBehind(): Promise<void> {
  await Promise.all([...live].map((buffer) => buffer.flush()));
}

