import type { CheckRunOutput } from '../report/check-run/check-run-output.js';
import type { SourceFinding } from '../sources/scan-result.js';

/** What a finished scan reports in its job's result (counts and codes; the findings are in the incidents). */
export interface ScanSummary {
  readonly status: 'complete' | 'incomplete';
  readonly findings: number;
  readonly method: string;
  readonly incomplete: readonly string[];
}

/**
 * What a scan whose findings are recorded still has to write to GitHub: the check run's output
 * (masked values only), the incidents it names, and the findings its pull request review is about.
 */
export interface PendingScanReport {
  readonly output: CheckRunOutput;
  readonly incidentIds: readonly string[];
  readonly headSha: string;
  /** The findings a pull request review comments on (at most `MAX_REVIEW_FINDINGS`). */
  readonly reviewFindings: readonly SourceFinding[];
  readonly summary: ScanSummary;
}

/** What a scan job remembers across its own retries (stored in the job's data: ids only). */
export interface ScanCheckpointData {
  /** The check run the first attempt created; retries update it instead of creating another. */
  readonly checkRunId?: number;
  /** Set once the findings are recorded: the check run and review are written from it, never by scanning again. */
  readonly report?: PendingScanReport;
  /**
   * A repository's history scan: the default branch and head the first attempt resolved (retries
   * scan the same commit, and report on it), or `empty` when it had no commit.
   */
  readonly history?: { readonly branch: string; readonly head: string } | 'empty';
  /** A history scan of an empty repository: the issue that says so (opened once). */
  readonly issueNumber?: number;
}

/** Reads and writes a job's checkpoint (BullMQ `job.updateData` in the worker). */
export interface JobCheckpoint {
  readonly data: ScanCheckpointData;
  save(patch: ScanCheckpointData): Promise<void>;
  /** This attempt is the last one: a failure now is final. */
  readonly finalAttempt: boolean;
  /**
   * The queue can write the report later, behind the scans waiting now (the worker puts the job
   * back on its queue): findings of every waiting scan are recorded before any of their GitHub
   * writes. @defaultValue false: the report is written at once
   */
  readonly reportLater?: boolean;
}

/** A checkpoint kept in memory, for one-shot runs and tests. */
export function memoryCheckpoint(finalAttempt = true): JobCheckpoint {
  const state: { data: ScanCheckpointData } = { data: {} };
  return {
    get data() {
      return state.data;
    },
    async save(patch) {
      state.data = { ...state.data, ...patch };
    },
    finalAttempt,
  };
}
