import type { WorkflowJobScanJob, WorkflowRunScanJob } from '../queue/scan-job.js';
import { scanJobLog } from '../sources/job-log.js';
import { scanRunLogArchive } from '../sources/run-log-archive.js';
import type { ScanResult } from '../sources/scan-result.js';
import type { JobCheckpoint } from './job-checkpoint.js';
import { recordFindings } from './record-findings.js';
import { publishLogCheckRun } from './publish-log-check-run.js';
import { setUpRepoScan } from './repo-scan-setup.js';
import type { ScanDependencies } from './scan-dependencies.js';

/** A log GitHub does not serve yet: the job is retried with backoff. */
export class LogNotReadyError extends Error {
  override readonly name = 'LogNotReadyError';
  readonly code = 'log-not-ready';
}

/** Why a log scan did not run: the repository's config turned it off. */
export interface SkippedLogScan {
  readonly skipped: string;
}

/**
 * A finished Actions job (its log) or run (its log archive, the backstop): scan, then record
 * incidents. A complete log scan gets no check run of its own (the incident reports say where
 * the key was); an incomplete one gets a `neutral` `rootguard logs` check run naming what was
 * not read, so it is never taken for clean.
 */
export async function scanLogJob(
  deps: ScanDependencies,
  job: WorkflowJobScanJob | WorkflowRunScanJob,
  checkpoint: JobCheckpoint,
): Promise<ScanResult | SkippedLogScan> {
  const client = await deps.auth(job.installationId);
  const repo = { owner: job.owner, repo: job.repo };
  const setup = await setUpRepoScan(client, repo, deps.apiKeyPrefixes);
  if (job.kind === 'workflow_job' && !setup.config.logs.scan)
    return { skipped: 'logs.scan is off in .github/rootguard.yml' };
  if (job.kind === 'workflow_run' && !setup.config.logs.archive)
    return { skipped: 'logs.archive is off in .github/rootguard.yml (the default)' };
  const common = {
    client,
    detector: setup.detector,
    repo,
    filter: setup.filter,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
  const result =
    job.kind === 'workflow_job'
      ? await scanJobLog({ ...common, runId: job.runId, jobId: job.jobId })
      : await scanRunLogArchive({ ...common, runId: job.runId });
  // GitHub may not serve a log for a few seconds after the job completes: the queue's backoff
  // asks again; only the last attempt accepts "unavailable" as the result.
  if (!checkpoint.finalAttempt && result.incomplete.some((reason) => reason.code === 'log-unavailable'))
    throw new LogNotReadyError(`the ${job.kind === 'workflow_job' ? 'job' : 'run'} log is not available yet`);
  const recorded = await recordFindings(deps, result.findings, {
    foundBy: job.kind,
    repoPublic: job.repoPublic,
    deliveryId: job.deliveryId,
    ...(job.receivedAt ? { receivedAt: job.receivedAt } : {}),
  });
  if (result.status === 'incomplete') {
    deps.log.warn(
      { repo: `${job.owner}/${job.repo}`, kind: job.kind, reasons: result.incomplete.map((r) => r.code) },
      'log scan incomplete',
    );
    // After the findings are recorded: containment never waits for this write.
    await publishLogCheckRun(client, repo, job, result, recorded.incidents, checkpoint);
  }
  return result;
}
