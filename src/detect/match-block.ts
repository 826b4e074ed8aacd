import type { BlockDecodeCache } from './block-decode-cache.js';
import type { Detector } from './create-detector.js';
import type { BlockDecoder } from './decoder.js';
import type { BlockLiteral } from './literals.js';
import { type KeyMatch, matchText } from './match-text.js';
import { MAX_DECODE_DEPTH, MAX_KEY_LENGTH, WINDOW_AFTER } from './scan-window.js';

/** Groups decoded before a block literal's group (12 bytes: enough for every boundary check). */
const DECODE_GROUPS_BEFORE = 4;
/**
 * Decoded bytes after an inner base64 literal tried first: the base64 of a key (88 characters)
 * plus its group start. The whole window is decoded only when an encoded key may need it, so
 * repeated near misses stay cheap.
 */
const FIRST_DECODED_BYTES = 2 * (MAX_KEY_LENGTH + 1);
const DASH = 0x2d;
const UNDERSCORE = 0x5f;
const PLUS = 0x2b;
const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const PERCENT = 0x25;

function isBlock(bytes: Uint8Array, at: number, values: Int8Array): boolean {
  for (let i = at; i < at + 4; i++) if ((values[bytes[i] as number] ?? -1) < 0) return false;
  return true;
}

function hasEncodedChar(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] === BACKSLASH || bytes[i] === PERCENT) return true;
  return false;
}

function isAnyBase64(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === DASH ||
    code === UNDERSCORE ||
    code === PLUS ||
    code === SLASH
  );
}

/**
 * The decoders worth trying, the run's own form first. In the run around the literal (within
 * [from, to)), `-` or `_` without `+` or `/` means URL-safe base64; with neither, both forms
 * decode alike, so one try is enough.
 */
function decodersToTry(
  bytes: Uint8Array,
  from: number,
  group: number,
  to: number,
  decoders: readonly BlockDecoder[],
) {
  let url = false;
  let standard = false;
  let start = group;
  while (start > from && isAnyBase64(bytes[start - 1] as number)) start--;
  for (let i = start; i < to; i++) {
    const code = bytes[i] as number;
    if (!isAnyBase64(code)) break;
    if (code === DASH || code === UNDERSCORE) url = true;
    else if (code === PLUS || code === SLASH) standard = true;
  }
  if (!url && !standard) return decoders.slice(0, 1);
  return url && !standard ? [...decoders].reverse() : decoders;
}

function decodeAround(
  detector: Detector,
  bytes: Uint8Array,
  lo: number,
  end: number,
  group: number,
  literal: BlockLiteral,
  decoder: BlockDecoder,
  depth: number,
  cache: BlockDecodeCache,
): KeyMatch | undefined {
  const values = detector.blockValues.get(decoder) as Int8Array;
  // Decode a few groups before the literal too: they hold the byte before the key (its boundary)
  // or, for base64 in base64, the start of the inner group and the byte before it.
  let from = group;
  while (group - from < 4 * DECODE_GROUPS_BEFORE && from - 4 >= lo && isBlock(bytes, from - 4, values))
    from -= 4;
  const innerAt = ((group - from) / 4) * 3 + literal.alignment;
  const inner = literal.inner;
  // A plain key and its boundary, or the base64 of one (88 characters and its group start).
  const firstBytes = inner.kind === 'text' ? MAX_KEY_LENGTH + 2 : FIRST_DECODED_BYTES;
  const firstEnd = Math.min(end, group + Math.ceil((literal.alignment + firstBytes) / 3) * 4);
  let decoded = cache.decode(bytes, from, firstEnd, values);
  for (;;) {
    for (let i = 0; i < inner.text.length; i++) {
      if (decoded[innerAt + i] !== inner.text.charCodeAt(i)) return undefined;
    }
    const found =
      inner.kind === 'text'
        ? matchText(detector, decoded, 0, decoded.length, innerAt, depth + 1, inner.rules)
        : matchBlock(detector, decoded, 0, decoded.length, innerAt, inner, depth + 1, cache);
    if (found) return { ...found, decoders: [decoder.id, ...found.decoders] };
    // An encoded key (`\u005f`, `%5F`) is longer than a plain one: only then decode the whole window.
    const mayBeLonger =
      inner.kind === 'text' && depth + 1 < MAX_DECODE_DEPTH && hasEncodedChar(decoded, innerAt);
    if (!mayBeLonger || decoded.length - innerAt < firstBytes) return undefined;
    const whole = cache.decode(bytes, from, Math.min(end, group + WINDOW_AFTER), values);
    if (whole.length === decoded.length) return undefined;
    decoded = whole;
  }
}

/**
 * A key inside the base64 run around a block literal at `at`, looking only at a bounded window.
 * Decoded bytes come from `cache`, so hits close together in one run decode it once.
 */
export function matchBlock(
  detector: Detector,
  bytes: Uint8Array,
  lo: number,
  hi: number,
  at: number,
  literal: BlockLiteral,
  depth: number,
  cache: BlockDecodeCache,
): KeyMatch | undefined {
  const group = at - literal.offset;
  if (group < lo) return undefined;
  const sniffEnd = Math.min(hi, group + Math.ceil(FIRST_DECODED_BYTES / 3) * 4 + 4);
  const sniffFrom = Math.max(lo, group - 4 * DECODE_GROUPS_BEFORE);
  for (const decoder of decodersToTry(bytes, sniffFrom, group, sniffEnd, literal.decoders)) {
    const found = decodeAround(detector, bytes, lo, hi, group, literal, decoder, depth, cache);
    if (found) return found;
  }
  return undefined;
}

/** Where the base64 run holding the group at `group` starts, on its 4-character grid, not before `lo`. */
export function runStart(bytes: Uint8Array, lo: number, group: number, values: Int8Array): number {
  let start = group;
  while (start > lo && (values[bytes[start - 1] as number] ?? -1) >= 0) start--;
  return start + ((group - start) % 4);
}
