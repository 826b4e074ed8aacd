import type { Finding } from '../detect/finding.js';
import type { OccurrenceLocation } from './occurrences/occurrence-location.js';

/** A detector finding placed on GitHub: which commit line, job log line or alert held it. */
export interface SourceFinding {
  readonly finding: Finding;
  readonly location: OccurrenceLocation;
  /** When the key became visible there (commit date, log line time), ISO 8601. */
  readonly exposedAt: string;
}

/** Why a scan could not read everything: a named limit, an API failure, a hostile archive. */
export interface IncompleteReason {
  /** Stable code, e.g. `max-blob-bytes`, `zip-ratio`, `log-expired`. */
  readonly code: string;
  /** One sentence for people: what was not scanned and why. Never holds key material. */
  readonly message: string;
  /** The file, log or archive entry concerned, when there is one. */
  readonly subject?: string;
}

/** What a scan covered, so a clean result can be judged. */
export interface SourceStats {
  commits: number;
  files: number;
  bytes: number;
  /** Binary files (or archive entries) not scanned: counted, never called clean. */
  binarySkipped: number;
  /** Files left out by the repository's `paths.ignore`. */
  ignored: number;
  /** Findings dropped because the repository config allows their fingerprint. */
  allowed: number;
}

/** Every scan ends with this: findings, and whether everything was read. */
export interface ScanResult {
  readonly findings: readonly SourceFinding[];
  readonly status: 'complete' | 'incomplete';
  /** Empty when `status` is `complete`. */
  readonly incomplete: readonly IncompleteReason[];
  readonly stats: SourceStats;
  /** How the content was fetched: `compare`, `commits`, `clone`, `job-log`, `run-archive`, `alert`. */
  readonly method: string;
}

export function emptySourceStats(): SourceStats {
  return { commits: 0, files: 0, bytes: 0, binarySkipped: 0, ignored: 0, allowed: 0 };
}
