import type { Occurrence } from '../../incidents/occurrence.js';
import type { StepRecord } from '../../incidents/step-record.js';
import { maskReportText } from '../../report/markdown/mask-report-text.js';
import { occurrenceSourceFor } from '../../sources/occurrences/registry.js';
import type { DemoResult } from './demo-result.js';
import { wrapText } from './wrap-text.js';

/** Whether to style headings and outcomes (only for a terminal). */
export interface TextStyle {
  readonly color: boolean;
}

const OUTCOME_COLOR: Record<string, string> = { done: '32', skipped: '90', manual: '33', failed: '31' };

/**
 * The readable account: what was found, each step with its outcome, time and summary, the
 * reports as they were rendered (issue, pull request comment, check run, Slack), and the time to
 * contain. Every text passes `maskReportText` again.
 */
export function renderDemoText(result: DemoResult, style: TextStyle): string {
  const paint = (code: string, text: string) => (style.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const heading = (text: string) => ['', paint('1', text), ''];
  const { incident } = result;
  const out: string[] = [
    paint(
      '1',
      `rootguard demo: a leaked Unkey root key, contained (${result.mode === 'assisted' ? 'assisted path: no root key API' : 'automatic path'})`,
    ),
    ...heading('Found'),
    `  ${incident.masked}  in ${result.repo} (private)  incident ${incident.id}`,
    `  fingerprint ${incident.fingerprint}`,
    ...result.occurrences.map((o) => `  - ${describeOccurrence(o)}`),
    ...heading('Playbook'),
    ...result.run.steps.flatMap(describeStep(paint)),
  ];
  if (result.human)
    out.push(
      ...heading('The human part (played by the demo)'),
      ...wrapText(
        `Rotated the key in the Unkey dashboard (new key ${result.human.rotatedKeyId}), then piped it into \`rootguard deliver --incident ${incident.id}\`: ${result.human.delivered.outcome}: ${result.human.delivered.summary}`,
        '  ',
      ),
    );
  const { reports } = result;
  const none = '(none sent)';
  out.push(...heading('Incident issue'));
  if (reports.issue)
    out.push(`  #${reports.issue.number} ${reports.issue.title}`, '', ...block(reports.issue.body));
  else out.push(`  ${none}`);
  out.push(...heading(`Pull request #${result.pullRequest} comment`));
  if (reports.pullRequestComments.length > 0)
    out.push(...reports.pullRequestComments.flatMap((body, i) => [...(i > 0 ? [''] : []), ...block(body)]));
  else out.push(`  ${none}`);
  out.push(...heading('Check run'));
  if (reports.checkRun)
    out.push(
      `  ${reports.checkRun.conclusion ?? 'in progress'}: ${reports.checkRun.title ?? ''}`,
      ...block(reports.checkRun.summary ?? ''),
    );
  else out.push('  (none)');
  out.push(...heading(`Slack #${result.slackChannel}`));
  if (reports.slack.length === 0) out.push(`  ${none}`);
  else
    out.push(
      ...reports.slack.flatMap((message, i) => [
        ...(i > 0 ? [''] : []),
        ...block(message.blocks),
        ...block(`fallback text: ${message.text}`),
      ]),
    );
  out.push(
    '',
    paint('1', `timeToRevokeMs: ${incident.timeToRevokeMs ?? 'not revoked'}`),
    ...wrapText(
      "From the first webhook received to the leaked key revoked: Unkey answered the reroll (automatic path), or a human's revocation was first seen (assisted path).",
      '  ',
    ),
    paint('1', `timeToDeployedMs: ${incident.timeToDeployedMs ?? 'not deployed'}`),
    ...wrapText('From the first webhook received to every deploy target holding the replacement.', '  '),
    paint('1', `timeToContainMs: ${incident.timeToContainMs ?? 'not contained'}`),
    ...wrapText(
      'From the first webhook received to a probe seeing the key dead (Unkey may accept a revoked key from its cache a while). All three include the scans of all three webhooks (the demo lets them finish before the playbook starts) and the emulators compiling the API descriptions they check each request against, on first use; `npm run bench:contain` measures them properly.',
      '  ',
    ),
    `status: ${incident.status}`,
    '',
  );
  return maskReportText(out.join('\n'));
}

function describeOccurrence({ location, foundBy }: Occurrence): string {
  return `${occurrenceSourceFor(location).summary(location)}, found by ${foundBy}`;
}

function describeStep(paint: (code: string, text: string) => string) {
  return (record: StepRecord): string[] => {
    const outcome = record.outcome ?? 'waiting';
    const time = record.durationMs === undefined ? '' : `${record.durationMs} ms`;
    const head = (shown: string) => `  ${record.step.padEnd(10)} ${shown} ${time.padStart(8)}  `;
    const lines = wrapText(record.summary, ' '.repeat(31), head(outcome.padEnd(7)));
    // Colour only the outcome, once wrapText has measured the line without escape codes.
    lines[0] = `${head(paint(OUTCOME_COLOR[outcome] ?? '0', outcome.padEnd(7)))}${(lines[0] ?? '').slice(31)}`;
    if (record.instruction)
      lines.push(...wrapText(`to do: ${record.instruction}`, ' '.repeat(33), ' '.repeat(31)));
    return lines;
  };
}

/** A report's text, indented, long lines wrapped. */
function block(text: string): string[] {
  return text
    .trimEnd()
    .split('\n')
    .flatMap((line) => (line.length + 4 > 100 ? wrapText(line, '    ') : [`    ${line}`.trimEnd()]));
}
