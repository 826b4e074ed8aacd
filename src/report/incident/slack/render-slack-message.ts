import { incidentClockLines } from '../incident-clocks.js';
import { fitLines } from '../../markdown/fit-lines.js';
import { affectedKeys, failedDeliveries, humanTasks, keyIdentity } from '../incident-facts.js';
import type { IncidentReport } from '../incident-report.js';
import {
  describeLeakedKey,
  formatDuration,
  incidentStatusLine,
  REPORTER_LABELS,
} from '../incident-status.js';
import { clipMasked, maskReportText } from '../../markdown/mask-report-text.js';
import { occurrenceLink } from '../occurrence-links.js';
import {
  escapeMrkdwn,
  mrkdwnLink,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackMessage,
  type SlackText,
} from './slack-blocks.js';

/** Which of an incident's two Slack messages: when it opens, and when it is contained or needs a human. */
export type SlackMessageKind = 'opened' | 'closed';

const TASK_MAX_CHARS = 500;

/**
 * An incident's Slack message: `opened` (the key, its name, the repository, where it was seen,
 * the status, a button to the incident issue) or `closed` (the outcome: contained and how fast,
 * what is left for a human, or the dry run; affected API keys; failed reporters). Within Block
 * Kit's limits; untrusted text escaped for `mrkdwn`; every string masked.
 */
export function renderSlackMessage(report: IncidentReport, kind: SlackMessageKind): SlackMessage {
  const blocks = kind === 'opened' ? openedBlocks(report) : closedBlocks(report);
  const button = issueButton(report);
  if (button) blocks.push(button);
  return mask({
    text: escapeMrkdwn(fallbackText(report, kind)),
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
  });
}

function fallbackText(report: IncidentReport, kind: SlackMessageKind): string {
  const key = describeLeakedKey(report);
  const repo = report.occurrences[0]?.location.repo;
  const status = incidentStatusLine(report);
  const where = repo ? ` in ${repo}` : '';
  return kind === 'opened'
    ? `rootguard found a leaked ${key}${where}. ${status.label}: ${status.sentence}`
    : `${status.label}: leaked ${key}${where}: ${status.sentence}`;
}

function openedBlocks(report: IncidentReport): SlackBlock[] {
  const { incident } = report;
  const { keyId, name } = keyIdentity(report);
  const first = report.occurrences[0];
  const status = incidentStatusLine(report);
  const fields: SlackText[] = [
    field('Key', `\`${incident.masked}\``),
    field('Name', escapeMrkdwn(name ?? keyId ?? 'not identified yet')),
  ];
  if (first) {
    const link = occurrenceLink(first, report.githubUrl);
    fields.push(field('Repository', escapeMrkdwn(first.location.repo)));
    fields.push(
      field('Where', link.url ? mrkdwnLink(link.url, escapeMrkdwn(link.text)) : escapeMrkdwn(link.text)),
    );
  }
  fields.push(
    field(
      'Exposure',
      `${incident.occurrenceCount.toLocaleString('en-US')} place(s), ${incident.anyPublic ? '*public*' : 'private'}`,
    ),
  );
  return [
    header(`Leaked ${describeLeakedKey(report)}`),
    { type: 'section', fields: fields.slice(0, SLACK_LIMITS.fields) },
    section(`*${status.label}*: ${escapeMrkdwn(status.sentence)}`),
    context(`incident \`${incident.id}\` · policy \`${report.policyMode}\``),
  ];
}

function closedBlocks(report: IncidentReport): SlackBlock[] {
  const { incident } = report;
  const status = incidentStatusLine(report);
  const blocks: SlackBlock[] = [
    header(`${status.label}: leaked ${describeLeakedKey(report)}`),
    section(`*${status.label}*: ${escapeMrkdwn(status.sentence)}`),
  ];
  const facts: SlackText[] = [];
  // Labels only: the status line above says what each clock measures.
  for (const clock of incidentClockLines(incident)) facts.push(field(clock.label, formatDuration(clock.ms)));
  const affected = affectedKeys(report);
  facts.push(
    field(
      'Affected API keys',
      `${affected.keys.length.toLocaleString('en-US')}${affected.truncated ? ' (lists cut at their limits)' : ''}`,
    ),
  );
  facts.push(field('Places seen', incident.occurrenceCount.toLocaleString('en-US')));
  blocks.push({ type: 'section', fields: facts.slice(0, SLACK_LIMITS.fields) });
  const tasks = humanTasks(report);
  if (tasks.length > 0) {
    const heading = '*Left for a human*\n';
    const items = tasks.map(
      (task) =>
        `• *${task.step}*: ${escapeMrkdwn(clipMasked(task.instruction.replace(/\s*\n\s*/g, ' '), TASK_MAX_CHARS))}`,
    );
    const list = fitLines(
      items,
      SLACK_LIMITS.sectionText - heading.length,
      (omitted) => `• … and ${omitted} more (see the incident issue)`,
    );
    blocks.push(section(`${heading}${list.text.trimEnd()}`));
  }
  const failed = failedDeliveries(report);
  if (failed.length > 0)
    blocks.push(
      context(
        `Not delivered: ${failed.map((d) => `${REPORTER_LABELS[d.reporter]}${d.error ? ` (${escapeMrkdwn(clipMasked(d.error, 200))})` : ''}`).join('; ')}`,
      ),
    );
  blocks.push(context(`incident \`${incident.id}\` · policy \`${report.policyMode}\``));
  return blocks;
}

function issueButton(report: IncidentReport): SlackBlock | undefined {
  if (!report.issue) return undefined;
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: {
          type: 'plain_text',
          text: clipMasked(`Open incident issue #${report.issue.number}`, SLACK_LIMITS.buttonText),
        },
        url: report.issue.url,
        action_id: 'open-incident-issue',
      },
    ],
  };
}

function header(text: string): SlackBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: clipMasked(text.replace(/\s+/g, ' '), SLACK_LIMITS.headerText) },
  };
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clipMasked(text, SLACK_LIMITS.sectionText) } };
}

function field(label: string, value: string): SlackText {
  return { type: 'mrkdwn', text: clipMasked(`*${label}*\n${value}`, SLACK_LIMITS.fieldText) };
}

function context(text: string): SlackBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: clipMasked(text, SLACK_LIMITS.sectionText) }],
  };
}

/** Every string of the message through {@link maskReportText} (the mask never lengthens text). */
function mask(message: SlackMessage): SlackMessage {
  return JSON.parse(maskReportText(JSON.stringify(message))) as SlackMessage;
}
