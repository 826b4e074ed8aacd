import type { Context } from 'probot';
import type { WorkflowJobScanJob, WorkflowRunScanJob } from '../../queue/scan-job.js';
import { jobBase } from './job-base.js';

/**
 * A finished Actions job: its log is scanned. Whether the repository wants job logs scanned is in
 * its config, which the worker reads: the receiver makes no API calls.
 */
export function workflowJobToScanJob(
  deliveryId: string,
  payload: Context<'workflow_job.completed'>['payload'],
): WorkflowJobScanJob {
  const job = payload.workflow_job;
  return {
    kind: 'workflow_job',
    ...jobBase(deliveryId, payload),
    runId: job.run_id,
    jobId: job.id,
    headSha: job.head_sha,
  };
}

/** A finished workflow run: its log archive is the backstop, scanned when the repository enables it. */
export function workflowRunToScanJob(
  deliveryId: string,
  payload: Context<'workflow_run.completed'>['payload'],
): WorkflowRunScanJob {
  const run = payload.workflow_run;
  return { kind: 'workflow_run', ...jobBase(deliveryId, payload), runId: run.id, headSha: run.head_sha };
}
