import { base58Digit, decodeBase58 } from '../base58.js';
import { looksRandom } from '../key-floor.js';
import type { Rule } from '../rule.js';

/** `unkey_`, assembled so that no source file holds the start of a key-shaped literal. */
export const ROOT_KEY_LEAD = ['un', 'key_'].join('');
/** `unkey_3Z`: every current root key starts so (`3Z` encodes the version bytes `0x01 0x10`). */
const ROOT_KEY_START = `${ROOT_KEY_LEAD}3Z`;
/** The base58 body: `[0x01, 0x10, 16 random bytes]` encodes to exactly 24 characters. */
const BODY_LENGTH = 24;
const RAW_LENGTH = 18;
/** `3Z`, the encoding of the two version bytes, is not random: the floor skips it. */
const VERSION_CHARS = 2;

/** Unkey root key, current format: `unkey_` + base58(`[0x01, 0x10, 16 random bytes]`). */
export const unkeyRootKey = {
  id: 'unkey-root-key',
  leads: [ROOT_KEY_START],
  anchors: [{ text: ROOT_KEY_START, offset: 0 }],
  match(text: string, start: number): number {
    if (!text.startsWith(ROOT_KEY_LEAD, start)) return 0;
    const from = start + ROOT_KEY_LEAD.length;
    if (text.length < from + BODY_LENGTH) return 0;
    for (let i = from; i < from + BODY_LENGTH; i++) if (base58Digit(text.charCodeAt(i)) < 0) return 0;
    const body = text.slice(from, from + BODY_LENGTH);
    const raw = decodeBase58(body);
    if (raw?.length !== RAW_LENGTH || raw[0] !== 0x01 || raw[1] !== 0x10) return 0;
    if (!looksRandom(body.slice(VERSION_CHARS))) return 0;
    return ROOT_KEY_LEAD.length + BODY_LENGTH;
  },
} satisfies Rule;
