import { openLogDownload } from '../github/download-log.js';
import { LOG_LINK_ATTEMPTS, ZIP_MAX_ARCHIVE_BYTES } from './limits.js';
import { LogScanner } from './log/log-scanner.js';
import { stepAt, type JobStep } from './log/step-at.js';
import { ScanCollector } from './scan-collector.js';
import type { ScanResult } from './scan-result.js';
import { repoName, type SourceOptions } from './source-options.js';
import { entryJobStep } from './zip/entry-label.js';
import { readCapped } from './read-capped.js';
import { walkZip, ZIP_LIMITS, type ZipLimits } from './zip/walk-zip.js';

/** A finished workflow run whose log archive to scan. */
export interface ScanRunLogArchiveOptions extends SourceOptions {
  readonly runId: number;
  /** The download's `fetch` (the archive comes from a blob host, not the API). @defaultValue `globalThis.fetch` */
  readonly fetch?: typeof globalThis.fetch;
  /** Tighter caps than limits.ts, for tests. @defaultValue the limits.ts constants */
  readonly limits?: Partial<ZipLimits>;
}

interface RunJob {
  readonly id: number;
  readonly steps: readonly JobStep[];
  readonly completedAt: string | null;
}

async function listRunJobs(options: ScanRunLogArchiveOptions): Promise<Map<string, RunJob>> {
  const jobs = await options.client.paginate(options.client.rest.actions.listJobsForWorkflowRun, {
    owner: options.repo.owner,
    repo: options.repo.repo,
    run_id: options.runId,
    per_page: 100,
  });
  return new Map(
    jobs.map((job) => [job.name, { id: job.id, steps: job.steps ?? [], completedAt: job.completed_at }]),
  );
}

/**
 * Scans a run's log archive (the backstop for job logs): downloaded at once into memory (at most
 * `ZIP_MAX_ARCHIVE_BYTES`), walked entry by entry under the zip caps, each text entry's lines
 * stripped of timestamps and scanned. `build/3_Run tests.txt` gives job `build`, step `Run tests`;
 * job ids come from the run's jobs. Nothing is written to disk.
 */
export async function scanRunLogArchive(options: ScanRunLogArchiveOptions): Promise<ScanResult> {
  const { owner, repo } = options.repo;
  const collector = new ScanCollector(options.filter);
  const jobs = await listRunJobs(options);
  const download = await openLogDownload({
    client: options.client,
    route: { kind: 'run', owner, repo, runId: options.runId },
    attempts: LOG_LINK_ATTEMPTS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (download.status !== 'ok') {
    const expired = download.status === 'expired';
    collector.incomplete(
      expired ? 'log-link-expired' : 'log-unavailable',
      expired
        ? `the run's log archive was not scanned: ${download.attempts} download links in a row had expired`
        : "the run's log archive is no longer available on GitHub",
    );
    return collector.result('run-archive');
  }
  const { response } = download;
  const archive = await readCapped(
    { body: response.body, declaredLength: response.headers.get('content-length') },
    ZIP_MAX_ARCHIVE_BYTES,
  );
  if (archive === undefined) {
    collector.incomplete(
      'zip-max-archive-bytes',
      `the run's log archive is larger than ${ZIP_MAX_ARCHIVE_BYTES} bytes and was not scanned`,
    );
    return collector.result('run-archive');
  }
  await walkZip({
    archive,
    limits: { ...ZIP_LIMITS, ...options.limits },
    collector,
    openEntry: (label) => {
      const scanner = new LogScanner(options.detector, label);
      return {
        write: (chunk) => scanner.write(chunk),
        end: () => place(options, collector, jobs, label, scanner),
      };
    },
  });
  return collector.result('run-archive');
}

/** The time of a line without a timestamp: the job's end, or now when the job is not known. */
function fallbackTime(job: RunJob | undefined): number {
  const end = Date.parse(job?.completedAt ?? '');
  return Number.isNaN(end) ? Date.now() : end;
}

function place(
  options: ScanRunLogArchiveOptions,
  collector: ScanCollector,
  jobs: ReadonlyMap<string, RunJob>,
  label: string,
  scanner: LogScanner,
): void {
  const { job: jobName, step: entryStep } = entryJobStep(label);
  const job = jobs.get(jobName);
  for (const { finding, time, group } of scanner.end()) {
    const step = entryStep ?? (time === undefined ? undefined : stepAt(job?.steps ?? [], time)) ?? group;
    collector.add({
      finding,
      location: {
        kind: 'job-log',
        repo: repoName(options.repo),
        runId: options.runId,
        // 0 when the archive names a job the run's job list does not have.
        jobId: job?.id ?? 0,
        jobName,
        ...(step === undefined ? {} : { step }),
        line: finding.line,
        archiveEntry: label,
      },
      exposedAt: new Date(time ?? fallbackTime(job)).toISOString(),
    });
  }
}
