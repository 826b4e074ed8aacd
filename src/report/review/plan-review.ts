import type { CommitLocation } from '../../sources/occurrences/commit-line.js';
import { findingMarkerKey } from './finding-marker.js';
import { maskReportText } from '../markdown/mask-report-text.js';
import type { CommitFinding } from './render-review-summary.js';
import type { SourceFinding } from '../../sources/scan-result.js';
import type { PullRequestFile } from '../../github/pull-request-files.js';

/** Line comments in one review at most; the rest are listed in the review's body. */
export const MAX_REVIEW_LINE_COMMENTS = 100;

/** File-level comments per publish at most (each is its own request); the rest go in the body. */
export const MAX_FILE_LEVEL_COMMENTS = 30;

/** Where each new finding of a pull request goes. */
export interface ReviewPlan {
  /** On the line that holds the key, in the review. */
  readonly line: CommitFinding[];
  /** On the file: it is in the pull request, the line is not in the diff (or may have moved). */
  readonly file: CommitFinding[];
  /** In the review's body: the file is not (or no longer) changed by the pull request. */
  readonly body: CommitFinding[];
  /** Already reported by an earlier publish (its marker is on the pull request). */
  readonly alreadyCommented: number;
}

/** What {@link planReview} decides from. */
export interface PlanReviewInput {
  readonly pullNumber: number;
  /** The commit the review is made on: the pull request's head as scanned. */
  readonly commitId: string;
  readonly findings: readonly SourceFinding[];
  readonly files: ReadonlyMap<string, PullRequestFile>;
  /** Marker keys already posted ({@link findingMarkerKey}). */
  readonly posted: ReadonlySet<string>;
}

/** Commit findings scanned for this pull request; job logs and alerts have no place on it. */
export function pullRequestFindings(findings: readonly SourceFinding[], pullNumber: number): CommitFinding[] {
  return findings.flatMap(({ finding, location }) =>
    location.kind === 'commit' && location.pullRequest === pullNumber ? [{ finding, location }] : [],
  );
}

/**
 * Splits a pull request's new findings between line comments, file comments and the review body.
 * A line comment needs the line in the diff at `commitId`; a finding's line is its line in the
 * commit that added the key, which is that line at the head only when that commit is the head
 * (a later commit may have moved it), so findings from earlier commits get file comments.
 */
export function planReview(input: PlanReviewInput): ReviewPlan {
  const plan: Omit<ReviewPlan, 'alreadyCommented'> = { line: [], file: [], body: [] };
  const seen = new Set<string>();
  let alreadyCommented = 0;
  for (const item of pullRequestFindings(input.findings, input.pullNumber)) {
    const key = markerKeyOf(item.location, item.finding.fingerprint);
    if (seen.has(key)) continue;
    seen.add(key);
    if (input.posted.has(key)) {
      alreadyCommented++;
      continue;
    }
    const file = input.files.get(item.location.path);
    // A comment must name the file's real path: one whose path holds a key goes in the body, masked.
    if (
      file === undefined ||
      file.status === 'removed' ||
      maskReportText(item.location.path) !== item.location.path
    )
      plan.body.push(item);
    else if (item.location.commit === input.commitId && file.commentableLines?.has(item.location.line)) {
      (plan.line.length < MAX_REVIEW_LINE_COMMENTS ? plan.line : plan.body).push(item);
    } else (plan.file.length < MAX_FILE_LEVEL_COMMENTS ? plan.file : plan.body).push(item);
  }
  return { ...plan, alreadyCommented };
}

function markerKeyOf(location: CommitLocation, fingerprint: string): string {
  return findingMarkerKey(fingerprint, location.path, location.line);
}
