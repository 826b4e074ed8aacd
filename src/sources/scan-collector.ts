import {
  emptySourceStats,
  type IncompleteReason,
  type ScanResult,
  type SourceFinding,
} from './scan-result.js';
import type { SourceFilter } from './source-options.js';

/**
 * Gathers one scan's findings, counts and incomplete reasons, applying the repository filter:
 * ignored paths and allowed fingerprints are counted, never silently dropped.
 */
export class ScanCollector {
  readonly stats = emptySourceStats();
  readonly #findings: SourceFinding[] = [];
  readonly #reasons: IncompleteReason[] = [];
  readonly #filter: SourceFilter | undefined;

  constructor(filter?: SourceFilter) {
    this.#filter = filter;
  }

  /** Whether `path` is left out by the config; counts it when it is. */
  ignores(path: string): boolean {
    if (!this.#filter?.ignorePath(path)) return false;
    this.stats.ignored++;
    return true;
  }

  add(finding: SourceFinding): void {
    if (this.#filter?.allowFingerprint(finding.finding.fingerprint)) this.stats.allowed++;
    else this.#findings.push(finding);
  }

  /** Records why the scan is incomplete; the same code and subject are recorded once. */
  incomplete(code: string, message: string, subject?: string): void {
    if (this.#reasons.some((r) => r.code === code && r.subject === subject)) return;
    this.#reasons.push(subject === undefined ? { code, message } : { code, message, subject });
  }

  get isIncomplete(): boolean {
    return this.#reasons.length > 0;
  }

  result(method: string): ScanResult {
    return {
      findings: [...this.#findings],
      status: this.#reasons.length > 0 ? 'incomplete' : 'complete',
      incomplete: [...this.#reasons],
      stats: { ...this.stats },
      method,
    };
  }
}
