import { Base64FormCache, isAnyBase64 } from './base64-form-cache.js';
import { BlockDecodeCache } from './block-decode-cache.js';
import type { Detector } from './create-detector.js';
import type { BlockDecoder } from './decoder.js';
import type { BlockLiteral } from './literals.js';
import { type KeyMatch, matchText } from './match-text.js';
import { MAX_DECODE_DEPTH, MAX_KEY_LENGTH, WINDOW_AFTER } from './scan-window.js';
import { PERCENT, BACKSLASH } from './byte-codes.js';

/** Groups decoded before a block literal's group (12 bytes: enough for every boundary check). */
const DECODE_GROUPS_BEFORE = 4;
/**
 * Decoded bytes after an inner base64 literal tried first: the base64 of a key (88 characters)
 * plus its group start. The whole window is decoded only when an encoded key may need it, so
 * repeated near misses stay cheap.
 */
const FIRST_DECODED_BYTES = 2 * (MAX_KEY_LENGTH + 1);

function isBlock(bytes: Uint8Array, at: number, values: Int8Array): boolean {
  for (let i = at; i < at + 4; i++) if ((values[bytes[i] as number] ?? -1) < 0) return false;
  return true;
}

function hasEncodedChar(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] === BACKSLASH || bytes[i] === PERCENT) return true;
  return false;
}

/** Per-batch memory of runs already looked at; see each cache. */
export interface BlockCaches {
  readonly decoded: BlockDecodeCache;
  readonly forms: Base64FormCache;
}

/** Fresh caches for one `findingsFromHits` batch. */
export function createBlockCaches(): BlockCaches {
  return { decoded: new BlockDecodeCache(), forms: new Base64FormCache() };
}

/** `[first]` and the reverse order of each literal's decoders, made once. */
const ORDERS = new WeakMap<readonly BlockDecoder[], readonly [BlockDecoder[], BlockDecoder[]]>();

function orders(decoders: readonly BlockDecoder[]): readonly [BlockDecoder[], BlockDecoder[]] {
  let known = ORDERS.get(decoders);
  if (!known) {
    known = [decoders.slice(0, 1), [...decoders].reverse()];
    ORDERS.set(decoders, known);
  }
  return known;
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
  forms: Base64FormCache,
): readonly BlockDecoder[] {
  let start = group;
  while (start > from && isAnyBase64(bytes[start - 1] as number)) start--;
  const { url, standard } = forms.forms(bytes, start, to);
  if (!url && !standard) return orders(decoders)[0];
  return url && !standard ? orders(decoders)[1] : decoders;
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
  cache: BlockCaches,
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
  let decoded = cache.decoded.decode(bytes, from, firstEnd, values);
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
    const whole = cache.decoded.decode(bytes, from, Math.min(end, group + WINDOW_AFTER), values);
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
  cache: BlockCaches,
): KeyMatch | undefined {
  const group = at - literal.offset;
  if (group < lo) return undefined;
  const sniffEnd = Math.min(hi, group + Math.ceil(FIRST_DECODED_BYTES / 3) * 4 + 4);
  const sniffFrom = Math.max(lo, group - 4 * DECODE_GROUPS_BEFORE);
  for (const decoder of decodersToTry(bytes, sniffFrom, group, sniffEnd, literal.decoders, cache.forms)) {
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

/** Where the base64 run holding `at` ends, its `=` padding included. */
export function runEnd(bytes: Uint8Array, at: number, values: Int8Array): number {
  let end = at;
  while (end < bytes.length && (values[bytes[end] as number] ?? -1) >= 0) end++;
  while (end < bytes.length && bytes[end] === 0x3d) end++;
  return end;
}
