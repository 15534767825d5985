/**
 * A one-line progress bar on a terminal (redrawn in place), or a line every few seconds when the
 * output is a file or CI log.
 */
export class ProgressBar {
  private current = 0;
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly label: string, private total: number | null = null, private readonly unit = "") {}

  setTotal(total: number) {
    this.total = total;
  }

  tick(by = 1, detail?: string) {
    this.update(this.current + by, detail);
  }

  update(current: number, detail?: string) {
    this.current = current;
    const now = Date.now();
    if (now - this.lastDraw < (this.tty ? 100 : 5_000)) return;
    this.lastDraw = now;
    this.draw(detail);
  }

  private draw(detail?: string) {
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0 ? Math.round(this.current / elapsed) : 0;
    let bar = "";
    if (this.total) {
      const fraction = Math.min(1, this.current / this.total);
      const width = 24;
      const filled = Math.round(fraction * width);
      bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
    }
    const count = this.total ? `${fmt(this.current)}/${fmt(this.total)}` : fmt(this.current);
    const line = `${this.label} ${bar}${count}${this.unit ? ` ${this.unit}` : ""} (${fmt(rate)}/s)${detail ? ` ${detail}` : ""}`;
    if (this.tty) process.stderr.write(`\r\x1b[K${line}`);
    else process.stderr.write(`${line}\n`);
  }

  done() {
    this.lastDraw = 0;
    this.draw();
    if (this.tty) process.stderr.write("\n");
  }
}

export function fmt(n: number): string {
  return n.toLocaleString("en-US");
}
