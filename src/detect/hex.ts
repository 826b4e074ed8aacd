/** The value of an ASCII hex digit, or -1. */
export function hexValue(code: number | undefined): number {
  if (code === undefined) return -1;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Reads `count` hex digits at `at` (not past `end`); -1 when any is missing or not hex. */
export function readHex(bytes: Uint8Array, at: number, count: number, end: number): number {
  if (at + count > end) return -1;
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = hexValue(bytes[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** `code` as hex with at least `width` digits, in lower and upper case (one entry when they agree). */
export function hexForms(code: number, width: number): string[] {
  const lower = code.toString(16).padStart(width, '0');
  const upper = lower.toUpperCase();
  return lower === upper ? [lower] : [lower, upper];
}
