import { decodeBlocks } from './base64-blocks.js';
import type { Detector } from './create-detector.js';
import type { BlockDecoder, DecodedChar } from './decoder.js';
import type { DecoderId, RuleId } from './finding.js';
import type { BlockLiteral } from './literals.js';
import { MAX_DECODE_DEPTH, MAX_KEY_LENGTH, WINDOW_AFTER } from './scan-window.js';

/** A key found at a literal. Internal to the engine: callers only ever see its fingerprint and mask. */
export interface KeyMatch {
  readonly ruleId: RuleId;
  readonly key: string;
  readonly decoders: readonly DecoderId[];
}

/** Groups decoded before a block literal's group (12 bytes: enough for every boundary check). */
const DECODE_GROUPS_BEFORE = 4;

function isBlock(bytes: Uint8Array, at: number, values: Int8Array): boolean {
  for (let i = at; i < at + 4; i++) if ((values[bytes[i] as number] ?? -1) < 0) return false;
  return true;
}

/** The longest encoded character (`\u{00005f}`), for finding the character before a key. */
export const MAX_ENCODED_CHAR_LENGTH = 10;
const SHORTEST_ENCODED_CHAR_LENGTH = 3;

function isWordCode(code: number | undefined): boolean {
  if (code === undefined || Number.isNaN(code)) return false;
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

function decodeChar(detector: Detector, bytes: Uint8Array, at: number, end: number) {
  for (const decoder of detector.charDecoders) {
    const decoded: DecodedChar | undefined = decoder.decodeAt(bytes, at, end);
    if (decoded) return { ...decoded, id: decoder.id };
  }
  return undefined;
}

/** The character just before `at`: an encoded one (`%20unkey_…`) counts as what it encodes. */
function charBefore(detector: Detector, bytes: Uint8Array, lo: number, at: number, decode: boolean) {
  if (at <= lo) return undefined;
  if (decode) {
    for (
      let length = SHORTEST_ENCODED_CHAR_LENGTH;
      length <= MAX_ENCODED_CHAR_LENGTH && at - length >= lo;
      length++
    ) {
      const decoded = decodeChar(detector, bytes, at - length, at);
      if (decoded?.length === length) return decoded.code;
    }
  }
  return bytes[at - 1];
}

/** A key of any rule starting at `at`, written plainly or with escaped or percent-encoded characters. */
export function matchText(
  detector: Detector,
  bytes: Uint8Array,
  lo: number,
  hi: number,
  at: number,
  depth: number,
  rules: readonly RuleId[],
): KeyMatch | undefined {
  const decode = depth < MAX_DECODE_DEPTH;
  if (isWordCode(charBefore(detector, bytes, lo, at, decode))) return undefined;
  let text = '';
  const via: (DecoderId | undefined)[] = [];
  for (let i = at; text.length <= MAX_KEY_LENGTH && i < hi;) {
    const decoded = decode ? decodeChar(detector, bytes, i, hi) : undefined;
    const code = decoded ? decoded.code : (bytes[i] as number);
    // Keys are ASCII: anything else ends the text (and is a boundary).
    if (code >= 0x80) break;
    text += String.fromCharCode(code);
    via.push(decoded?.id);
    i += decoded ? decoded.length : 1;
  }
  for (const rule of detector.rules) {
    if (!rules.includes(rule.id)) continue;
    const length = rule.match(text, 0);
    if (length === 0 || isWordCode(text.charCodeAt(length))) continue;
    const decoders = [...new Set(via.slice(0, length).filter((id): id is DecoderId => id !== undefined))];
    return { ruleId: rule.id, key: text.slice(0, length), decoders };
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

const URL_ONLY = new Set([0x2d, 0x5f]);
const STANDARD_ONLY = new Set([0x2b, 0x2f]);

function isAnyBase64(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    URL_ONLY.has(code) ||
    STANDARD_ONLY.has(code)
  );
}

/**
 * The decoders to try, the run's own form first: a run (within the window) with `-` or `_` and
 * no `+` or `/` is URL-safe base64, even where the key's own characters are valid in both.
 */
function preferredOrder(
  bytes: Uint8Array,
  lo: number,
  hi: number,
  group: number,
  decoders: readonly BlockDecoder[],
) {
  let url = false;
  let standard = false;
  for (let i = group; i < hi && isAnyBase64(bytes[i] as number); i++) {
    url ||= URL_ONLY.has(bytes[i] as number);
    standard ||= STANDARD_ONLY.has(bytes[i] as number);
  }
  for (let i = group - 1; i >= lo && isAnyBase64(bytes[i] as number); i--) {
    url ||= URL_ONLY.has(bytes[i] as number);
    standard ||= STANDARD_ONLY.has(bytes[i] as number);
  }
  return url && !standard ? [...decoders].reverse() : decoders;
}

/** A key inside the base64 run around a block literal at `at`, decoding only a bounded window. */
export function matchBlock(
  detector: Detector,
  bytes: Uint8Array,
  lo: number,
  hi: number,
  at: number,
  literal: BlockLiteral,
  depth: number,
): KeyMatch | undefined {
  const group = at - literal.offset;
  if (group < lo) return undefined;
  for (const decoder of preferredOrder(bytes, lo, hi, group, literal.decoders)) {
    const values = detector.blockValues.get(decoder) as Int8Array;
    // Decode a few groups before the literal too: they hold the byte before the key (its boundary)
    // or, for base64 in base64, the start of the inner group and the byte before it.
    let from = group;
    while (from - group > -4 * DECODE_GROUPS_BEFORE && from - 4 >= lo && isBlock(bytes, from - 4, values))
      from -= 4;
    const decoded = decodeBlocks(bytes, from, Math.min(hi, group + WINDOW_AFTER), values);
    const innerAt = ((group - from) / 4) * 3 + literal.alignment;
    const inner = literal.inner;
    if (!startsWith(decoded, innerAt, inner.text)) continue;
    const found =
      inner.kind === 'text'
        ? matchText(detector, decoded, 0, decoded.length, innerAt, depth + 1, inner.rules)
        : matchBlock(detector, decoded, 0, decoded.length, innerAt, inner, depth + 1);
    if (found) return { ...found, decoders: [decoder.id, ...found.decoders] };
  }
  return undefined;
}

/** Where the base64 run holding the group at `group` starts, on its 4-character grid, not before `lo`. */
export function runStart(bytes: Uint8Array, lo: number, group: number, values: Int8Array): number {
  let start = group;
  while (start > lo && (values[bytes[start - 1] as number] ?? -1) >= 0) start--;
  return start + ((group - start) % 4);
}
