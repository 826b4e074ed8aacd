import type { Detector } from './create-detector.js';
import type { DecoderId, RuleId } from './finding.js';
import { fingerprintKey } from './fingerprint.js';
import { maskKey } from './mask.js';
import type { TextLiteral } from './literals.js';
import { createBlockCaches, matchBlock, runEnd, runStart } from './match-block.js';
import { type KeyMatch, matchText, MAX_ENCODED_CHAR_LENGTH } from './match-text.js';
import { KeyMatchMemo } from './key-match-memo.js';
import type { Hit } from './prefilter.js';
import { MAX_KEY_LENGTH, WINDOW_AFTER, WINDOW_BEFORE } from './scan-window.js';

/** A finding before its line and column are known: `at` is its byte offset in the buffer. */
export interface OffsetFinding {
  readonly at: number;
  /**
   * Where the text that held the key ends: after its last character, or after the whole base64
   * run it was decoded from (masking a log line replaces [at, end)).
   */
  readonly end: number;
  readonly ruleId: RuleId;
  readonly fingerprint: string;
  readonly masked: string;
  readonly decodedFrom?: readonly DecoderId[];
}

/**
 * Bytes around a start within which `matchText` reads: a key's characters (each at most
 * MAX_ENCODED_CHAR_LENGTH bytes) and its boundary after; before it, an encoded character or a
 * terminal escape sequence (about 40 bytes). A start this far inside the window gets the same
 * answer whichever hit's window it is looked at from.
 */
const MEMO_MARGIN = MAX_ENCODED_CHAR_LENGTH * (MAX_KEY_LENGTH + 2);

/**
 * A key around an anchor inside it (`unkeyv1`): its plain lead lies `keyOffset` bytes back, or
 * further when characters in between are encoded (each at most MAX_ENCODED_CHAR_LENGTH bytes).
 */
function matchBehindAnchor(
  detector: Detector,
  bytes: Uint8Array,
  lo: number,
  hi: number,
  at: number,
  literal: TextLiteral,
  memo: KeyMatchMemo,
): [number, KeyMatch | undefined] {
  const lead = literal.lead ?? '';
  const first = lead.charCodeAt(0);
  const furthest = Math.max(lo, at - literal.keyOffset * MAX_ENCODED_CHAR_LENGTH);
  for (let start = at - literal.keyOffset; start >= furthest; start--) {
    if (bytes[start] !== first || !startsWithText(bytes, start, lead)) continue;
    // Leads close together are looked back at from several anchors: look each up once.
    const inside = start - lo >= MEMO_MARGIN && (hi - start >= MEMO_MARGIN || hi === bytes.length);
    const [known, remembered] = inside ? memo.get(start, literal.rules) : [false];
    const found = known
      ? remembered
      : matchText(detector, bytes, lo, hi, start, 0, literal.rules, literal.keyOffset);
    if (inside && !known) memo.set(start, literal.rules, found);
    // Only the key's own anchor reports it: an `unkeyv1` after the key, or text inside it that
    // looks like an encoded anchor, would otherwise report the same key a second time.
    if (found?.markAt === at) return [start, found];
  }
  return [at, undefined];
}

function startsWithText(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * Receives the plaintext of each key a hit turned out to be, with its fingerprint (`recoverKey`
 * only: the scanners pass none, so the plaintext never leaves this function for them).
 */
export type OnConfirmedKey = (fingerprint: string, key: string) => void;

/**
 * Turns literal hits into findings: checks each hit against the rules and returns the keys found,
 * ordered by where they are reported, each turned into fingerprint + mask at once. It reads a
 * window of `bytes` around each hit (the caller guarantees the buffer holds it, or the input ends
 * there). Nothing here asks Unkey whether a key is live: that is the playbook's `verify` step.
 */
export function findingsFromHits(
  detector: Detector,
  bytes: Uint8Array,
  hits: readonly Hit[],
  onKey?: OnConfirmedKey,
): OffsetFinding[] {
  const findings: OffsetFinding[] = [];
  const seen = new Set<string>();
  const blockCaches = createBlockCaches();
  const memo = new KeyMatchMemo();
  for (const { at, literal } of hits) {
    const lo = Math.max(0, at - WINDOW_BEFORE);
    const hi = Math.min(bytes.length, at + WINDOW_AFTER);
    let reportAt = at;
    let found: KeyMatch | undefined;
    if (literal.kind === 'block') {
      found = matchBlock(detector, bytes, lo, hi, at, literal, 0, blockCaches);
    } else if (literal.lead === undefined) {
      reportAt = at - literal.keyOffset;
      found = matchText(detector, bytes, lo, hi, reportAt, 0, literal.rules);
    } else {
      [reportAt, found] = matchBehindAnchor(detector, bytes, lo, hi, at, literal, memo);
    }
    if (!found) continue;
    const fingerprint = fingerprintKey(found.key);
    onKey?.(fingerprint, found.key);
    let end = found.end;
    if (literal.kind === 'block') {
      // The run's characters are those of the decoder that found the key.
      const outer = literal.decoders.find((d) => d.id === found.decoders[0]) ?? literal.decoders[0];
      const values = detector.blockValues.get(outer!) as Int8Array;
      reportAt = runStart(bytes, lo, at - literal.offset, values);
      end = runEnd(bytes, at, values);
    }
    // Literals of one key start at the same offset (base64 of `unkey_` and of `unkey_3Z`), so they
    // are always checked in the same batch: this reports each key once in both scanners.
    const once = `${at}\0${found.ruleId}\0${fingerprint}`;
    if (seen.has(once)) continue;
    seen.add(once);
    findings.push({
      at: reportAt,
      end,
      ruleId: found.ruleId,
      fingerprint,
      masked: maskKey(found.key),
      ...(found.decoders.length > 0 ? { decodedFrom: found.decoders } : {}),
    });
  }
  findings.sort((a, b) => a.at - b.at);
  return findings;
}
