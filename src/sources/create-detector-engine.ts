import { createDetector } from '../detect/create-detector.js';
import { scanBytes } from '../detect/scan-bytes.js';
import { StreamScanner } from '../detect/stream-scanner.js';
import type { CreateEngine } from './scan-engine.js';

/** The scan engine backed by `src/detect`: one compiled detector for the whole run. */
export const createDetectorEngine: CreateEngine = (options) => {
  const detector = createDetector({ apiKeyPrefixes: options.apiKeyPrefixes });
  return {
    scanBytes: (bytes, path) => scanBytes(detector, bytes, path),
    createStream: (path) => new StreamScanner(detector, path),
  };
};
