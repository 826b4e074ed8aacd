import { BASE58_ALPHABET, base58Digit } from '../base58.js';
import { crc32c } from '../crc32c.js';
import type { Rule } from '../rule.js';
import { ROOT_KEY_LEAD } from './unkey-root-key.js';

const HEAD_LENGTH = 8;
const MARKER = 'unkeyv1';
/** 36 random characters and the 6-character checksum. */
const TAIL_LENGTH = 42;
const CHECKSUM_LENGTH = 6;
const KEY_LENGTH = ROOT_KEY_LEAD.length + HEAD_LENGTH + MARKER.length + TAIL_LENGTH;

function isBase58(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (base58Digit(text.charCodeAt(i)) < 0) return false;
  return true;
}

/** Base58 of the big-endian uint32, left-padded with `1` to 6 characters (RFC 0017 draft). */
function checksumText(value: number): string {
  let out = '';
  for (let v = value; v > 0; v = Math.floor(v / 58)) out = BASE58_ALPHABET[v % 58] + out;
  return out.padStart(CHECKSUM_LENGTH, '1');
}

/**
 * Unkey root key, upcoming v1 format: `unkey_` + 8 base58 + `unkeyv1` + 42 base58, the last 6 a
 * CRC-32C of all before them. The checksum is the evidence: a text that fails it is not a key.
 */
export const unkeyRootKeyV1 = {
  id: 'unkey-root-key-v1',
  leads: [ROOT_KEY_LEAD],
  // `unkey_` alone is short and common; `unkeyv1` at offset 14 is longer and rarer.
  anchors: [{ text: MARKER, offset: ROOT_KEY_LEAD.length + HEAD_LENGTH }],
  match(text: string, start: number): number {
    const end = start + KEY_LENGTH;
    if (text.length < end || !text.startsWith(ROOT_KEY_LEAD, start)) return 0;
    const head = start + ROOT_KEY_LEAD.length;
    if (!isBase58(text, head, head + HEAD_LENGTH)) return 0;
    if (!text.startsWith(MARKER, head + HEAD_LENGTH)) return 0;
    if (!isBase58(text, end - TAIL_LENGTH, end)) return 0;
    const signed = text.slice(start, end - CHECKSUM_LENGTH);
    // The key is ASCII here (checked above), so its UTF-8 bytes are its char codes.
    const bytes = Uint8Array.from(signed, (c) => c.charCodeAt(0));
    return text.slice(end - CHECKSUM_LENGTH, end) === checksumText(crc32c(bytes)) ? KEY_LENGTH : 0;
  },
} satisfies Rule;
