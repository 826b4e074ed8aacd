import type { Detector } from '../detect/create-detector.js';
import { findingsFromHits } from '../detect/findings-from-hits.js';

const BACKSLASH = 0x5c;

/**
 * A JSON line writes each backslash twice, so `\u005f` in a message is `\\u005f` in the line and
 * the escape decoder would not see it. The view reads each `\\` pair as one `\`; `origin` maps
 * each of its offsets (and its end) back to the line's bytes.
 */
function unescapeBackslashes(bytes: Uint8Array): { view: Uint8Array; origin: Int32Array } | undefined {
  const first = bytes.indexOf(BACKSLASH);
  if (first < 0 || !bytes.subarray(first).some((b, i, all) => b === BACKSLASH && all[i + 1] === BACKSLASH))
    return undefined;
  const view = new Uint8Array(bytes.length);
  const origin = new Int32Array(bytes.length + 1);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    origin[n] = i;
    view[n++] = bytes[i] as number;
    if (bytes[i] === BACKSLASH && bytes[i + 1] === BACKSLASH) i++;
  }
  origin[n] = bytes.length;
  return { view: view.subarray(0, n), origin };
}

/** Whether the byte at `at` is the second character of an escape (`n` of `\n`). */
function isEscaped(bytes: Uint8Array, at: number): boolean {
  let count = 0;
  for (let i = at - 1; i >= 0 && bytes[i] === BACKSLASH; i--) count++;
  return count % 2 === 1;
}

/**
 * Replaces every key the detector finds in `text` (its rules: root keys and the configured API
 * key prefixes; its decoders: base64, base64url, percent-encoding, string escapes, two layers)
 * with the key's mask (`unkey_3Z…` + last 4). The whole encoded text is replaced: a base64 run
 * that held a key is masked whole. Cheap when there is nothing: one prefilter pass. Escapes of a
 * JSON line are never cut in half, so a masked JSON line stays valid JSON.
 */
export function maskDetectedKeys(detector: Detector, text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const unescaped = unescapeBackslashes(bytes);
  const view = unescaped?.view ?? bytes;
  const hits = detector.prefilter.scan(view, 0, view.length, view.length);
  if (hits.length === 0) return text;
  const findings = findingsFromHits(detector, view, hits);
  if (findings.length === 0) return text;
  const origin = (at: number) => (unescaped ? (unescaped.origin[at] as number) : at);
  const parts: string[] = [];
  let last = 0;
  for (const finding of findings) {
    let start = Math.max(last, origin(finding.at));
    const end = origin(finding.end);
    // A base64 run may begin right after `\n` in a JSON line: keep the escape whole.
    if (start < end && isEscaped(bytes, start)) start++;
    if (end <= start) continue;
    parts.push(bytes.toString('utf8', last, start), finding.masked);
    last = end;
  }
  if (parts.length === 0) return text;
  parts.push(bytes.toString('utf8', last));
  return parts.join('');
}
