import type { Occurrence } from '../../../incidents/occurrence.js';
import { GITHUB_TEXT_MAX_CHARS } from '../../check-run/check-run-output.js';
import { fitCappedLines } from '../../markdown/fit-lines.js';
import { deployTargetCount, humanTasks, replacementDeployed, replacementOf } from '../incident-facts.js';
import type { IncidentReport } from '../incident-report.js';
import { describeLeakedKey, incidentStatusLine } from '../incident-status.js';
import { codeSpan, inlineText, markdownLink, plural, untrustedText } from '../../markdown/markdown.js';
import { clipMasked, maskReportText } from '../../markdown/mask-report-text.js';
import { occurrenceLink } from '../occurrence-links.js';

/** Lines of the pull request listed at most; the rest are counted. */
export const MAX_LISTED_PULL_LINES = 50;

/** A pull request to comment on, with the pushed commits found to belong to it. */
export interface PullRequestRef {
  readonly repo: string;
  readonly number: number;
  /** Commits (SHAs) of push occurrences that GitHub lists as part of this pull request. */
  readonly commits?: readonly string[];
}

/** The hidden first line of an incident's sticky comment on a pull request. */
export function pullRequestCommentMarker(incidentId: string, pullNumber: number): string {
  return `<!-- rootguard:incident:${incidentId}:pull:${pullNumber} -->`;
}

/**
 * The sticky comment on one pull request, edited in place: which lines of the pull request hold
 * the key, whether it is contained or what is pending, what the author must do (rewrite the
 * branch history, never paste the new key) and a link to the incident issue. Masked.
 */
export function renderPullRequestComment(report: IncidentReport, pull: PullRequestRef): string {
  const status = incidentStatusLine(report);
  const head =
    `${pullRequestCommentMarker(report.incident.id, pull.number)}\n` +
    `### rootguard: a leaked ${untrustedText(describeLeakedKey(report))}\n\n` +
    `**${status.label}**: ${inlineText(status.sentence)}\n\n`;
  const tail = renderPending(report) + renderAuthorSteps(report) + renderIssueLink(report);
  const lines = pullOccurrences(report.occurrences, pull).map((occurrence) => {
    const link = occurrenceLink(occurrence, report.githubUrl);
    const label = untrustedText(link.text);
    return `- ${link.url ? markdownLink(label, link.url) : label}`;
  });
  const intro = 'The key is in this pull request on these lines:\n\n';
  const where =
    lines.length === 0
      ? 'The key is in a commit of this pull request.\n\n'
      : `${intro}${fitCappedLines(lines, {
          cap: MAX_LISTED_PULL_LINES,
          budget: GITHUB_TEXT_MAX_CHARS - head.length - tail.length - intro.length - 1,
          more: (omitted) => `- … and ${plural(omitted, 'more line')}`,
        })}\n`;
  return clipMasked(maskReportText(`${head}${where}${tail}`), GITHUB_TEXT_MAX_CHARS);
}

/**
 * The commit lines of this pull request: those scanned for it, and those of the same repository
 * in the same commits (seen first by a push scan, or listed by GitHub as the pull request's).
 */
function pullOccurrences(occurrences: readonly Occurrence[], pull: PullRequestRef): Occurrence[] {
  const inRepo = occurrences.filter((o) => o.location.kind === 'commit' && o.location.repo === pull.repo);
  const commits = new Set([
    ...(pull.commits ?? []),
    ...inRepo.flatMap((o) =>
      o.location.kind === 'commit' && o.location.pullRequest === pull.number ? [o.location.commit] : [],
    ),
  ]);
  return inRepo.filter(
    (o) =>
      o.location.kind === 'commit' &&
      (o.location.pullRequest === pull.number || commits.has(o.location.commit)),
  );
}

function renderPending(report: IncidentReport): string {
  const tasks = humanTasks(report);
  if (tasks.length === 0) return '';
  return `Left for a human (see the incident issue): ${tasks.map((t) => codeSpan(t.step)).join(', ')}.\n\n`;
}

function renderAuthorSteps(report: IncidentReport): string {
  const steps = [
    '**Remove the key from the branch history**: rewrite the commits that hold it (`git rebase -i` and edit them, ' +
      'or `git filter-repo --replace-text`) and force-push. A later commit that deletes the line leaves the key readable in history.',
    '**Never paste the new key** anywhere: not in code, comments, issues, pull requests or chats.',
  ];
  const replacement = replacementOf(report);
  if (replacement && replacementDeployed(report))
    steps.push(
      `The replacement key is already in the deployment secrets (${plural(deployTargetCount(report), 'deploy target')}): there is nothing to copy by hand.`,
    );
  else if (replacement)
    steps.push(
      'The replacement key is not yet in every deployment secret: the incident issue says what is left.',
    );
  if (report.incident.status === 'awaiting-approval')
    steps.push(
      'The key is still live until containment is approved: a user with write access can comment `/rootguard approve` on the incident issue or press "Revoke now" on the check run.',
    );
  return `**What to do now**\n\n${steps.map((step, i) => `${i + 1}. ${step}`).join('\n')}\n\n`;
}

function renderIssueLink(report: IncidentReport): string {
  if (!report.issue) return '';
  return `Incident issue: ${markdownLink(untrustedText(`${report.issue.repo}#${report.issue.number}`), report.issue.url)} (incident ${codeSpan(report.incident.id)}).\n`;
}
