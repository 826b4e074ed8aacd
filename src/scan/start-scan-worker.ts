import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { LaneWaitError } from '../github/errors.js';
import { cleanError } from '../queue/clean-error.js';
import { SCAN_QUEUE } from '../queue/queues.js';
import type { ScanJob } from '../queue/scan-job.js';
import type { JobCheckpoint, ScanCheckpointData } from './job-checkpoint.js';
import { isPermanentFailure } from './permanent-failure.js';
import { runScanJob } from './run-scan-job.js';
import type { ScanDependencies } from './scan-dependencies.js';

/** A scan job as stored: the job and what its earlier attempts left (ids only). */
export type StoredScanJob = ScanJob & { readonly checkpoint?: ScanCheckpointData };

/** What a finished scan job keeps in Redis (counts and codes; the findings are in the incidents). */
export interface ScanJobSummary {
  readonly status: 'complete' | 'incomplete' | 'skipped';
  readonly findings: number;
  readonly method?: string;
  readonly incomplete?: readonly string[];
  readonly skipped?: string;
}

/** The priority of a scan's report pass: after every scan waiting (BullMQ runs jobs without a priority first). */
export const REPORT_PRIORITY = 1;

/** Options of {@link startScanWorker}. */
export interface ScanWorkerOptions {
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix. @defaultValue 'rootguard' */
  readonly prefix?: string;
  /** Scans run at once in this process. @defaultValue 4 */
  readonly concurrency?: number;
  /** How soon a dead worker's scan is taken over (BullMQ `lockDuration` and `stalledInterval`). @defaultValue 30000 */
  readonly lockMs?: number;
  readonly deps: ScanDependencies;
}

function checkpointOf(job: Job<StoredScanJob>): JobCheckpoint {
  return {
    reportLater: true,
    data: job.data.checkpoint ?? {},
    async save(patch) {
      await job.updateData({ ...job.data, checkpoint: { ...job.data.checkpoint, ...patch } });
    },
    finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
  };
}

/** Starts the worker of the `scan` queue. Close it with `worker.close()` (waits for running scans). */
export function startScanWorker(options: ScanWorkerOptions): Worker<StoredScanJob, ScanJobSummary> {
  const { deps } = options;
  return new Worker<StoredScanJob, ScanJobSummary>(
    SCAN_QUEUE,
    async (job, token) => {
      let result: Awaited<ReturnType<typeof runScanJob>>;
      try {
        result = await runScanJob(deps, job.data, checkpointOf(job));
      } catch (error) {
        if (error instanceof LaneWaitError) {
          // GitHub's rate limit, or the installation's next write slot: wait without holding a
          // worker slot or spending an attempt (the checkpoint keeps what was done).
          await job.moveToDelayed(error.until, token);
          throw new DelayedError();
        }
        const cleaned = cleanError(error);
        const final = isPermanentFailure(error) || checkpointOf(job).finalAttempt;
        const fields = { err: cleaned, job: job.id, kind: job.data.kind, attempt: job.attemptsMade + 1 };
        if (final) deps.log.error(fields, 'scan failed');
        // Counted once: a scan whose content was read (its report failed) was counted then.
        if (final && job.data.checkpoint?.report === undefined)
          deps.metrics?.scanFinished(job.data.kind, 'failed');
        else deps.log.warn(fields, 'scan attempt failed; the queue retries it');
        // Retrying a 404 (repository or commit gone) five times only delays the verdict.
        if (isPermanentFailure(error)) throw new UnrecoverableError(cleaned.message);
        throw cleaned;
      }
      if ('deferred' in result) {
        // Findings are recorded and playbooks queued: the check run and review come back with
        // a priority, and BullMQ takes every job without one (a scan not yet run) first, so a
        // leak pushed behind many clean pushes is recorded before their GitHub writes, which
        // go one a second per installation.
        await job.changePriority({ priority: REPORT_PRIORITY });
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      }
      if ('skipped' in result) return { status: 'skipped', findings: 0, skipped: result.skipped };
      const summary =
        'reported' in result
          ? result.reported
          : {
              status: result.status,
              findings: result.findings.length,
              method: result.method,
              incomplete: result.incomplete.map((r) => r.code),
            };
      return {
        status: summary.status,
        findings: summary.findings,
        method: summary.method,
        ...(summary.incomplete.length > 0 ? { incomplete: summary.incomplete } : {}),
      };
    },
    {
      connection: options.connection,
      prefix: options.prefix ?? 'rootguard',
      concurrency: options.concurrency ?? 4,
      lockDuration: options.lockMs ?? 30_000,
      stalledInterval: options.lockMs ?? 30_000,
    },
  );
}
