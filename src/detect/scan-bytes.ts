import { findAllowMarkers } from './allow-marker.js';
import type { Detector } from './create-detector.js';
import type { Finding } from './finding.js';
import { endOfLine, startOfLine } from './line-bounds.js';
import { LineTracker, placeEvents } from './line-tracker.js';
import { findingsFromHits } from './findings-from-hits.js';

/**
 * Scans one whole buffer (a file read in full): the fast path. One prefilter pass finds the
 * literals; lines, columns and `rootguard:allow` markers are looked at only when there is a
 * finding, and only from the first finding's line to the end of the last one's. Gives the same
 * findings as `StreamScanner` fed the same bytes.
 */
export function scanBytes(detector: Detector, bytes: Uint8Array, path: string): Finding[] {
  const hits = detector.prefilter.scan(bytes, 0, bytes.length, bytes.length);
  if (hits.length === 0) return [];
  const findings = findingsFromHits(detector, bytes, hits);
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
