import type { IncompleteReason } from '../../sources/scan-result.js';
import { fitLines } from '../markdown/fit-lines.js';
import { codeSpan, escapeText, plural } from '../markdown/markdown.js';

/** Every reason a scan is incomplete, as a markdown list under a heading, cut to `budget` characters. */
export function renderIncompleteReasons(reasons: readonly IncompleteReason[], budget: number): string {
  const heading = [
    '',
    '### Not scanned',
    '',
    'The scan could not read everything, so it cannot call these parts clean:',
    '',
    '',
  ].join('\n');
  const items = reasons.map((reason) => {
    const subject = reason.subject === undefined ? '' : ` ${codeSpan(reason.subject)}`;
    return `- ${codeSpan(reason.code)}${subject}: ${escapeText(reason.message)}`;
  });
  const list = fitLines(
    items,
    budget - heading.length,
    (omitted) => `- …and ${plural(omitted, 'more reason')}.`,
  );
  return heading + list.text;
}
