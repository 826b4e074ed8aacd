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

/** What the literals in one buffer turned out to be. */
export interface VerifiedHits {
  /** Keys, ordered by where they are reported. */
  readonly findings: LocatedFinding[];
  /** Offsets of `rootguard:allow` markers. */
  readonly allows: number[];
}

/**
 * Checks each literal hit in a window of `bytes` around it (the caller guarantees the buffer
 * holds the whole window, or the input ends there) and turns keys into fingerprint + mask at once.
 */
export function verifyHits(detector: Detector, bytes: Uint8Array, hits: readonly Hit[]): VerifiedHits {
  const findings: LocatedFinding[] = [];
  const allows: number[] = [];
  const seen = new Set<string>();
  for (const { at, literal } of hits) {
    if (literal.kind === 'allow') {
      allows.push(at);
      continue;
    }
    const lo = Math.max(0, at - WINDOW_BEFORE);
    const hi = Math.min(bytes.length, at + WINDOW_AFTER);
    const found =
      literal.kind === 'text'
        ? matchText(detector, bytes, lo, hi, at, 0)
        : matchBlock(detector, bytes, lo, hi, at, literal, 0);
    if (!found) continue;
    const fingerprint = fingerprintKey(found.key);
    const once = `${at}\0${found.ruleId}\0${fingerprint}`;
    if (seen.has(once)) continue;
    seen.add(once);
    let reportAt = at;
    if (literal.kind === 'block') {
      // The run's characters are those of the decoder that found the key.
      const outer = literal.decoders.find((d) => d.id === found.decoders[0]) ?? literal.decoders[0];
      const values = detector.blockValues.get(outer!) as Int8Array;
      reportAt = runStart(bytes, lo, at - literal.offset, values);
    }
    findings.push({
      at: reportAt,
      ruleId: found.ruleId,
      fingerprint,
      masked: maskKey(found.key),
      ...(found.decoders.length > 0 ? { decodedFrom: found.decoders } : {}),
    });
  }
  findings.sort((a, b) => a.at - b.at);
  return { findings, allows };
}
