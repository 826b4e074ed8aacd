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

/**
 * Scans one whole buffer (a file read in full): the fast path. One prefilter pass finds the
 * literals; lines and columns are counted only when there is a finding, and only up to the end
 * of the line of the last one. Gives the same findings as `StreamScanner` fed the same bytes.
 */
export function scanBytes(detector: Detector, bytes: Uint8Array, path: string): Finding[] {
  const hits = detector.prefilter.scan(bytes, 0, bytes.length, bytes.length);
  if (hits.length === 0) return [];
  const { findings, allows } = verifyHits(detector, bytes, hits);
  if (findings.length === 0) return [];
  // Markers after the last finding's line cannot suppress anything: don't walk to them.
  const lastLineEnd = endOfLine(bytes, (findings[findings.length - 1] as { at: number }).at);
  const tracker = new LineTracker(path);
  const out: Finding[] = [];
  placeEvents(
    tracker,
    bytes,
    0,
    findings,
    allows.filter((at) => at < lastLineEnd),
    Infinity,
    out,
  );
  tracker.finish(out);
  return out;
}
