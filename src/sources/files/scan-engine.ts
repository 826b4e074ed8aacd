import type { Finding } from '../../detect/finding.js';

/** Findings of input that arrives in chunks (a large file, stdin, the added lines of a diff). */
export interface FindingStream {
  /** Feed the next chunk; returns the findings that are final so far. Keeps no reference to it. */
  write(chunk: Uint8Array): Finding[];
  /** End of input; returns the remaining findings. */
  end(): Finding[];
}

/**
 * The detector as the scan pipeline sees it. The pipeline takes it as a parameter so that it can
 * be tested on its own; `createDetectorEngine` binds it to `src/detect`.
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
