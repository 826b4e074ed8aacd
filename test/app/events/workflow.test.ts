import { describe, expect, it } from 'vitest';
import { workflowJobToScanJob, workflowRunToScanJob } from '../../../src/app/events/workflow.js';
import { webhookExample } from '../../support/webhook-examples.js';

describe('workflow events', () => {
  it('scans a completed job by its run and job ids', () => {
    const payload = { ...webhookExample('workflow_job', 'completed'), installation: { id: 3 } };
    expect(workflowJobToScanJob('d', payload)).toMatchObject({
      kind: 'workflow_job',
      runId: payload.workflow_job.run_id,
      jobId: payload.workflow_job.id,
      headSha: payload.workflow_job.head_sha,
    });
  });

  it('scans a completed run by its id', () => {
    const payload = { ...webhookExample('workflow_run', 'completed'), installation: { id: 3 } };
    expect(workflowRunToScanJob('d', payload)).toMatchObject({
      kind: 'workflow_run',
      runId: payload.workflow_run.id,
    });
  });
});
