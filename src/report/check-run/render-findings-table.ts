import type { SourceFinding } from '../../sources/scan-result.js';
import { describeLocation } from './describe-location.js';
import { fitLines } from '../markdown/fit-lines.js';
import { codeSpan, plural, tableCell } from '../markdown/markdown.js';
import { ruleLabel } from '../markdown/rule-label.js';

/** Incident ids by key fingerprint, for the findings that already have one. */
export type IncidentsByFingerprint = ReadonlyMap<string, string>;

/**
 * A markdown table with one row per finding (masked key, rule, fingerprint, where, incident),
 * cut to `budget` characters with a closing line that counts the rows left out.
 */
export function renderFindingsTable(
  findings: readonly SourceFinding[],
  budget: number,
  incidents?: IncidentsByFingerprint,
): { markdown: string; shown: number } {
  const withIncidents = incidents !== undefined && incidents.size > 0;
  const header = withIncidents
    ? ['| Key | Rule | Fingerprint | Where | Incident |', '| --- | --- | --- | --- | --- |']
    : ['| Key | Rule | Fingerprint | Where |', '| --- | --- | --- | --- |'];
  const rows = findings.map(({ finding, location }) => {
    const cells = [
      codeSpan(finding.masked),
      ruleLabel(finding.ruleId),
      codeSpan(finding.fingerprint),
      describeLocation(location),
    ];
    if (withIncidents) {
      const id = incidents.get(finding.fingerprint);
      cells.push(id === undefined ? '—' : codeSpan(id));
    }
    return `| ${cells.map(tableCell).join(' | ')} |`;
  });
  const headerText = header.map((line) => `${line}\n`).join('');
  const fitted = fitLines(
    rows,
    budget - headerText.length,
    (omitted) => `\n…and ${plural(omitted, 'more finding')} not shown (GitHub limits this text's length).`,
  );
  return { markdown: headerText + fitted.text, shown: fitted.shown };
}
