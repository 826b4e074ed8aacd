import { GITHUB_TEXT_MAX_CHARS } from '../../check-run/check-run-output.js';

import { humanTasks } from '../incident-facts.js';
import type { IncidentReport } from '../incident-report.js';
import { describeLeakedKey, incidentStatusLine } from '../incident-status.js';
import { codeSpan, inlineText, markdownLink, untrustedText } from '../../markdown/markdown.js';
import { clipMasked, maskReportText } from '../../markdown/mask-report-text.js';

/** A check run button (`requested_action`), as GitHub's Checks API takes it. */
export interface CheckRunAction {
  /** At most 20 characters. */
  readonly label: string;
  /** At most 40 characters. */
  readonly description: string;
  /** At most 20 characters: what the `requested_action` event sends back. */
  readonly identifier: string;
}

/** What a check run button asks for, and of which incident (`all`: every one awaiting approval). */
export interface CheckActionRequest {
  readonly command: 'approve' | 'false-positive';
  /** The first {@link ACTION_ID_PREFIX_CHARS} characters of the incident id after `inc_`, or `all`. */
  readonly incidentPrefix: string | 'all';
}

/** Characters of an incident id (after `inc_`) that fit in an action identifier after `approve:`. */
export const ACTION_ID_PREFIX_CHARS = 12;

// The instruction lines shown per incident; the issue has them all.
const TASK_MAX_CHARS = 400;
const SECTION_MAX_CHARS = 8_000;
// Room an incident's section keeps even when the scan's summary fills the check run.
const MIN_SECTION_CHARS = 1_500;

/** The markers around an incident's section in a check run summary. */
export function incidentCheckMarkers(incidentId: string): { start: string; end: string } {
  return {
    start: `<!-- rootguard:incident:${incidentId}:check -->`,
    end: `<!-- /rootguard:incident:${incidentId}:check -->`,
  };
}

/**
 * An incident's section in the check run summary of a scan that found its key: the status line,
 * a link to the incident issue, and what is left for a human. Markdown, masked.
 */
export function renderIncidentCheckSection(report: IncidentReport): string {
  const status = incidentStatusLine(report);
  const lines = [
    `### Incident ${codeSpan(report.incident.id)}: ${untrustedText(describeLeakedKey(report))}`,
    '',
    `**${status.label}**: ${inlineText(status.sentence)}`,
  ];
  if (report.issue)
    lines.push(
      '',
      `Incident issue: ${markdownLink(untrustedText(`${report.issue.repo}#${report.issue.number}`), report.issue.url)}`,
    );
  const tasks = humanTasks(report);
  if (tasks.length > 0)
    lines.push(
      '',
      '**Left for a human**',
      '',
      ...tasks.map(
        (task) =>
          `- [ ] **${task.step}**: ${inlineText(clipMasked(task.instruction.replace(/\s*\n\s*/g, ' '), TASK_MAX_CHARS))}`,
      ),
    );
  return maskReportText(clipMasked(`${lines.join('\n')}\n`, SECTION_MAX_CHARS));
}

/**
 * `existing` (a check run summary) with the incident's section replaced between its markers, or
 * appended after what is there. The scan's own summary stays first; the section is cut to keep
 * the whole within GitHub's limit.
 */
export function mergeCheckSummary(existing: string, incidentId: string, section: string): string {
  const { start, end } = incidentCheckMarkers(incidentId);
  const from = existing.indexOf(start);
  const to = from === -1 ? -1 : existing.indexOf(end, from);
  let before = from === -1 || to === -1 ? `${existing.trimEnd()}\n\n` : existing.slice(0, from);
  const after = from === -1 || to === -1 ? '' : existing.slice(to + end.length);
  const frame = start.length + end.length + 2;
  // A summary already at the limit gives up its end, so the incident still shows.
  const least = Math.min(section.length, MIN_SECTION_CHARS);
  const over = before.length + after.length + frame + least - GITHUB_TEXT_MAX_CHARS;
  if (over > 0) before = `${clipMasked(before, Math.max(0, before.length - over - 2))}\n\n`;
  const room = Math.max(0, GITHUB_TEXT_MAX_CHARS - before.length - after.length - frame);
  const body = clipMasked(section, room);
  return clipMasked(
    maskReportText(`${before}${start}\n${body}${body.endsWith('\n') ? '' : '\n'}${end}${after}`),
    GITHUB_TEXT_MAX_CHARS,
  );
}

/**
 * The check run's buttons for incidents held for approval (policy `approve`, status
 * `awaiting-approval`): one → "Revoke now" and "False positive"; several → "Revoke all now";
 * none → none. GitHub shows them only to users with write access.
 */
export function incidentCheckActions(reports: readonly IncidentReport[]): CheckRunAction[] {
  const waiting = reports.filter(
    (r) => r.policyMode === 'approve' && r.incident.status === 'awaiting-approval',
  );
  if (waiting.length === 0) return [];
  if (waiting.length > 1)
    return [
      {
        label: 'Revoke all now',
        description: 'Revoke every leaked key held here',
        identifier: 'approve:all',
      },
    ];
  const prefix = idPrefix((waiting[0] as IncidentReport).incident.id);
  return [
    {
      label: 'Revoke now',
      description: 'Revoke the leaked key, issue a new one',
      identifier: `approve:${prefix}`,
    },
    {
      label: 'False positive',
      description: 'Not a leaked key: close the incident',
      identifier: `fp:${prefix}`,
    },
  ];
}

/** What a button's identifier asks for; undefined for one rootguard did not make. */
export function parseCheckActionIdentifier(identifier: string): CheckActionRequest | undefined {
  const match = /^(approve|fp):(all|[A-Za-z0-9_-]+)$/.exec(identifier);
  if (!match) return undefined;
  const command = match[1] === 'approve' ? 'approve' : 'false-positive';
  const incidentPrefix = match[2] as string;
  if (incidentPrefix === 'all') return command === 'approve' ? { command, incidentPrefix } : undefined;
  return incidentPrefix.length === ACTION_ID_PREFIX_CHARS ? { command, incidentPrefix } : undefined;
}

function idPrefix(incidentId: string): string {
  return incidentId.replace(/^inc_/, '').slice(0, ACTION_ID_PREFIX_CHARS);
}
