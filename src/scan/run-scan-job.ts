import type { ScanJob } from '../queue/scan-job.js';
import type { ScanResult } from '../sources/scan-result.js';
import type { JobCheckpoint } from './job-checkpoint.js';
import { readAlertJob } from './read-alert-job.js';
import { scanCommitsJob, type DeferredScanReport, type ReportedScan } from './scan-commits-job.js';
import { scanHistoryJob } from './scan-history-job.js';
import { scanLogJob, type SkippedLogScan } from './scan-log-job.js';
import type { ScanDependencies } from './scan-dependencies.js';
import { countScan } from './scan-metrics.js';

/**
 * Runs one job of the `scan` queue to its result. A log or alert scan is counted here; a push or
 * pull request scan where it is read (its job comes back later to write the report).
 */
export async function runScanJob(
  deps: ScanDependencies,
  job: ScanJob,
  checkpoint: JobCheckpoint,
): Promise<ScanResult | SkippedLogScan | DeferredScanReport | ReportedScan> {
  switch (job.kind) {
    case 'push':
    case 'pull_request':
      return scanCommitsJob(deps, job, checkpoint);
    case 'workflow_job':
    case 'workflow_run': {
      const result = await scanLogJob(deps, job, checkpoint);
      if ('skipped' in result) deps.metrics?.scanFinished(job.kind, 'skipped');
      else countScan(deps.metrics, job.kind, result);
      return result;
    }
    case 'secret_scanning_alert': {
      const result = await readAlertJob(deps, job);
      countScan(deps.metrics, job.kind, result);
      return result;
    }
    case 'repository_history':
      // Counted where its history is read (scanCommitsJob, as a first push, kind repository_history).
      return scanHistoryJob(deps, job, checkpoint);
  }
}
