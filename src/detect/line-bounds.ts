import { LF, CR } from './byte-codes.js';

const view = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, to - from));

/**
 * Offset of the line break (LF or CR) that ends the line holding `from`, or `hi` when none lies
 * before it. Reads no further than the line: the CR search stops at the LF.
 */
export function endOfLine(bytes: Uint8Array, from: number, hi = bytes.length): number {
  const lf = view(bytes, from, hi).indexOf(LF);
  const lineEnd = lf < 0 ? hi : from + lf;
  const cr = view(bytes, from, lineEnd).indexOf(CR);
  return cr < 0 ? lineEnd : from + cr;
}

/**
 * Offset where the line holding `at` starts (just after the previous line break), or `lo` when
 * none lies after it. Reads no further back than the line.
 */
export function startOfLine(bytes: Uint8Array, at: number, lo = 0): number {
  if (at <= lo) return lo;
  const lf = view(bytes, lo, at).lastIndexOf(LF);
  const lineStart = lf < 0 ? lo : lo + lf + 1;
  const cr = view(bytes, lineStart, at).lastIndexOf(CR);
  return cr < 0 ? lineStart : lineStart + cr + 1;
}
