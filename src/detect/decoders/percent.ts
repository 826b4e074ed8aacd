import type { CharDecoder } from '../decoder.js';
import { hexForms, readHex } from '../hex.js';
import { PERCENT } from '../byte-codes.js';

/** URL percent-encoding of single bytes (`%5F` or `%5f`); key characters are ASCII, one byte each. */
export const percentDecoder = {
  kind: 'char',
  lead: PERCENT,
  id: 'percent',
  encode(code: number): string[] {
    return hexForms(code, 2).map((h) => `%${h}`);
  },
  decodeAt(bytes: Uint8Array, at: number, end: number) {
    if (bytes[at] !== PERCENT) return undefined;
    const code = readHex(bytes, at + 1, 2, end);
    return code < 0 ? undefined : { code, length: 3 };
  },
} satisfies CharDecoder;
