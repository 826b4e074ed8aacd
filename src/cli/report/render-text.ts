import type { ReportedFinding, ScanResult } from '../scan/scan-result.js';

/** How many characters of a commit id the text format shows. */
export const SHORT_COMMIT_CHARS = 12;

function renderFinding(finding: ReportedFinding): string {
  const parts = [
    `${finding.path}:${finding.line}:${finding.column}`,
    finding.ruleId,
    finding.masked,
    finding.fingerprint,
  ];
  if (finding.decodedFrom !== undefined) parts.push(`decoded=${finding.decodedFrom.join('>')}`);
  if ('commit' in finding) parts.push(`commit=${finding.commit.slice(0, SHORT_COMMIT_CHARS)}`, finding.date);
  return parts.join('  ');
}

/** One line per finding: `path:line:column  ruleId  masked  fingerprint` (+ decoding, commit). */
export function renderText(result: ScanResult): string {
  return result.findings.map((finding) => `${renderFinding(finding)}\n`).join('');
}
