import type { Detector } from './create-detector.js';
import { Secret } from './secret.js';
import { findingsFromHits } from './findings-from-hits.js';

/**
 * Where the literals looked at may start (`[from, to)`); the key itself may reach past `to`. Ranges
 * that cover the bytes together find what one call over all of them finds, so a caller can look
 * in slices and let other work run between them.
 */
export interface RecoverRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Finds again, in bytes it leaked in, the key whose fingerprint is known: the playbook's liveness
 * probe needs the plaintext, and rootguard never stores it. Encoded keys are found as the scanners
 * find them; `rootguard:allow` markers are ignored (an allowed key is still the key). Gives the
 * key wrapped in `Secret`, or `undefined` when no key in the bytes has that fingerprint.
 */
export function recoverKey(
  detector: Detector,
  bytes: Uint8Array,
  fingerprint: string,
  range: RecoverRange = { from: 0, to: bytes.length },
): Secret | undefined {
  const hits = detector.prefilter.scan(bytes, range.from, range.to, bytes.length);
  if (hits.length === 0) return undefined;
  let match: string | undefined;
  findingsFromHits(detector, bytes, hits, (found, key) => {
    if (match === undefined && found === fingerprint) match = key;
  });
  return match === undefined ? undefined : new Secret(match);
}
