import type { GitHubClient, RepoRef } from '../github/github-client.js';
import type { WorkflowJobScanJob, WorkflowRunScanJob } from '../queue/scan-job.js';
import { renderCheckRunOutput } from '../report/check-run/render-check-run.js';
import type { IncidentsByFingerprint } from '../report/check-run/render-findings-table.js';
import type { ScanResult } from '../sources/scan-result.js';
import type { JobCheckpoint } from './job-checkpoint.js';

/**
 * The log check run's name: not `rootguard`, whose latest run on a commit is what a required
 * check reads; a neutral log scan must never stand in for a failing commit scan.
 */
export const LOG_CHECK_RUN_NAME = 'rootguard logs';

/** What a log scan covered, for people. */
export function describeLogTarget(job: WorkflowJobScanJob | WorkflowRunScanJob): string {
  return job.kind === 'workflow_job'
    ? `log of job ${job.jobId} (run ${job.runId})`
    : `log archive of run ${job.runId}`;
}

/**
 * A log scan that could not read everything says so on GitHub: a `rootguard logs` check run on
 * the run's commit, `neutral` (or `failure` when it also found a key), naming every part not read
 * and why. One request (created completed); a retry of the job updates the run it created.
 * Complete log scans write nothing: their findings are reported by their incidents.
 */
export async function publishLogCheckRun(
  client: GitHubClient,
  repo: RepoRef,
  job: WorkflowJobScanJob | WorkflowRunScanJob,
  result: ScanResult,
  incidents: IncidentsByFingerprint,
  checkpoint: JobCheckpoint,
): Promise<void> {
  if (result.status !== 'incomplete') return;
  const output = renderCheckRunOutput({
    result,
    target: describeLogTarget(job),
    configProblems: [],
    incidents,
  });
  const fields = {
    owner: repo.owner,
    repo: repo.repo,
    status: 'completed' as const,
    conclusion: output.conclusion,
    completed_at: new Date().toISOString(),
    output: { title: output.title, summary: output.summary, ...(output.text ? { text: output.text } : {}) },
  };
  const known = checkpoint.data.checkRunId;
  if (known !== undefined) {
    await client.rest.checks.update({ ...fields, check_run_id: known });
    return;
  }
  const { data } = await client.rest.checks.create({
    ...fields,
    name: LOG_CHECK_RUN_NAME,
    head_sha: job.headSha,
    external_id: `v1 log ${job.runId} ${job.kind === 'workflow_job' ? job.jobId : ''}`.trim(),
  });
  await checkpoint.save({ checkRunId: data.id });
}
