import type { IssueRef } from '../../incidents/report-store.js';
import type { SourceFinding } from '../../sources/scan-result.js';
import { codeSpan, escapeText, plural } from '../markdown/markdown.js';

/** A finding of a key a human closed as a false positive: not recorded, and not failed on. */
export interface AllowedFinding {
  readonly finding: SourceFinding;
  readonly incidentId: string;
  /** Who marked the incident a false positive. */
  readonly markedBy?: string;
  /** The incident issue, when it was opened. */
  readonly issue?: IssueRef;
}

// Links only to what GitHub gave us: an http(s) URL with nothing that could end the link early.
const SAFE_URL = /^https?:\/\/[^\s()<>]+$/;

/**
 * One line per incident: `N findings allowed: marked a false positive by @login in <issue>`
 * (the incident id when it has no issue). Empty when nothing was allowed.
 */
export function renderAllowedFindings(allowed: readonly AllowedFinding[]): string {
  const byIncident = new Map<string, AllowedFinding[]>();
  for (const a of allowed) byIncident.set(a.incidentId, [...(byIncident.get(a.incidentId) ?? []), a]);
  const lines = [...byIncident.entries()].map(([incidentId, group]) => {
    const { markedBy, issue } = group[0]!;
    const by = markedBy ? ` by @${escapeText(markedBy)}` : '';
    const where = issue
      ? SAFE_URL.test(issue.url)
        ? `[${escapeText(`${issue.repo}#${issue.number}`)}](${issue.url})`
        : escapeText(`${issue.repo}#${issue.number}`)
      : `incident ${codeSpan(incidentId)}`;
    return `- ${plural(group.length, 'finding')} allowed: marked a false positive${by} in ${where}.`;
  });
  return lines.length > 0 ? `\n### Allowed\n\n${lines.join('\n')}\n` : '';
}
