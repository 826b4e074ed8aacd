import type { Finding } from '../detect/finding.js';

/**
 * Findings of input that arrives in chunks (a large file, stdin, the added lines of a diff).
 * `src/detect`'s `StreamScanner` is one; the local scan's `ScanEngine` makes them.
 */
export interface FindingStream {
  /** Feed the next chunk; returns the findings that are final so far. Keeps no reference to it. */
  write(chunk: Uint8Array): Finding[];
  /** End of input; returns the remaining findings. */
  end(): Finding[];
}
