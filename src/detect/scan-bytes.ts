import { findAllowMarkers } from './allow-marker.js';
import type { Detector } from './create-detector.js';
import type { Finding } from './finding.js';
import { LineTracker, placeEvents } from './line-tracker.js';
import { verifyHits } from './verify-hits.js';

const LF = 0x0a;
const CR = 0x0d;

function endOfLine(bytes: Uint8Array, from: number): number {
  const lf = bytes.indexOf(LF, from);
  const cr = bytes.indexOf(CR, from);
  if (lf < 0) return cr < 0 ? bytes.length : cr;
  return cr < 0 ? lf : Math.min(lf, cr);
}

function startOfLine(bytes: Uint8Array, at: number): number {
  if (at === 0) return 0;
  return Math.max(bytes.lastIndexOf(LF, at - 1), bytes.lastIndexOf(CR, at - 1)) + 1;
}

/**
 * Scans one whole buffer (a file read in full): the fast path. One prefilter pass finds the
 * literals; lines, columns and `rootguard:allow` markers are looked at only when there is a
 * finding, and only from the first finding's line to the end of the last one's. Gives the same
 * findings as `StreamScanner` fed the same bytes.
 */
export function scanBytes(detector: Detector, bytes: Uint8Array, path: string): Finding[] {
  const hits = detector.prefilter.scan(bytes, 0, bytes.length, bytes.length);
  if (hits.length === 0) return [];
  const findings = verifyHits(detector, bytes, hits);
  const first = findings[0];
  const last = findings[findings.length - 1];
  if (!first || !last) return [];
  const allows = findAllowMarkers(bytes, startOfLine(bytes, first.at), endOfLine(bytes, last.at));
  const tracker = new LineTracker(path);
  const out: Finding[] = [];
  placeEvents(tracker, bytes, 0, findings, allows, Infinity, out);
  tracker.finish(out);
  return out;
}
