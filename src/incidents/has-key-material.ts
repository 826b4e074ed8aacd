import { createDetector, type Detector } from '../detect/create-detector.js';
import { scanBytes } from '../detect/scan-bytes.js';

let detector: Detector | undefined;

/**
 * Whether a value about to be stored (an occurrence, job data) holds anything key-shaped, plain
 * or encoded, as the detector sees it. Stored data must never hold a key, so callers refuse it.
 */
export function hasKeyMaterial(value: unknown): boolean {
  // Compiled once: building the prefilter is the costly part.
  detector ??= createDetector();
  return scanBytes(detector, Buffer.from(JSON.stringify(value) ?? ''), 'stored-value').length > 0;
}
