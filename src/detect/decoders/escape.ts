import type { CharDecoder } from '../decoder.js';
import { hexForms, hexValue, readHex } from '../hex.js';
import { BACKSLASH } from '../byte-codes.js';

const LOWER_X = 0x78;
const LOWER_U = 0x75;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** `\u{10FFFF}` has 6 digits: the longest code point escape. */
const MAX_BRACED_DIGITS = 6;
const MAX_CODE_POINT = 0x10ffff;

/** String escapes of JavaScript, JSON, Python, Go, Rust and C: `\x5f`, `\u005f`, `\u{5f}`. */
export const escapeDecoder = {
  kind: 'char',
  lead: BACKSLASH,
  id: 'escape',
  encode(code: number): string[] {
    return [
      ...hexForms(code, 2).map((h) => `\\x${h}`),
      ...hexForms(code, 4).map((h) => `\\u${h}`),
      ...hexForms(code, 1).map((h) => `\\u{${h}}`),
    ];
  },
  decodeAt(bytes: Uint8Array, at: number, end: number) {
    if (bytes[at] !== BACKSLASH) return undefined;
    const kind = bytes[at + 1];
    if (kind === LOWER_X) {
      const code = readHex(bytes, at + 2, 2, end);
      return code < 0 ? undefined : { code, length: 4 };
    }
    if (kind !== LOWER_U) return undefined;
    if (bytes[at + 2] !== OPEN_BRACE) {
      const code = readHex(bytes, at + 2, 4, end);
      return code < 0 ? undefined : { code, length: 6 };
    }
    let code = 0;
    let i = at + 3;
    for (; i < end && i < at + 3 + MAX_BRACED_DIGITS && hexValue(bytes[i]) >= 0; i++) {
      code = code * 16 + hexValue(bytes[i]);
    }
    if (i === at + 3 || i >= end || bytes[i] !== CLOSE_BRACE || code > MAX_CODE_POINT) return undefined;
    return { code, length: i + 1 - at };
  },
} satisfies CharDecoder;
