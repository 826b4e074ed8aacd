import { renderReviewComment } from './render-review-comment.js';
import { renderReviewSummary, type CommitFinding } from './render-review-summary.js';
import type { SourceFinding } from '../../sources/scan-result.js';
import type { GitHubClient, RepoRef } from '../../github/github-client.js';
import { planReview, pullRequestFindings, type ReviewPlan } from './plan-review.js';
import { readPostedFindingMarkers } from './posted-finding-markers.js';
import { listPullRequestFiles } from '../../github/pull-request-files.js';

/** What {@link publishReview} posts about. */
export interface PublishReviewOptions {
  readonly pullNumber: number;
  /** The pull request's head commit that was scanned: the review is made on it. */
  readonly commitId: string;
  /** The scan's findings; only commit findings scanned for this pull request are used. */
  readonly findings: readonly SourceFinding[];
  /** Incident ids by key fingerprint, named in the comments once recorded. */
  readonly incidents?: ReadonlyMap<string, string>;
  /** Only markers posted by this login count as earlier reports (e.g. `rootguard[bot]`). */
  readonly authorLogin?: string;
}

/** What {@link publishReview} posted. */
export interface PublishReviewResult {
  /** The review, when one was made (none when there was nothing new to say). */
  readonly reviewId?: number;
  /** Line comments in the review. */
  readonly commented: number;
  /** Findings whose marker was already on the pull request. */
  readonly alreadyCommented: number;
  /** File-level comments posted. */
  readonly fileLevel: number;
  /** Findings named only in the review's body (their file is not in the pull request). */
  readonly listed: number;
}

/**
 * One review on a pull request for a scan's new findings: line comments where the line is in the
 * diff, file comments where the file is, the rest listed in the review's body. Findings already
 * reported (their marker is on the pull request) are skipped, so a rescan posts nothing new.
 */
export async function publishReview(
  client: GitHubClient,
  repo: RepoRef,
  options: PublishReviewOptions,
): Promise<PublishReviewResult> {
  const { pullNumber, commitId } = options;
  const none = { commented: 0, alreadyCommented: 0, fileLevel: 0, listed: 0 };
  if (pullRequestFindings(options.findings, pullNumber).length === 0) return none;
  const [files, posted] = await Promise.all([
    listPullRequestFiles(client, repo, pullNumber),
    readPostedFindingMarkers(client, repo, pullNumber, { authorLogin: options.authorLogin }),
  ]);
  let plan = planReview({ pullNumber, commitId, findings: options.findings, files, posted });
  if (plan.line.length + plan.file.length + plan.body.length === 0) {
    return { ...none, alreadyCommented: plan.alreadyCommented };
  }
  let reviewId: number;
  try {
    reviewId = await createReview(client, repo, options, plan);
  } catch (error) {
    // 422: GitHub could not place a line (the head moved since the scan): comment on files instead.
    if (!isUnprocessable(error) || plan.line.length === 0) throw error;
    plan = { ...plan, line: [], file: [...plan.line, ...plan.file] };
    reviewId = await createReview(client, repo, options, plan);
  }
  // One at a time: GitHub's secondary rate limits punish bursts of content creation.
  for (const item of plan.file) {
    await client.rest.pulls.createReviewComment({
      owner: repo.owner,
      repo: repo.repo,
      pull_number: pullNumber,
      commit_id: commitId,
      path: item.location.path,
      subject_type: 'file',
      body: commentBody(item, options, true),
    });
  }
  return {
    reviewId,
    commented: plan.line.length,
    alreadyCommented: plan.alreadyCommented,
    fileLevel: plan.file.length,
    listed: plan.body.length,
  };
}

async function createReview(
  client: GitHubClient,
  repo: RepoRef,
  options: PublishReviewOptions,
  plan: ReviewPlan,
): Promise<number> {
  const { data } = await client.rest.pulls.createReview({
    owner: repo.owner,
    repo: repo.repo,
    pull_number: options.pullNumber,
    commit_id: options.commitId,
    event: 'COMMENT',
    body: renderReviewSummary({
      lineComments: plan.line.length,
      fileComments: plan.file.length,
      outsidePullRequest: plan.body,
      alreadyReported: plan.alreadyCommented,
    }),
    comments: plan.line.map((item) => ({
      path: item.location.path,
      line: item.location.line,
      side: 'RIGHT',
      body: commentBody(item, options, false),
    })),
  });
  return data.id;
}

function commentBody(item: CommitFinding, options: PublishReviewOptions, fileLevel: boolean): string {
  const incidentId = options.incidents?.get(item.finding.fingerprint);
  return renderReviewComment({ ...item, fileLevel, ...(incidentId === undefined ? {} : { incidentId }) });
}

function isUnprocessable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === 422;
}
