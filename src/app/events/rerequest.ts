import type { Context } from 'probot';
import { scanJobFromExternalId } from '../../queue/check-run-external-id.js';
import { isZeroSha, ZERO_SHA, type PullRequestScanJob, type PushScanJob } from '../../queue/scan-job.js';
import type { AppIdentity } from '../app-identity.js';
import { jobBase } from './job-base.js';

type Rescan = PushScanJob | PullRequestScanJob | { skip: string };

/** "Re-run" on rootguard's check run: scan again the range its `external_id` records. */
export function checkRunRerequestToScanJob(
  deliveryId: string,
  payload: Context<'check_run.rerequested'>['payload'],
  identity: AppIdentity,
): Rescan {
  const run = payload.check_run;
  if (run.app?.id !== identity.appId) return { skip: "another app's check run" };
  const job = scanJobFromExternalId(run.external_id, { ...jobBase(deliveryId, payload), rescan: true });
  return job ?? { skip: 'check run without a scan range (external_id not written by rootguard)' };
}

/** "Re-run all checks" on a suite: scan the suite's push range again (its pull request's when it has one). */
export function checkSuiteRerequestToScanJob(
  deliveryId: string,
  payload: Context<'check_suite.rerequested'>['payload'],
  identity: AppIdentity,
): Rescan {
  const suite = payload.check_suite;
  if (suite.app?.id !== identity.appId) return { skip: "another app's check suite" };
  const base = { ...jobBase(deliveryId, payload), rescan: true };
  const pr = suite.pull_requests[0];
  if (pr)
    return {
      kind: 'pull_request',
      ...base,
      pullNumber: pr.number,
      baseSha: pr.base.sha,
      headSha: suite.head_sha,
    };
  if (!suite.head_branch) return { skip: 'check suite without a branch' };
  const before = suite.before ?? '';
  const defaultBranch = payload.repository.default_branch;
  return {
    kind: 'push',
    ...base,
    ref: `refs/heads/${suite.head_branch}`,
    before: isZeroSha(before) ? ZERO_SHA : before,
    after: suite.head_sha,
    forced: false,
    ...(isZeroSha(before) ? { baseBranch: defaultBranch } : {}),
  };
}
