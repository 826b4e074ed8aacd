import type { CommitLocation } from '../../sources/occurrences/commit-line.js';
import type { Finding } from '../../detect/finding.js';
import { renderFindingMarker } from './finding-marker.js';
import { fitLines } from '../markdown/fit-lines.js';
import { GITHUB_TEXT_MAX_CHARS } from '../check-run/check-run-output.js';
import { maskReportText } from '../markdown/mask-report-text.js';
import { codeSpan, plural, shortSha } from '../markdown/markdown.js';
import { ruleLabel } from '../markdown/rule-label.js';

/** A finding on a commit of the pull request. */
export interface CommitFinding {
  readonly finding: Finding;
  readonly location: CommitLocation;
}

/** What {@link renderReviewSummary} renders from. */
export interface RenderReviewSummaryInput {
  /** Comments on lines of the diff in this review. */
  readonly lineComments: number;
  /** Comments on whole files (lines outside the diff), posted with this review. */
  readonly fileComments: number;
  /** Findings in files the pull request no longer changes: only this body can name them. */
  readonly outsidePullRequest: readonly CommitFinding[];
  /** Findings reported by an earlier review, not repeated. */
  readonly alreadyReported: number;
}

/**
 * The body of rootguard's review: how many leaked keys, where the comments are, the findings no
 * comment can hold (each with its marker), and the advice once.
 */
export function renderReviewSummary(input: RenderReviewSummaryInput): string {
  const total = input.lineComments + input.fileComments + input.outsidePullRequest.length;
  const parts = [
    `**rootguard found leaked Unkey keys in ${plural(total, 'new place')} in this pull request's commits.**`,
    '',
    [
      input.lineComments > 0
        ? `${plural(input.lineComments, 'comment')} on the lines that hold them`
        : undefined,
      input.fileComments > 0
        ? `${plural(input.fileComments, 'comment')} on files (lines outside the diff)`
        : undefined,
      input.outsidePullRequest.length > 0
        ? `${plural(input.outsidePullRequest.length, 'finding')} in files this pull request no longer changes, listed below`
        : undefined,
      input.alreadyReported > 0
        ? `${plural(input.alreadyReported, 'earlier finding')} already reported`
        : undefined,
    ]
      .filter((part) => part !== undefined)
      .map((part) => `- ${part}`)
      .join('\n'),
    '',
    'Treat every key found as compromised: rootguard has queued the revocation and replacement of each leaked root key. Remove the keys from the branch history (a commit that deletes a line leaves the key in history), and never paste a replacement key into the repository.',
    '',
  ].join('\n');
  if (input.outsidePullRequest.length === 0) return maskReportText(parts);
  const heading = '\n### Not in the current diff\n\n';
  const items = input.outsidePullRequest.map(
    ({ finding, location }) =>
      `- ${codeSpan(finding.masked)} (${ruleLabel(finding.ruleId)}, fingerprint ${codeSpan(finding.fingerprint)}) at ${codeSpan(`${location.path}:${location.line}`)} in commit ${codeSpan(shortSha(location.commit))} ${renderFindingMarker(finding.fingerprint, location.path, location.line)}`,
  );
  const budget = GITHUB_TEXT_MAX_CHARS - parts.length - heading.length;
  const list = fitLines(items, budget, (omitted) => `- …and ${plural(omitted, 'more finding')} not listed.`);
  return maskReportText(parts + heading + list.text);
}
