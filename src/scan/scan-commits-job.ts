import { completeCheckRun, startCheckRun } from '../report/publish-check-run.js';
import { publishReview } from '../report/publish-review.js';
import { maskSecrets } from '../log/mask-secrets.js';
import { externalIdFor } from '../queue/check-run-external-id.js';
import { isFirstPush, type PullRequestScanJob, type PushScanJob } from '../queue/scan-job.js';
import { renderCheckRunOutput } from '../report/render-check-run.js';
import { renderFailedScanOutput } from '../report/render-failed-scan.js';
import { scanPullRequest } from '../sources/pull-request.js';
import { scanBranchHistory } from '../sources/branch-history.js';
import { scanCommitRange } from '../sources/push-diff.js';
import type { ScanResult } from '../sources/scan-result.js';
import { describeTarget } from './describe-target.js';
import type { JobCheckpoint } from './job-checkpoint.js';
import { recordFindings } from './record-findings.js';
import { isPermanentFailure } from './permanent-failure.js';
import { setUpRepoScan } from './repo-scan-setup.js';
import type { ScanDependencies } from './scan-dependencies.js';

/**
 * A push or a pull request: check run `in_progress`, scan the added lines of the new commits,
 * record incidents (first: containment waits for nothing), finish the check run, and on a pull
 * request leave one review on the lines that hold a key.
 */
export async function scanCommitsJob(
  deps: ScanDependencies,
  job: PushScanJob | PullRequestScanJob,
  checkpoint: JobCheckpoint,
): Promise<ScanResult> {
  const client = await deps.auth(job.installationId);
  const repo = { owner: job.owner, repo: job.repo };
  const headSha = job.kind === 'push' ? job.after : job.headSha;
  let checkRunId = checkpoint.data.checkRunId;
  if (checkRunId === undefined) {
    checkRunId = await startCheckRun(client, repo, { headSha, externalId: externalIdFor(job) });
    await checkpoint.save({ checkRunId });
  }
  const target = describeTarget(job);
  try {
    const setup = await setUpRepoScan(client, repo, deps.apiKeyPrefixes);
    const common = {
      client,
      detector: setup.detector,
      repo,
      filter: setup.filter,
      ...(deps.cloneUrl ? { cloneUrl: deps.cloneUrl(job.owner, job.repo) } : {}),
    };
    const firstPush = job.kind === 'push' && isFirstPush(job);
    const result =
      job.kind === 'push'
        ? firstPush
          ? await scanBranchHistory({ ...common, head: job.after })
          : await scanCommitRange({ ...common, base: job.baseBranch ?? job.before, head: job.after })
        : await scanPullRequest({
            ...common,
            pullNumber: job.pullNumber,
            baseSha: job.baseSha,
            headSha: job.headSha,
            ...(job.before ? { before: job.before } : {}),
          });
    const recorded = await recordFindings(deps, result.findings, {
      foundBy: job.rescan ? 'rescan' : job.kind,
      repoPublic: job.repoPublic,
      deliveryId: job.deliveryId,
      ...(job.receivedAt ? { receivedAt: job.receivedAt } : {}),
    });
    // Keys closed as false positives are listed as allowed, and neither failed on nor reviewed.
    const allowed = new Set(recorded.allowed.map((a) => a.finding));
    const reported = { ...result, findings: result.findings.filter((f) => !allowed.has(f)) };
    const output = renderCheckRunOutput({
      result: reported,
      target,
      configProblems: setup.problems.map((p) => ({ field: p.path, message: p.message })),
      incidents: recorded.incidents,
      allowed: recorded.allowed,
    });
    await completeCheckRun(client, repo, checkRunId, output);
    if (recorded.incidents.size > 0 && deps.checkRunReported)
      await deps
        .checkRunReported([...new Set(recorded.incidents.values())], {
          repo: `${job.owner}/${job.repo}`,
          checkRunId,
          headSha,
        })
        .catch((error: unknown) =>
          deps.log.error({ err: error }, 'the check run was not handed to the reporters'),
        );
    if (job.kind === 'pull_request')
      await publishReview(client, repo, {
        pullNumber: job.pullNumber,
        commitId: job.headSha,
        findings: reported.findings,
      });
    return result;
  } catch (error) {
    // A scan that could not finish is never reported clean: the last attempt says so on GitHub.
    if (checkpoint.finalAttempt || isPermanentFailure(error)) {
      const reason = maskSecrets(error instanceof Error ? error.message : String(error));
      await completeCheckRun(client, repo, checkRunId, renderFailedScanOutput({ target, reason })).catch(
        (e: unknown) => deps.log.error({ err: e }, 'could not mark the check run as failed'),
      );
    }
    throw error;
  }
}
