import type { Finding } from '../detect/finding.js';

/** A finding in git history: the detector's finding plus the commit that added the line. */
export interface GitFinding extends Finding {
  /** The full commit id. */
  readonly commit: string;
  /** `name <email>` of the commit's author. */
  readonly author: string;
  /** The author date, ISO 8601 with the author's offset. */
  readonly date: string;
}

/** A finding as reported: from a file or stdin, or from a commit in `--git` mode. */
export type ReportedFinding = Finding | GitFinding;

/** What a scan covered; reported in every format so that a clean result can be judged. */
export interface ScanStats {
  /** Files (or file diffs in `--git` mode, or stdin) scanned. */
  files: number;
  /** Bytes scanned (in `--git` mode: the bytes of the added lines). */
  bytes: number;
  /**
   * Files not scanned: binary files (NUL in the first 8 KiB), file diffs with a NUL in their added
   * lines, fifos and devices.
   */
  skipped: number;
  /** Symbolic links met and not followed. */
  symlinks: number;
  /** Commits read in `--git` mode; absent otherwise. */
  commits?: number;
  /** Findings dropped by `.rootguardignore` or `--baseline`. */
  suppressed: number;
  /** Wall time of the scan in milliseconds. */
  ms: number;
}

/** The outcome of a local scan: findings in input order, and what was covered. */
export interface LocalScanResult {
  readonly findings: readonly ReportedFinding[];
  readonly stats: ScanStats;
}

/** Counters at zero, for a scan to fill in. */
export function emptyStats(): ScanStats {
  return { files: 0, bytes: 0, skipped: 0, symlinks: 0, suppressed: 0, ms: 0 };
}
