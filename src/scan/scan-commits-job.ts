import { completeCheckRun, startCheckRun } from '../report/check-run/publish-check-run.js';
import { publishReview } from '../report/review/publish-review.js';
import { maskSecrets } from '../log/mask-secrets.js';
import { externalIdFor } from '../queue/check-run-external-id.js';
import { isFirstPush, type PullRequestScanJob, type PushScanJob } from '../queue/scan-job.js';
import { renderCheckRunOutput } from '../report/check-run/render-check-run.js';
import { renderFailedScanOutput } from '../report/check-run/render-failed-scan.js';
import { scanPullRequest } from '../sources/scan-pull-request.js';
import { scanBranchHistory } from '../sources/branch-history.js';
import { scanCommitRange } from '../sources/push-diff.js';
import type { ScanResult } from '../sources/scan-result.js';
import { LaneWaitError } from '../github/errors.js';
import type { GitHubClient } from '../github/github-client.js';
import type { CheckRunOutput } from '../report/check-run/check-run-output.js';
import type { FoundBy } from '../incidents/occurrence.js';
import { describeTarget } from './describe-target.js';
import type { JobCheckpoint, PendingScanReport, ScanSummary } from './job-checkpoint.js';
import { recordFindings } from './record-findings.js';
import { countScan } from './scan-metrics.js';
import { isPermanentFailure } from './permanent-failure.js';
import { setUpRepoScan } from './repo-scan-setup.js';
import type { ScanDependencies } from './scan-dependencies.js';

/**
 * Findings a pull request review may be written about, kept in the job between recording and
 * reporting (the review comments on at most 100 lines and 30 files and lists the rest).
 */
export const MAX_REVIEW_FINDINGS = 1_000;

/** A scan whose findings are recorded and whose GitHub writes the queue runs later. */
export interface DeferredScanReport {
  readonly deferred: true;
}

/** A scan whose report was written on a later pass of its job. */
export interface ReportedScan {
  readonly reported: ScanSummary;
}

/**
 * What a scan stands for when it is not the webhook's own push or pull request (a repository's
 * history scan runs as the first push of its default branch): the check run's line and the
 * occurrences' `foundBy`.
 */
export interface ScanOrigin {
  readonly target: string;
  readonly foundBy: FoundBy;
}

/**
 * A push or a pull request: scan the added lines of the new commits and record incidents (and
 * queue their playbooks) before any GitHub write, so containment waits for no check run or
 * review; then the check run (`in_progress`, then completed) and, on a pull request, one review
 * on the lines that hold a key. With `checkpoint.reportLater` the writes are left to a later
 * pass of the job, behind the scans waiting now.
 */
export async function scanCommitsJob(
  deps: ScanDependencies,
  job: PushScanJob | PullRequestScanJob,
  checkpoint: JobCheckpoint,
  origin?: ScanOrigin,
): Promise<ScanResult | DeferredScanReport | ReportedScan> {
  const client = await deps.auth(job.installationId);
  const target = origin?.target ?? describeTarget(job);
  let result: ScanResult | undefined;
  let report = checkpoint.data.report;
  try {
    if (report === undefined) {
      ({ result, report } = await scanAndRecord(deps, client, job, target, origin?.foundBy));
      countScan(
        deps.metrics,
        origin?.foundBy === 'repository_history' ? 'repository_history' : job.kind,
        result,
      );
      await checkpoint.save({ report });
      if (checkpoint.reportLater) return { deferred: true };
    }
    await writeReport(deps, client, job, checkpoint, report);
    return result ?? { reported: report.summary };
  } catch (error) {
    // A lane that must wait is no failure: the worker parks the job until it opens.
    if (error instanceof LaneWaitError) throw error;
    // A scan that could not finish is never reported clean: the last attempt says so on GitHub.
    if (checkpoint.finalAttempt || isPermanentFailure(error)) {
      const reason = maskSecrets(error instanceof Error ? error.message : String(error));
      try {
        await failCheckRun(client, job, checkpoint, renderFailedScanOutput({ target, reason }));
      } catch (e) {
        // The lane must wait: the job is parked and says so when it comes back (never left green).
        if (e instanceof LaneWaitError) throw e;
        deps.log.error({ err: e }, 'could not mark the check run as failed');
      }
    }
    throw error;
  }
}

async function scanAndRecord(
  deps: ScanDependencies,
  client: GitHubClient,
  job: PushScanJob | PullRequestScanJob,
  target: string,
  foundBy: FoundBy | undefined,
): Promise<{ result: ScanResult; report: PendingScanReport }> {
  const repo = { owner: job.owner, repo: job.repo };
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
    foundBy: foundBy ?? (job.rescan ? 'rescan' : job.kind),
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
  return {
    result,
    report: {
      output,
      incidentIds: [...new Set(recorded.incidents.values())],
      headSha: job.kind === 'push' ? job.after : job.headSha,
      reviewFindings: job.kind === 'pull_request' ? reported.findings.slice(0, MAX_REVIEW_FINDINGS) : [],
      summary: {
        status: result.status,
        findings: result.findings.length,
        method: result.method,
        incomplete: result.incomplete.map((r) => r.code),
      },
    },
  };
}

/** The check run (created once: its id is checkpointed, `external_id` names the range) and the review. */
async function writeReport(
  deps: ScanDependencies,
  client: GitHubClient,
  job: PushScanJob | PullRequestScanJob,
  checkpoint: JobCheckpoint,
  report: PendingScanReport,
): Promise<void> {
  const repo = { owner: job.owner, repo: job.repo };
  const checkRunId = await checkRunOf(client, job, checkpoint);
  await completeCheckRun(client, repo, checkRunId, report.output);
  if (report.incidentIds.length > 0 && deps.checkRunReported)
    await deps
      .checkRunReported(report.incidentIds, {
        repo: `${job.owner}/${job.repo}`,
        checkRunId,
        headSha: report.headSha,
      })
      .catch((error: unknown) =>
        deps.log.error({ err: error }, 'the check run was not handed to the reporters'),
      );
  if (job.kind === 'pull_request')
    await publishReview(client, repo, {
      pullNumber: job.pullNumber,
      commitId: job.headSha,
      findings: report.reviewFindings,
    });
}

async function checkRunOf(
  client: GitHubClient,
  job: PushScanJob | PullRequestScanJob,
  checkpoint: JobCheckpoint,
): Promise<number> {
  const known = checkpoint.data.checkRunId;
  if (known !== undefined) return known;
  const headSha = job.kind === 'push' ? job.after : job.headSha;
  const checkRunId = await startCheckRun(
    client,
    { owner: job.owner, repo: job.repo },
    { headSha, externalId: externalIdFor(job) },
  );
  await checkpoint.save({ checkRunId });
  return checkRunId;
}

async function failCheckRun(
  client: GitHubClient,
  job: PushScanJob | PullRequestScanJob,
  checkpoint: JobCheckpoint,
  output: CheckRunOutput,
): Promise<void> {
  const checkRunId = await checkRunOf(client, job, checkpoint);
  await completeCheckRun(client, { owner: job.owner, repo: job.repo }, checkRunId, output);
}
