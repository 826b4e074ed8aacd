import type { Finding } from '../detect/finding.js';
import type { FindingStream } from './finding-stream.js';

/**
 * The detector as the local scan (files, stdin, git history) sees it. The scan takes it as a
 * parameter so that it can be tested on its own; `createDetectorEngine` binds it to `src/detect`.
 */
export interface ScanEngine {
  /** Scans one whole buffer, reporting findings under `path`. */
  scanBytes(bytes: Uint8Array, path: string): Finding[];
  /** Starts a stream whose findings are reported under `path`. */
  createStream(path: string): FindingStream;
}

/** Options from the command line that shape detection. */
export interface EngineOptions {
  /** Customer API key prefixes to detect (`--api-key-prefix`). @defaultValue [] */
  readonly apiKeyPrefixes: readonly string[];
}

/** Makes the engine for one run; throws on options the detector rejects. */
export type CreateEngine = (options: EngineOptions) => ScanEngine;
