import { openLogDownload } from '../github/download-log.js';
import { LOG_LINK_ATTEMPTS, MAX_JOB_LOG_BYTES } from './limits.js';
import { LogScanner } from './log/log-scanner.js';
import { readLogStream } from './log/read-log-stream.js';
import { stepAt } from './log/step-at.js';
import { ScanCollector } from './scan-collector.js';
import { scanName } from './scan-names.js';
import type { ScanResult } from './scan-result.js';
import { repoName, type SourceOptions } from './source-options.js';

/** A finished job whose log to scan. */
export interface ScanJobLogOptions extends SourceOptions {
  readonly runId: number;
  readonly jobId: number;
  /** The download's `fetch` (logs come from a blob host, not the API). @defaultValue `globalThis.fetch` */
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * Scans a job's log as it downloads: timestamps stripped, findings placed on the job, the step
 * that was running at the line's time (or the last `##[group]` marker when the steps have no
 * times), and the log line; `exposedAt` is the line's time. At most `MAX_JOB_LOG_BYTES` are read.
 */
export async function scanJobLog(options: ScanJobLogOptions): Promise<ScanResult> {
  const { owner, repo } = options.repo;
  const collector = new ScanCollector(options.filter);
  const { data: job } = await options.client.rest.actions.getJobForWorkflowRun({
    owner,
    repo,
    job_id: options.jobId,
  });
  const exposedAt = job.started_at ?? job.completed_at ?? new Date().toISOString();
  const place = {
    kind: 'job-log',
    repo: repoName(options.repo),
    runId: options.runId,
    jobId: options.jobId,
  } as const;
  // A key in the job's or a step's name is a leak of its own: GitHub shows the names in the run.
  for (const finding of scanName(options.detector, job.name))
    collector.add({
      finding,
      location: { ...place, jobName: job.name, line: 1, keyIn: 'jobName' },
      exposedAt,
    });
  for (const step of new Set((job.steps ?? []).map((s) => s.name)))
    for (const finding of scanName(options.detector, step))
      collector.add({
        finding,
        location: { ...place, jobName: job.name, step, line: 1, keyIn: 'step' },
        exposedAt,
      });
  const subject = `the log of job ${job.name}`;
  const download = await openLogDownload({
    client: options.client,
    route: { kind: 'job', owner, repo, jobId: options.jobId },
    attempts: LOG_LINK_ATTEMPTS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (download.status === 'gone') {
    collector.incomplete('log-unavailable', `${subject} is no longer available on GitHub`, job.name);
    return collector.result('job-log');
  }
  if (download.status === 'expired') {
    collector.incomplete(
      'log-link-expired',
      `${subject} was not scanned: ${download.attempts} download links in a row had expired`,
      job.name,
    );
    return collector.result('job-log');
  }
  const scanner = new LogScanner(options.detector, job.name);
  const body = download.response.body as ReadableStream<Uint8Array>;
  const limit = { maxBytes: MAX_JOB_LOG_BYTES, code: 'max-job-log-bytes', subject };
  await readLogStream(body, (chunk) => scanner.write(chunk), limit, collector);
  const found = scanner.end();
  collector.stats.files = 1;
  collector.stats.bytes = scanner.bytesScanned;
  const fallbackTime = job.completed_at ?? job.started_at;
  for (const { finding, time, group } of found) {
    const step = (time === undefined ? undefined : stepAt(job.steps ?? [], time)) ?? group;
    collector.add({
      finding,
      location: {
        kind: 'job-log',
        repo: repoName(options.repo),
        runId: options.runId,
        jobId: options.jobId,
        jobName: job.name,
        ...(step === undefined ? {} : { step }),
        line: finding.line,
      },
      exposedAt: time === undefined ? fallbackTime : new Date(time).toISOString(),
    });
  }
  return collector.result('job-log');
}
