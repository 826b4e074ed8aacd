import { statusOf } from '../github/github-answer.js';
import type { GitHubClient } from '../github/github-client.js';
import { ZERO_SHA, type PushScanJob, type RepositoryHistoryJob } from '../queue/scan-job.js';
import type { ScanResult } from '../sources/scan-result.js';
import type { JobCheckpoint } from './job-checkpoint.js';
import { scanCommitsJob, type DeferredScanReport, type ReportedScan } from './scan-commits-job.js';
import type { ScanDependencies } from './scan-dependencies.js';
import type { SkippedLogScan } from './scan-log-job.js';

const WHY: Record<RepositoryHistoryJob['reason'], string> = {
  installed: 'rootguard was installed',
  added: 'the repository was added to rootguard',
};

/** The issue an empty repository gets: what was scanned, and why there is no check run. */
export function emptyRepositoryIssue(job: RepositoryHistoryJob): { title: string; body: string } {
  return {
    title: 'rootguard: no history to scan yet',
    body: [
      `${WHY[job.reason][0]!.toUpperCase()}${WHY[job.reason].slice(1)}, so rootguard scans the history of this repository once for leaked Unkey root keys.`,
      '',
      'The repository has no commits yet, so there is nothing to scan and no commit to attach a check run to: this issue says so instead, and is closed at once.',
      'The first push to the default branch will be scanned with its whole history.',
    ].join('\n'),
  };
}

/** The default branch and its head, or `empty` when the repository has no commit (GitHub's 409). */
async function resolveHistory(
  client: GitHubClient,
  job: RepositoryHistoryJob,
): Promise<{ branch: string; head: string } | 'empty'> {
  const repo = { owner: job.owner, repo: job.repo };
  const { data } = await client.rest.repos.get(repo);
  try {
    const commit = await client.rest.repos.getCommit({ ...repo, ref: data.default_branch, per_page: 1 });
    return { branch: data.default_branch, head: commit.data.sha };
  } catch (error) {
    // 409 "Git Repository is empty."; 404: the default branch does not exist (no commit on it).
    const status = statusOf(error);
    if (status === 409 || status === 404) return 'empty';
    throw error;
  }
}

/**
 * A repository rootguard was just given: its default branch's whole history is scanned once,
 * exactly as the first push of that branch is (the API up to `COMPARE_MAX_COMMITS` commits, a
 * blobless clone beyond, with the same limits), and reported in one check run on the branch's
 * head, whose "Re-run" scans the history again. A repository without a commit has no head to
 * attach a check run to: it gets an issue that says so (opened and closed once).
 */
export async function scanHistoryJob(
  deps: ScanDependencies,
  job: RepositoryHistoryJob,
  checkpoint: JobCheckpoint,
): Promise<ScanResult | DeferredScanReport | ReportedScan | SkippedLogScan> {
  let history = checkpoint.data.history;
  if (history === undefined) {
    history = await resolveHistory(await deps.auth(job.installationId), job);
    await checkpoint.save({ history });
  }
  if (history === 'empty') {
    if (checkpoint.data.issueNumber === undefined) {
      const client = await deps.auth(job.installationId);
      const repo = { owner: job.owner, repo: job.repo };
      const { data } = await client.rest.issues.create({ ...repo, ...emptyRepositoryIssue(job) });
      await checkpoint.save({ issueNumber: data.number });
      await client.rest.issues.update({
        ...repo,
        issue_number: data.number,
        state: 'closed',
        state_reason: 'completed',
      });
    }
    return { skipped: 'the repository has no commits: an issue says so' };
  }
  const asFirstPush: PushScanJob = {
    kind: 'push',
    deliveryId: job.deliveryId,
    installationId: job.installationId,
    owner: job.owner,
    repo: job.repo,
    repoPublic: job.repoPublic,
    ...(job.receivedAt !== undefined ? { receivedAt: job.receivedAt } : {}),
    ref: `refs/heads/${history.branch}`,
    before: ZERO_SHA,
    after: history.head,
    forced: false,
  };
  return scanCommitsJob(deps, asFirstPush, checkpoint, {
    target: `history of ${history.branch} up to ${history.head.slice(0, 7)}, scanned once because ${WHY[job.reason]}`,
    foundBy: 'repository_history',
  });
}
