/** Marks a line whose findings are not reported. */
export const ALLOW_MARKER = 'rootguard:allow';

/**
 * Offsets of the markers that start in [from, to) of `bytes` (a marker may end after `to`). One
 * native search: the marker is not in the prefilter's table, so it costs nothing on lines
 * without findings in scanBytes.
 */
export function findAllowMarkers(bytes: Uint8Array, from: number, to: number): number[] {
  // Search no further than a marker starting before `to` can reach.
  const end = Math.min(bytes.length, to + ALLOW_MARKER.length - 1);
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  const out: number[] = [];
  for (let at = view.indexOf(ALLOW_MARKER, from, 'latin1'); at >= 0 && at < to;) {
    out.push(at);
    at = view.indexOf(ALLOW_MARKER, at + 1, 'latin1');
  }
  return out;
}
