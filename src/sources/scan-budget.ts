import { SCAN_SLICE_BYTES } from './limits.js';

/** One turn of the event loop: timers (BullMQ's lock renewal) and I/O run before the scan goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Counts bytes handed to a synchronous scanner and yields to the event loop after every
 * `SCAN_SLICE_BYTES`, so a scan never holds the loop long enough for its job lock to expire (the
 * job would then run twice). Bytes are written in slices of at most that size.
 */
export class ScanBudget {
  readonly #sliceBytes: number;
  #sinceYield = 0;

  /** @param sliceBytes @defaultValue `SCAN_SLICE_BYTES` */
  constructor(sliceBytes: number = SCAN_SLICE_BYTES) {
    this.#sliceBytes = sliceBytes;
  }

  /** Passes `bytes` to `write` in slices, yielding whenever a slice's worth was written since the last yield. */
  async write<T extends Uint8Array>(bytes: T, write: (slice: T) => void): Promise<void> {
    for (let at = 0; at < bytes.length;) {
      if (this.#sinceYield >= this.#sliceBytes) {
        this.#sinceYield = 0;
        await yieldToEventLoop();
      }
      // A Buffer's subarray is a Buffer: the slice has the caller's type.
      const slice = bytes.subarray(at, at + this.#sliceBytes - this.#sinceYield) as T;
      write(slice);
      this.#sinceYield += slice.length;
      at += slice.length;
    }
  }
}
