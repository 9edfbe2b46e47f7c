/**
 * A one-line progress bar for long commands: redrawn in place at a terminal, a line every 10 % otherwise
 * (so CI logs stay readable).
 */
export class ProgressBar {
  private lastShownTenth = -1;
  private readonly started = Date.now();
  private readonly interactive = process.stdout.isTTY === true;

  constructor(
    private readonly label: string,
    private total: number,
  ) {}

  setTotal(total: number): void {
    this.total = total;
  }

  update(done: number, note = ''): void {
    const share = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const width = 30;
    const filled = Math.round(share * width);
    const line = `${this.label.padEnd(12)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)} %  ${done}/${this.total}${note ? `  ${note}` : ''}`;
    if (this.interactive) {
      process.stdout.write(`\r${line}\u001b[K`);
    } else {
      const tenth = Math.floor(share * 10);
      if (tenth !== this.lastShownTenth) {
        this.lastShownTenth = tenth;
        process.stdout.write(`${line}\n`);
      }
    }
  }

  finish(note = ''): void {
    this.update(this.total, note || `in ${((Date.now() - this.started) / 1000).toFixed(1)} s`);
    if (this.interactive) process.stdout.write('\n');
  }
}
