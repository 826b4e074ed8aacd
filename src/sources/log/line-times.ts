/**
 * The time of each log line, stored as runs (a line that has no timestamp, or the same one as the
 * line before, adds nothing), looked up by binary search.
 */
export class LineTimes {
  readonly #lines: number[] = [];
  readonly #times: number[] = [];

  /** Line `line` (1-based) was written at `ms` (epoch milliseconds). */
  set(line: number, ms: number): void {
    if (this.#times[this.#times.length - 1] === ms) return;
    this.#lines.push(line);
    this.#times.push(ms);
  }

  /** The time of line `line`: its own timestamp or the last one before it. */
  get(line: number): number | undefined {
    let low = 0;
    let high = this.#lines.length - 1;
    let found: number | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((this.#lines[mid] ?? Infinity) <= line) {
        found = this.#times[mid];
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }
}
