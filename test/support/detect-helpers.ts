// Small helpers for the detector tests: scan text whole and in chunks, and encode keys.
import { createDetector, type Detector, type DetectorOptions } from '../../src/detect/create-detector.js';
import type { Finding } from '../../src/detect/finding.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { scanBytes } from '../../src/detect/scan-bytes.js';
import { StreamScanner } from '../../src/detect/stream-scanner.js';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
export const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** Scans `text` with scanBytes. */
export function scanText(text: string, options?: DetectorOptions | Detector): Finding[] {
  const detector = options && 'prefilter' in options ? options : createDetector(options);
  return scanBytes(detector, utf8(text), 'test.txt');
}

/** Feeds `bytes` to a StreamScanner in chunks of the given sizes (the last size repeats). */
export function scanChunks(detector: Detector, bytes: Uint8Array, sizes: readonly number[]): Finding[] {
  const scanner = new StreamScanner(detector, 'test.txt');
  const out: Finding[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[Math.min(i, sizes.length - 1)] ?? 1);
    out.push(...scanner.write(bytes.subarray(at, at + size)));
    at += size;
  }
  out.push(...scanner.end());
  return out;
}

/** Feeds `bytes` to a StreamScanner as two chunks cut at `cut` (either may be empty). */
export function scanSplitAt(detector: Detector, bytes: Uint8Array, cut: number): Finding[] {
  const scanner = new StreamScanner(detector, 'test.txt');
  return [...scanner.write(bytes.subarray(0, cut)), ...scanner.write(bytes.subarray(cut)), ...scanner.end()];
}

/** Whether `key` was found (by fingerprint, never by plaintext). */
export function foundKey(findings: readonly Finding[], key: string): Finding[] {
  const fingerprint = fingerprintKey(key);
  return findings.filter((f) => f.fingerprint === fingerprint);
}

/** Every character as `\xHH`. */
export const escapeAll = (text: string): string =>
  Array.from(text, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
