import type { ReportedFinding, LocalScanResult } from '../../sources/local-scan-result.js';

/** How many characters of a commit id the text format shows. */
export const SHORT_COMMIT_CHARS = 12;

// A path with a line break or tab could fake report lines: such paths are shown JSON-quoted.
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function renderFinding(finding: ReportedFinding): string {
  const path = hasControlCharacter(finding.path) ? JSON.stringify(finding.path) : finding.path;
  const parts = [
    `${path}:${finding.line}:${finding.column}`,
    finding.ruleId,
    finding.masked,
    finding.fingerprint,
  ];
  if (finding.decodedFrom !== undefined) parts.push(`decoded=${finding.decodedFrom.join('>')}`);
  if ('commit' in finding) parts.push(`commit=${finding.commit.slice(0, SHORT_COMMIT_CHARS)}`, finding.date);
  return parts.join('  ');
}

/** One line per finding: `path:line:column  ruleId  masked  fingerprint` (+ decoding, commit). */
export function renderText(result: LocalScanResult): string {
  return result.findings.map((finding) => `${renderFinding(finding)}\n`).join('');
}
