import type { LocalScanResult } from '../../sources/local-scan-result.js';
import { renderJson } from './render-json.js';
import { renderText } from './render-text.js';

/** The report formats of `--format`, the first being the default. */
export const REPORT_FORMATS = ['text', 'json', 'sarif'] as const;

/** A `--format` value. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * The report in `format`; `version` is rootguard's, for SARIF's tool description. The SARIF
 * renderer (and its rule texts) loads only when asked for, to keep start-up short.
 */
export async function renderReport(
  format: ReportFormat,
  result: LocalScanResult,
  version: string,
): Promise<string> {
  switch (format) {
    case 'text':
      return renderText(result);
    case 'json':
      return renderJson(result);
    case 'sarif':
      return (await import('./render-sarif.js')).renderSarif(result, version);
  }
}
