import type { PullRequestScanJob, PushScanJob } from './scan-job.js';

/**
 * A check run's `external_id` records what it scanned, so that GitHub's "Re-run" (a
 * `check_run.rerequested` webhook that carries only the check run) can scan the same range again.
 * Space-separated because git refs and SHAs cannot hold spaces; versioned so the format can change.
 */
export function externalIdFor(job: PushScanJob | PullRequestScanJob): string {
  if (job.kind === 'push')
    return ['v1', 'push', job.before, job.after, job.ref, job.baseBranch ?? ''].join(' ').trim();
  return ['v1', 'pr', String(job.pullNumber), job.baseSha, job.headSha, job.before ?? ''].join(' ').trim();
}

type JobFields = Omit<PushScanJob, 'kind' | 'ref' | 'before' | 'after' | 'forced' | 'baseBranch'>;

/** The scan job an `external_id` written by {@link externalIdFor} stands for, or undefined. */
export function scanJobFromExternalId(
  externalId: string | null | undefined,
  base: JobFields,
): PushScanJob | PullRequestScanJob | undefined {
  const parts = (externalId ?? '').split(' ');
  const sha = /^[0-9a-f]{40}$/;
  if (parts[0] !== 'v1') return undefined;
  if (parts[1] === 'push') {
    const [, , before, after, ref, baseBranch] = parts;
    if (!before || !sha.test(before) || !after || !sha.test(after) || !ref?.startsWith('refs/'))
      return undefined;
    return {
      kind: 'push',
      ...base,
      before,
      after,
      ref,
      forced: false,
      ...(baseBranch ? { baseBranch } : {}),
    };
  }
  if (parts[1] === 'pr') {
    const [, , number, baseSha, headSha, before] = parts;
    const pullNumber = Number(number);
    if (!Number.isSafeInteger(pullNumber) || pullNumber <= 0) return undefined;
    if (!baseSha || !sha.test(baseSha) || !headSha || !sha.test(headSha)) return undefined;
    if (before !== undefined && !sha.test(before)) return undefined;
    return { kind: 'pull_request', ...base, pullNumber, baseSha, headSha, ...(before ? { before } : {}) };
  }
  return undefined;
}
