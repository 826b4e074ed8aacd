import { maskReportText } from '../markdown/mask-report-text.js';

const MARKER_PATTERN = /<!-- rootguard:finding (\S+ \S+:\d+) -->/g;

/**
 * What identifies a finding on a pull request: fingerprint, path and line. The path is
 * URI-encoded so spaces and `-->` cannot break the marker, and masked like the rest of the body,
 * so the key computed here equals the one read back from a posted comment.
 */
export function findingMarkerKey(fingerprint: string, path: string, line: number): string {
  return maskReportText(`${fingerprint} ${encodeURI(path)}:${line}`);
}

/** The hidden HTML comment a review comment or body carries for each finding it reports. */
export function renderFindingMarker(fingerprint: string, path: string, line: number): string {
  return `<!-- rootguard:finding ${findingMarkerKey(fingerprint, path, line)} -->`;
}

/** The marker keys in a posted body, to skip findings already reported. */
export function readFindingMarkers(body: string): string[] {
  return Array.from(body.matchAll(MARKER_PATTERN), (match) => match[1] as string);
}
