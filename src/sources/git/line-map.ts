/**
 * Maps line numbers of the text fed to a stream scanner (the added lines of one file diff, one
 * after another) back to line numbers in the file. Stored as runs, one per hunk, so that memory
 * grows with the hunks and not with the lines.
 */
export class LineMap {
  readonly #scanStarts: number[] = [];
  readonly #fileStarts: number[] = [];

  /** Records that scanned line `scanLine` is line `fileLine` of the file. */
  set(scanLine: number, fileLine: number): void {
    const last = this.#scanStarts.length - 1;
    const scanStart = this.#scanStarts[last];
    const fileStart = this.#fileStarts[last];
    if (scanStart !== undefined && fileStart !== undefined && scanLine - scanStart === fileLine - fileStart)
      return;
    this.#scanStarts.push(scanLine);
    this.#fileStarts.push(fileLine);
  }

  /** The file line of scanned line `scanLine`. */
  get(scanLine: number): number {
    let low = 0;
    let high = this.#scanStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#scanStarts[mid] ?? 0) <= scanLine) low = mid;
      else high = mid - 1;
    }
    return (this.#fileStarts[low] ?? 1) + scanLine - (this.#scanStarts[low] ?? 1);
  }
}
