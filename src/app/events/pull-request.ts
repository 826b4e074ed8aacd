import type { Context } from 'probot';
import type { PullRequestScanJob } from '../../queue/scan-job.js';
import { isOwnSender, type AppIdentity } from '../app-identity.js';
import { jobBase } from './job-base.js';

type PullRequestPayload = Context<
  'pull_request.opened' | 'pull_request.reopened' | 'pull_request.synchronize'
>['payload'];

/** The scan a pull request event asks for: all its commits, or on synchronize only the new ones. */
export function pullRequestToScanJob(
  deliveryId: string,
  payload: PullRequestPayload,
  identity: AppIdentity,
): PullRequestScanJob | { skip: string } {
  if (isOwnSender(payload.sender, identity)) return { skip: "rootguard's own pull request" };
  const pr = payload.pull_request;
  return {
    kind: 'pull_request',
    ...jobBase(deliveryId, payload),
    pullNumber: pr.number,
    baseSha: pr.base.sha,
    headSha: pr.head.sha,
    ...(payload.action === 'synchronize' ? { before: payload.before } : {}),
  };
}
