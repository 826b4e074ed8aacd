import { describe, expect, it } from 'vitest';
import type { IncidentReport } from '../../../../src/report/incident/incident-report.js';
import {
  renderSlackMessage,
  type SlackMessageKind,
} from '../../../../src/report/incident/slack/render-slack-message.js';
import {
  SLACK_LIMITS,
  type SlackBlock,
  type SlackMessage,
} from '../../../../src/report/incident/slack/slack-blocks.js';
import { findKeyMaterial } from '../../../support/secret-canary.js';
import {
  allReports,
  assistedReport,
  automaticReport,
  fixtureKeys,
  occurrenceAt,
} from '../incident-report-fixtures.js';

const k = fixtureKeys();
const reports = allReports(k);
const cases = Object.keys(reports).flatMap((name) =>
  (['opened', 'closed'] as const).map((kind): [string, SlackMessageKind] => [name, kind]),
);

/** Every Block Kit limit the renderer promises to respect. */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const block of message.blocks as SlackBlock[]) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (block.type === 'section') {
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const field of block.fields ?? [])
        expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    }
    if (block.type === 'actions')
      for (const button of block.elements)
        expect(button.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
  }
}

describe('renderSlackMessage', () => {
  it.each(cases)('renders the %s incident, %s', (name, kind) => {
    const message = renderSlackMessage(reports[name] as IncidentReport, kind);
    expect(message).toMatchSnapshot();
    expectWithinLimits(message);
    expect(findKeyMaterial([['message', JSON.stringify(message)]], k.keys)).toEqual([]);
  });

  it('opens with the masked key, its name, the repository, where it was seen and a button to the issue', () => {
    const message = renderSlackMessage(reports['automatic'] as IncidentReport, 'opened');
    const text = JSON.stringify(message);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: `Leaked Unkey root key ${k.automatic.masked} ("deploy-bot")` },
    });
    expect(text).toContain('*Name*\\ndeploy-bot');
    expect(text).toContain('*Repository*\\nacme/api');
    expect(text).toContain('<https://github.com/acme/api/blob/');
    expect(message.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ type: 'button', url: 'https://github.com/acme/api/issues/17' }],
    });
    expect(message.text).toMatch(/^rootguard found a leaked Unkey root key .* in acme\/api\. Contained: /);
  });

  it('closes with the time to contain and the affected keys, or the checklist and the failed reporters', () => {
    const contained = JSON.stringify(renderSlackMessage(reports['automatic'] as IncidentReport, 'closed'));
    expect(contained).toContain('*Time to contain*\\n1.2 s');
    expect(contained).toContain('*Affected API keys*\\n3');
    const assisted = JSON.stringify(renderSlackMessage(reports['assisted'] as IncidentReport, 'closed'));
    expect(assisted).toContain('*Left for a human*\\n• *contain*: In the Unkey dashboard');
    expect(assisted).toContain('Not delivered: Slack message (Slack answered 404');
  });

  it('escapes &, < and > from paths and job names, so they open no link or mention', () => {
    const base = automaticReport(k);
    const occurrences = [
      occurrenceAt(
        {
          kind: 'job-log',
          repo: 'acme/api',
          runId: 1,
          jobId: 2,
          jobName: '<!channel> & <https://evil.example|click>',
          line: 3,
        },
        'workflow_job',
      ),
    ];
    const message = renderSlackMessage({ ...base, occurrences }, 'opened');
    const text = JSON.stringify(message);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil.example');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
  });

  it('keeps a long checklist, a long key name and a key in a path within the limits, masked', () => {
    const base = assistedReport(k);
    const steps = new Map(base.run!.steps);
    for (const step of ['verify', 'identify', 'audit', 'flag', 'purge', 'confirm', 'report'] as const)
      steps.set(step, {
        ...steps.get(step)!,
        outcome: 'manual',
        instruction: `${k.spare} ${'do this. '.repeat(400)}`,
      });
    steps.set('identify', { ...steps.get('identify')!, detail: { deploy: [], name: 'n'.repeat(500) } });
    const occurrences = [
      occurrenceAt(
        {
          kind: 'commit',
          repo: 'acme/web',
          commit: 'a'.repeat(40),
          path: `${k.spare}.env`,
          line: 1,
          column: 1,
        },
        'push',
      ),
    ];
    for (const kind of ['opened', 'closed'] as const) {
      const message = renderSlackMessage({ ...base, occurrences, run: { ...base.run!, steps } }, kind);
      expectWithinLimits(message);
      expect(findKeyMaterial([['message', JSON.stringify(message)]], k.keys)).toEqual([]);
    }
  });
});
