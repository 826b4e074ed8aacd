import type { Detector } from './create-detector.js';
import type { DecoderId, RuleId } from './finding.js';
import { fingerprintKey } from './fingerprint.js';
import { maskKey } from './mask.js';
import { matchBlock, matchText, runStart } from './match-key.js';
import type { Hit } from './prefilter.js';
import { WINDOW_AFTER, WINDOW_BEFORE } from './scan-window.js';

/** A finding before its line and column are known: `at` is its byte offset in the buffer. */
export interface LocatedFinding {
  readonly at: number;
  readonly ruleId: RuleId;
  readonly fingerprint: string;
  readonly masked: string;
  readonly decodedFrom?: readonly DecoderId[];
}

/**
 * Checks each literal hit and returns the keys, ordered by where they are reported. It reads a window of `bytes`
 * around each hit (the caller guarantees the buffer holds it, or the input ends there) and turns keys into fingerprint + mask at once.
 */
export function verifyHits(detector: Detector, bytes: Uint8Array, hits: readonly Hit[]): LocatedFinding[] {
  const findings: LocatedFinding[] = [];
  const seen = new Set<string>();
  for (const { at, literal } of hits) {
    const lo = Math.max(0, at - WINDOW_BEFORE);
    const hi = Math.min(bytes.length, at + WINDOW_AFTER);
    const found =
      literal.kind === 'text'
        ? matchText(detector, bytes, lo, hi, at - literal.keyOffset, 0, literal.rules)
        : matchBlock(detector, bytes, lo, hi, at, literal, 0);
    if (!found) continue;
    const fingerprint = fingerprintKey(found.key);
    let reportAt = at - (literal.kind === 'text' ? literal.keyOffset : 0);
    if (literal.kind === 'block') {
      // The run's characters are those of the decoder that found the key.
      const outer = literal.decoders.find((d) => d.id === found.decoders[0]) ?? literal.decoders[0];
      const values = detector.blockValues.get(outer!) as Int8Array;
      reportAt = runStart(bytes, lo, at - literal.offset, values);
    }
    // Literals of one key start at the same offset (base64 of `unkey_` and of `unkey_3Z`), so they
    // are always checked in the same batch: this reports each key once in both scanners.
    const once = `${at}\0${found.ruleId}\0${fingerprint}`;
    if (seen.has(once)) continue;
    seen.add(once);
    findings.push({
      at: reportAt,
      ruleId: found.ruleId,
      fingerprint,
      masked: maskKey(found.key),
      ...(found.decoders.length > 0 ? { decodedFrom: found.decoders } : {}),
    });
  }
  findings.sort((a, b) => a.at - b.at);
  return findings;
}
