import { incidentClockLines } from '../incident-clocks.js';
import type { StepRecord } from '../../../incidents/step-record.js';
import { GITHUB_TEXT_MAX_CHARS } from '../../check-run/check-run-output.js';
import {
  affectedKeys,
  failedDeliveries,
  humanTasks,
  keyIdentity,
  orphansRevoked,
  replacementDeployed,
  replacementOf,
  deployTargetCount,
  stepRecord,
  type HumanTask,
} from '../incident-facts.js';
import type { IncidentReport } from '../incident-report.js';
import {
  describeLeakedKey,
  FOUND_BY_WORDS,
  formatDuration,
  formatUtcDateTime,
  formatUtcTime,
  incidentStatusLine,
  REPORTER_LABELS,
} from '../incident-status.js';
import { cappedLinesNeed, fitCappedLines, fitLines, shareRoom } from '../../markdown/fit-lines.js';
import {
  codeSpan,
  inlineText,
  markdownLink,
  plural,
  tableCell,
  untrustedText,
} from '../../markdown/markdown.js';
import { clipMasked, maskReportText } from '../../markdown/mask-report-text.js';
import { occurrenceLink } from '../occurrence-links.js';

/** What {@link renderIncidentIssue} returns: ready to send to GitHub's issues API. */
export interface IncidentIssue {
  /** Plain text, at most {@link ISSUE_TITLE_MAX_CHARS} characters. */
  readonly title: string;
  /** Markdown, at most {@link GITHUB_TEXT_MAX_CHARS} characters. */
  readonly body: string;
  readonly labels: readonly string[];
}

/** GitHub's limit on an issue title. */
export const ISSUE_TITLE_MAX_CHARS = 256;
/** The labels every incident issue carries. */
export const INCIDENT_ISSUE_LABELS: readonly string[] = ['security', 'rootguard'];
/** Occurrences listed at most; the rest are counted. */
export const MAX_LISTED_OCCURRENCES = 50;
/** Affected API keys listed at most; the rest are counted. */
export const MAX_LISTED_AFFECTED_KEYS = 100;
/** Timeline lines shown at most (the latest); the earlier ones are counted. */
export const MAX_TIMELINE_LINES = 100;

// Per-entry caps, so that one long summary or instruction cannot crowd out the lists.
const SUMMARY_MAX_CHARS = 500;
const INSTRUCTION_LINE_MAX_CHARS = 1_000;
const INSTRUCTION_MORE_MAX_CHARS = 2_000;
const ERROR_MAX_CHARS = 300;
const TIMELINE_TEXT_MAX_CHARS = 300;

/** The hidden first line of an incident issue's body: how the issue reporter finds it again. */
export function incidentIssueMarker(incidentId: string): string {
  return `<!-- rootguard:incident:${incidentId} -->`;
}

/**
 * The incident issue: title with the masked key and its name; a body (edited in place as the
 * playbook advances) with the status, what happened, where the key was seen, the current run's
 * steps, the affected API keys, what is left for a human, failed reporters, the commands and the
 * timeline. Long lists are cut with a count so the body stays within GitHub's limit. Shows the
 * replacement key only by id and mask. Every string leaves through {@link maskReportText}.
 */
export function renderIncidentIssue(report: IncidentReport): IncidentIssue {
  // A title is one line of plain text: line breaks and other control characters become spaces.
  // eslint-disable-next-line no-control-regex
  const title = `Leaked ${describeLeakedKey(report)}`.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return {
    title: maskReportText(clipMasked(title, ISSUE_TITLE_MAX_CHARS)),
    body: clipMasked(maskReportText(renderBody(report)), GITHUB_TEXT_MAX_CHARS),
    labels: INCIDENT_ISSUE_LABELS,
  };
}

function renderBody(report: IncidentReport): string {
  const status = incidentStatusLine(report);
  const head =
    `${incidentIssueMarker(report.incident.id)}\n` +
    `## ${untrustedText(`Leaked ${describeLeakedKey(report)}`)}\n\n` +
    `**${status.label}**: ${inlineText(status.sentence)}\n\n`;
  const fixedParts = [
    renderWhatHappened(report),
    renderSteps(report),
    renderHumanTasks(humanTasks(report)),
    renderFailedDeliveries(report),
    renderCommands(report),
  ];
  const footer = `\n<sub>updated ${formatUtcDateTime(report.renderedAt)} UTC · incident ${codeSpan(report.incident.id)}</sub>\n`;
  const fixed = head.length + fixedParts.reduce((sum, part) => sum + part.length, 0) + footer.length;
  const lists = [occurrenceList(report), affectedList(report), timelineList(report)];
  const shares = shareRoom(
    lists.map((list) => list.need),
    GITHUB_TEXT_MAX_CHARS - fixed,
  );
  const [occurrences, affected, timeline] = lists.map((list, i) => list.render(shares[i] ?? 0));
  const [what, steps, tasks, failed, commands] = fixedParts;
  return `${head}${what}${occurrences}${steps}${affected}${tasks}${failed}${commands}${timeline}${footer}`;
}

