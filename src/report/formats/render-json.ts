import type { ReportedFinding, LocalScanResult, ScanStats } from '../../sources/local-scan-result.js';

/** The JSON report, which is also the baseline format. */
export interface JsonReport {
  readonly findings: readonly ReportedFinding[];
  readonly stats: ScanStats;
}

/** The report as pretty-printed JSON with a final newline. */
export function renderJson(result: LocalScanResult): string {
  const report: JsonReport = { findings: result.findings, stats: result.stats };
  return `${JSON.stringify(report, null, 2)}\n`;
}
