import { GITHUB_TEXT_MAX_CHARS, type CheckRunOutput } from './check-run-output.js';
import { clipText } from '../markdown/fit-lines.js';
import { maskReportText } from '../markdown/mask-report-text.js';
import { codeSpan } from '../markdown/markdown.js';

/** What {@link renderFailedScanOutput} renders from. */
export interface RenderFailedScanInput {
  /** What the scan was for, e.g. `push to main: abc1234..def5678`. */
  readonly target: string;
  /** Why the last attempt failed (an error message, already cleaned of secrets by the caller). */
  readonly reason: string;
}

/**
 * The check run of a scan that failed on every attempt (GitHub unreachable, rate limits that did
 * not lift): `neutral`, never `success`, because nothing was proven clean.
 */
export function renderFailedScanOutput(input: RenderFailedScanInput): CheckRunOutput {
  const summary = [
    `rootguard could not finish scanning ${codeSpan(input.target)}: the commits were **not** checked for leaked keys.`,
    '',
    `Last error: ${codeSpan(input.reason)}`,
    '',
    'Choose **Re-run** on this check to scan again.',
  ].join('\n');
  return {
    conclusion: 'neutral',
    title: 'Scan failed: not checked',
    summary: clipText(maskReportText(summary), GITHUB_TEXT_MAX_CHARS),
    annotations: [],
  };
}
