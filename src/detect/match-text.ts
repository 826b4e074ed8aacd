import type { Detector } from './create-detector.js';
import type { CharDecoder } from './decoder.js';
import type { DecoderId, RuleId } from './finding.js';
import { MAX_DECODE_DEPTH, MAX_KEY_LENGTH } from './scan-window.js';
import { endsCsiSequence } from './terminal-escape.js';
import { BACKSLASH } from './byte-codes.js';

/** A key found at a literal. Internal to the engine: callers only ever see its fingerprint and mask. */
export interface KeyMatch {
  readonly ruleId: RuleId;
  readonly key: string;
  readonly decoders: readonly DecoderId[];
  /** Where character `markIndex` of the key starts in the bytes read, when the caller asked. */
  readonly markAt?: number;
  /** The offset just after the key's last (possibly encoded) character in the bytes read. */
  readonly end: number;
}

/** The longest encoded character (`\u{00005f}`), for finding the character before a key. */
export const MAX_ENCODED_CHAR_LENGTH = 10;
const SHORTEST_ENCODED_CHAR_LENGTH = 3;
/** The letters of `\n`, `\r`, `\t`, `\b`, `\f`, `\v` and `\0`. */
const SIMPLE_ESCAPES = new Set(Array.from('nrtbfv0', (c) => c.charCodeAt(0)));

/** Whether `code` is in `[A-Za-z0-9_]`, the characters a key may not be glued to. */
export function isWordCode(code: number | undefined): boolean {
  if (code === undefined || Number.isNaN(code)) return false;
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

/** The decoder whose encoded character starts at `at`, or undefined (most bytes: one comparison each). */
function charDecoderAt(
  decoders: readonly CharDecoder[],
  bytes: Uint8Array,
  at: number,
): CharDecoder | undefined {
  const byte = bytes[at];
  for (const decoder of decoders) if (decoder.lead === byte) return decoder;
  return undefined;
}

/** The character just before `at`: an encoded one (`%20unkey_…`) counts as what it encodes. */
function charBefore(decoders: readonly CharDecoder[], bytes: Uint8Array, lo: number, at: number) {
  if (at <= lo) return undefined;
  // `\n`, `\t`, … in a string literal or JSON log line: the key starts a new (escaped) line.
  if (at - 2 >= lo && bytes[at - 2] === BACKSLASH && SIMPLE_ESCAPES.has(bytes[at - 1] as number)) {
    return undefined;
  }
  // `ESC[1;33m` colours a value in a CI log: its final `m` ends the sequence, not a word.
  if (endsCsiSequence(bytes, lo, at)) return undefined;
  for (let length = SHORTEST_ENCODED_CHAR_LENGTH; length <= MAX_ENCODED_CHAR_LENGTH; length++) {
    if (at - length < lo) break;
    const decoded = charDecoderAt(decoders, bytes, at - length)?.decodeAt(bytes, at - length, at);
    if (decoded?.length === length) return decoded.code;
  }
  return bytes[at - 1];
}

/** The offset after `count` characters from `at`, each plain or encoded (only for a key found: rare). */
function endOfChars(
  decoders: readonly CharDecoder[],
  bytes: Uint8Array,
  at: number,
  hi: number,
  count: number,
): number {
  let i = at;
  for (let n = 0; n < count && i < hi; n++)
    i += charDecoderAt(decoders, bytes, i)?.decodeAt(bytes, i, hi)?.length ?? 1;
  return i;
}

/**
 * A key of one of `rules` starting at `at`, written plainly or (below the depth limit) with
 * escaped or percent-encoded characters. Reads only up to the first character that cannot be in
 * a key, so text full of near misses costs a few bytes per literal. With `markIndex`, the match
 * also says where that character starts (a v1 anchor checks it is the key's own anchor).
 */
export function matchText(
  detector: Detector,
  bytes: Uint8Array,
  lo: number,
  hi: number,
  at: number,
  depth: number,
  rules: readonly RuleId[],
  markIndex = -1,
): KeyMatch | undefined {
  const decoders = depth < MAX_DECODE_DEPTH ? detector.charDecoders : [];
  if (isWordCode(charBefore(decoders, bytes, lo, at))) return undefined;
  const codes: number[] = [];
  const via: (DecoderId | undefined)[] = [];
  let markAt = -1;
  for (let i = at; codes.length <= MAX_KEY_LENGTH && i < hi;) {
    const decoder = charDecoderAt(decoders, bytes, i);
    const decoded = decoder?.decodeAt(bytes, i, hi);
    const code = decoded ? decoded.code : (bytes[i] as number);
    // The first character that cannot be in a key ends the text; it is the key's boundary.
    if (!isWordCode(code)) break;
    codes.push(code);
    via.push(decoded ? decoder?.id : undefined);
    if (codes.length - 1 === markIndex) markAt = i;
    i += decoded ? decoded.length : 1;
  }
  const text = String.fromCharCode(...codes);
  for (const rule of detector.rules) {
    if (!rules.includes(rule.id)) continue;
    const length = rule.match(text, 0);
    if (length === 0 || isWordCode(text.charCodeAt(length))) continue;
    const used = [...new Set(via.slice(0, length).filter((id): id is DecoderId => id !== undefined))];
    return {
      ruleId: rule.id,
      key: text.slice(0, length),
      decoders: used,
      ...(markAt >= 0 ? { markAt } : {}),
      end: endOfChars(decoders, bytes, at, hi, length),
    };
  }
  return undefined;
}