function renderWhatHappened(report: IncidentReport): string {
  const { incident } = report;
  const { keyId, name } = keyIdentity(report);
  const first = report.occurrences[0];
  const lines = [
    `- **Key**: ${codeSpan(incident.masked)}${name ? `, named ${codeSpan(name)}` : ''}${keyId ? ` (Unkey id ${codeSpan(keyId)})` : ''}`,
  ];
  if (first) {
    const link = occurrenceLink(first, report.githubUrl);
    lines.push(
      `- **First seen**: ${link.url ? markdownLink(untrustedText(link.text), link.url) : untrustedText(link.text)}, ` +
        `exposed ${formatUtcDateTime(incident.firstExposedAt)} UTC, found by ${FOUND_BY_WORDS[first.foundBy]}`,
    );
  }
  lines.push(
    `- **Seen in**: ${plural(incident.occurrenceCount, 'place')}; ` +
      (incident.anyPublic
        ? 'at least one is **public**: anyone could read the key'
        : 'all private: people with access to the repository could read the key'),
  );
  for (const clock of incidentClockLines(incident))
    lines.push(
      `- **${clock.label}**: ${formatDuration(clock.ms)} (from the first report reaching rootguard ${clock.meaning})`,
    );
  if (incident.approvedBy)
    lines.push(
      `- **Approved by**: ${codeSpan(incident.approvedBy)}${incident.approvedAt ? ` at ${formatUtcTime(incident.approvedAt)} UTC` : ''}`,
    );
  const replacement = replacementOf(report);
  if (replacement) {
    const targets = deployTargetCount(report);
    const which = [replacement.newKeyId, replacement.newMasked]
      .filter(Boolean)
      .map((s) => codeSpan(s as string));
    lines.push(
      `- **Replacement**: ${which.join(' ')}, same permissions; ` +
        (replacementDeployed(report)
          ? `set in ${plural(targets, 'deploy target')}`
          : 'not yet in every deployment secret (see below)'),
    );
  }
  const orphans = orphansRevoked(report);
  if (orphans.length > 0)
    lines.push(
      `- **Orphans revoked**: ${orphans.map((id) => codeSpan(id)).join(', ')}: made by a reroll whose answer was lost, so nobody holds them; revoked`,
    );
  return `### What happened\n\n${lines.join('\n')}\n\n`;
}

interface RenderedList {
  /** Characters it takes shown whole (capped), heading included. */
  readonly need: number;
  readonly render: (budget: number) => string;
}

/** A section of lines cut to fit its budget (see {@link fitCappedLines}); nothing when empty. */
function listSection(
  heading: string,
  lines: readonly string[],
  more: (omitted: number) => string,
  options: { readonly cap: number; readonly keepLast?: boolean; readonly tail?: string },
): RenderedList {
  if (lines.length === 0) return { need: 0, render: () => '' };
  const tail = `${options.tail ?? ''}\n`;
  const frame = heading.length + tail.length;
  return {
    need: frame + cappedLinesNeed(lines, { ...options, more }),
    render: (budget) =>
      budget - frame < more(lines.length).length + 1
        ? ''
        : `${heading}${fitCappedLines(lines, { ...options, budget: budget - frame, more })}${tail}`,
  };
}

function occurrenceList(report: IncidentReport): RenderedList {
  const lines = report.occurrences.map((occurrence) => {
    const link = occurrenceLink(occurrence, report.githubUrl);
    const label = untrustedText(link.text);
    const pull =
      link.pullRequestUrl && occurrence.location.kind === 'commit'
        ? ` · ${markdownLink(`pull request #${occurrence.location.pullRequest}`, link.pullRequestUrl)}`
        : '';
    return (
      `- ${link.url ? markdownLink(label, link.url) : label}${pull} · exposed ${formatUtcDateTime(occurrence.exposedAt)} UTC` +
      `${occurrence.repoPublic ? ' · **public**' : ''}${occurrence.decodedFrom?.length ? ` · encoded (${untrustedText(occurrence.decodedFrom.join(' → '))})` : ''}`
    );
  });
  return listSection(
    `### Where it was seen (${report.occurrences.length.toLocaleString('en-US')})\n\n`,
    lines,
    (omitted) => `- … and ${plural(omitted, 'more place')}`,
    { cap: MAX_LISTED_OCCURRENCES },
  );
}

