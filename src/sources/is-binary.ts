/** How far git looks for a NUL byte to call a file binary; rootguard does the same. */
export const BINARY_SNIFF_BYTES = 8 * 1024;

/** Whether the start of a file marks it as binary, by git's rule: a NUL in the first 8 KiB. */
export function isBinary(start: Uint8Array): boolean {
  return start.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}
