import type { ScanJob } from '../queue/scan-job.js';
import type { ScanResult } from '../sources/scan-result.js';
import type { JobCheckpoint } from './job-checkpoint.js';
import { readAlertJob } from './read-alert-job.js';
import { scanCommitsJob, type DeferredScanReport, type ReportedScan } from './scan-commits-job.js';
import { scanHistoryJob } from './scan-history-job.js';
import { scanLogJob, type SkippedLogScan } from './scan-log-job.js';
import type { ScanDependencies } from './scan-dependencies.js';

/** Runs one job of the `scan` queue to its result. */
export function runScanJob(
  deps: ScanDependencies,
  job: ScanJob,
  checkpoint: JobCheckpoint,
): Promise<ScanResult | SkippedLogScan | DeferredScanReport | ReportedScan> {
  switch (job.kind) {
    case 'push':
    case 'pull_request':
      return scanCommitsJob(deps, job, checkpoint);
    case 'workflow_job':
    case 'workflow_run':
      return scanLogJob(deps, job, checkpoint);
    case 'secret_scanning_alert':
      return readAlertJob(deps, job);
    case 'repository_history':
      return scanHistoryJob(deps, job, checkpoint);
  }
}