function affectedList(report: IncidentReport): RenderedList {
  const { keys, truncated } = affectedKeys(report);
  const rows = keys.map(
    (key) =>
      `| ${tableCell(codeSpan(key.keyId))} | ${key.apiId ? tableCell(codeSpan(key.apiId)) : 'not recorded'} | ${tableCell(untrustedText(clipMasked(key.reasons.join('; '), SUMMARY_MAX_CHARS)))} |`,
  );
  const heading =
    `### Affected API keys (${keys.length.toLocaleString('en-US')})\n\n` +
    'API keys the leaked key may have created or changed (from the audit step); the flag step says what was done with them.\n\n' +
    '| Key | API | Why |\n| --- | --- | --- |\n';
  return listSection(heading, rows, (omitted) => `| … and ${plural(omitted, 'more key')} | | |`, {
    cap: MAX_LISTED_AFFECTED_KEYS,
    ...(truncated ? { tail: "\nUnkey's lists were cut at their limits: there may be more.\n" } : {}),
  });
}

function timelineList(report: IncidentReport): RenderedList {
  let lastDate = '';
  const lines = report.timeline.map((event) => {
    const date = new Date(event.at).toISOString().slice(0, 10);
    const when = date === lastDate ? formatUtcTime(event.at) : formatUtcDateTime(event.at);
    lastDate = date;
    const where = event.step ? `${event.step}: ` : '';
    return `- ${codeSpan(when)} run ${event.run} · ${where}${inlineText(clipMasked(event.text, TIMELINE_TEXT_MAX_CHARS))}`;
  });
  return listSection(
    '### Timeline (UTC)\n\n',
    lines,
    (omitted) => `- … ${plural(omitted, 'earlier event')}`,
    {
      cap: MAX_TIMELINE_LINES,
      keepLast: true,
    },
  );
}

function renderSteps(report: IncidentReport): string {
  if (!report.run) return '';
  const rows = [...report.run.steps.values()].map(
    (record) =>
      `| ${record.step} | ${outcomeWord(record)} | ${record.durationMs === undefined ? '' : formatDuration(record.durationMs)} | ${tableCell(inlineText(clipMasked(record.summary, SUMMARY_MAX_CHARS)))} |`,
  );
  return (
    `### Playbook run ${report.run.run.run}\n\n| Step | Outcome | Duration | Summary |\n| --- | --- | --- | --- |\n` +
    `${rows.join('\n')}\n\n`
  );
}

/** A step's outcome in one word (no emoji: screen readers and plain-text mail read it as is). */
export function outcomeWord(record: StepRecord): string {
  if (record.outcome === undefined) return record.waitingFor ? 'waiting' : 'running';
  return record.outcome === 'manual' ? 'needs a human' : record.outcome;
}

function renderHumanTasks(tasks: readonly HumanTask[]): string {
  if (tasks.length === 0) return '';
  const items = tasks.map((task) => {
    const [first = '', ...rest] = task.instruction.split('\n');
    const sub = fitLines(
      rest
        .filter((line) => line.trim() !== '')
        .map((line) => `  - ${inlineText(clipMasked(line, INSTRUCTION_LINE_MAX_CHARS))}`),
      INSTRUCTION_MORE_MAX_CHARS,
      (omitted) => `  - … and ${plural(omitted, 'more line')}`,
    );
    return `- [ ] **${task.step}**${task.outcome === 'failed' ? ' (failed)' : ''}: ${inlineText(clipMasked(first, INSTRUCTION_LINE_MAX_CHARS))}\n${sub.text}`;
  });
  return `### Left for a human\n\n${items.join('')}\n`;
}

function renderFailedDeliveries(report: IncidentReport): string {
  const failed = failedDeliveries(report);
  if (failed.length === 0) return '';
  const lines = failed.map(
    (d) =>
      `- The **${REPORTER_LABELS[d.reporter]}** could not be sent (last try ${formatUtcTime(d.at)} UTC)` +
      `${d.error ? `: ${untrustedText(clipMasked(d.error, ERROR_MAX_CHARS))}` : ''}`,
  );
  return `### Reports that failed\n\n${lines.join('\n')}\n\n`;
}

function renderCommands(report: IncidentReport): string {
  const status = report.incident.status;
  // The command refuses once containment revoked the key: it was treated as real.
  const revoked = stepRecord(report, 'contain')?.outcome === 'done';
  const now = (applies: boolean) => (applies ? ' **Applies now.**' : '');
  return (
    '### Commands\n\nA user with write access to every repository where the key was seen (or in a responder team) can comment on this issue:\n\n' +
    `- \`/rootguard approve\`: contain the key now. For an incident awaiting approval (policy \`approve\`).${now(status === 'awaiting-approval')}\n` +
    `- \`/rootguard false-positive\`: close the incident as not a leaked key; the key is then allowed by its fingerprint. Before the key was revoked.${now(status !== 'false-positive' && !revoked)}\n` +
    `- \`/rootguard retry\`: run the playbook again, once what a failed or manual step needed is fixed. For an incident that needs a human.${now(status === 'needs-human')}\n\n`
  );
}
