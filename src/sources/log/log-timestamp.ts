const ZERO = 0x30;
const DIGIT = (byte: number | undefined): boolean => byte !== undefined && byte >= ZERO && byte <= ZERO + 9;
/** Where `YYYY-MM-DDTHH:MM:SS` has its separators; every other byte of it is a digit. */
const SEPARATORS: Readonly<Record<number, number>> = { 4: 0x2d, 7: 0x2d, 10: 0x54, 13: 0x3a, 16: 0x3a };
const DOT = 0x2e;
const Z = 0x5a;
const SPACE = 0x20;
const BOM = [0xef, 0xbb, 0xbf];

/** A line's leading timestamp: its time and the bytes it takes (with a BOM and the space after). */
export interface LogTimestamp {
  readonly ms: number;
  readonly length: number;
}

function number(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + ((bytes[i] as number) - ZERO);
  return value;
}

/**
 * Reads the `2024-05-01T12:34:56.1234567Z ` GitHub puts at the start of each log line (after a
 * UTF-8 byte order mark on the first), byte by byte: logs have millions of lines.
 */
export function readLogTimestamp(bytes: Uint8Array): LogTimestamp | undefined {
  const start = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
  for (let i = 0; i < 19; i++) {
    const separator = SEPARATORS[i];
    const byte = bytes[start + i];
    if (separator === undefined ? !DIGIT(byte) : byte !== separator) return undefined;
  }
  let at = start + 19;
  let ms = 0;
  if (bytes[at] === DOT) {
    const from = ++at;
    while (DIGIT(bytes[at]) && at - from < 9) at++;
    if (at === from) return undefined;
    ms = number(bytes, from, Math.min(at, from + 3)) * 10 ** Math.max(0, 3 - (at - from));
  }
  if (bytes[at] !== Z) return undefined;
  at++;
  if (bytes[at] === SPACE) at++;
  const s = start;
  const time = Date.UTC(
    number(bytes, s, s + 4),
    number(bytes, s + 5, s + 7) - 1,
    number(bytes, s + 8, s + 10),
    number(bytes, s + 11, s + 13),
    number(bytes, s + 14, s + 16),
    number(bytes, s + 17, s + 19),
  );
  return { ms: time + ms, length: at };
}
