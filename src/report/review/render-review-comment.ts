import type { CommitLocation } from '../../sources/occurrences/commit-line.js';
import type { Finding } from '../../detect/finding.js';
import { renderFindingMarker } from './finding-marker.js';
import { keyAdvice } from '../check-run/key-advice.js';
import { maskReportText } from '../markdown/mask-report-text.js';
import { codeSpan, shortSha } from '../markdown/markdown.js';
import { ruleLabel } from '../markdown/rule-label.js';

/** What {@link renderReviewComment} renders from. */
export interface RenderReviewCommentInput {
  readonly finding: Finding;
  readonly location: CommitLocation;
  /** The incident the key belongs to, once recorded. */
  readonly incidentId?: string;
  /**
   * The comment is on the whole file because the line is not in the pull request's diff: the
   * body then names the line and commit itself.
   * @defaultValue false
   */
  readonly fileLevel?: boolean;
}

/**
 * The body of the review comment on a line (or file) that holds a leaked key: the masked key, the
 * rule, the fingerprint, what to do, and the hidden marker that keeps a rescan from commenting twice.
 */
export function renderReviewComment(input: RenderReviewCommentInput): string {
  const { finding, location } = input;
  const where = `${codeSpan(`${location.path}:${location.line}`)} in commit ${codeSpan(shortSha(location.commit))}`;
  const lines = [
    `**rootguard: leaked ${ruleLabel(finding.ruleId)}** ${codeSpan(finding.masked)}`,
    '',
    input.fileLevel === true
      ? `Added at ${where}; that line is not part of this pull request's diff.`
      : `Added at ${where}.`,
    '',
    `- Rule: ${codeSpan(finding.ruleId)}`,
    `- Fingerprint: ${codeSpan(finding.fingerprint)} (${codeSpan('base64(sha256(key))')}, as Unkey stores it)`,
    '',
    ...keyAdvice(finding.ruleId, input.incidentId).map((line) => `- ${line}`),
    '',
    renderFindingMarker(finding.fingerprint, location.path, location.line),
  ];
  return maskReportText(lines.join('\n'));
}
