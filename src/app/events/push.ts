import type { Context } from 'probot';
import { isZeroSha, type PushScanJob } from '../../queue/scan-job.js';
import { isOwnSender, type AppIdentity } from '../app-identity.js';
import { jobBase } from './job-base.js';

type PushPayload = Context<'push'>['payload'];

/**
 * The scan a push asks for, or why none. A deleted branch has nothing to scan; the app's own
 * pushes are not scanned; a new branch compares against the default branch (the first push of the
 * default branch itself scans its whole history); a force push compares
 * against the old head (compare's merge base then gives exactly the new commits).
 */
export function pushToScanJob(
  deliveryId: string,
  payload: PushPayload,
  identity: AppIdentity,
): PushScanJob | { skip: string } {
  if (payload.deleted || isZeroSha(payload.after)) return { skip: 'branch or tag deleted' };
  if (isOwnSender(payload.sender, identity)) return { skip: "rootguard's own push" };
  if (!payload.ref.startsWith('refs/heads/')) return { skip: 'not a branch (tag push)' };
  const created = payload.created || isZeroSha(payload.before);
  // A new default branch is the repository's first push: there is nothing to compare with, and
  // the worker scans the branch's whole history.
  const defaultBranch = payload.repository.default_branch;
  const compareWith =
    defaultBranch !== undefined && payload.ref !== `refs/heads/${defaultBranch}` ? defaultBranch : undefined;
  return {
    kind: 'push',
    ...jobBase(deliveryId, payload),
    ref: payload.ref,
    before: payload.before,
    after: payload.after,
    forced: payload.forced,
    ...(created && compareWith !== undefined ? { baseBranch: compareWith } : {}),
  };
}
