import { describe, expect, it } from 'vitest';
import { checkSlackRoutes } from '../../../src/cli/doctor/slack-route-checks.js';
import { parseOperatorConfig } from '../../../src/config/operator-config.js';

const config = parseOperatorConfig(
  [
    'notify:',
    '  slack:',
    '    - { match: acme, webhookUrlEnv: SLACK_ACME }',
    '    - { match: acme/payments-*, webhookUrlEnv: SLACK_PAYMENTS }',
    '    - { match: globex, webhookUrlEnv: SLACK_ACME }',
  ].join('\n'),
  'test',
);
// Made at run time and shaped as Slack's: the checks must never print them.
const token = (n: number) =>
  Array.from({ length: n }, (_, i) => 'ABCDEFGHJKLMNPQRSTUVWXYZ'[(i * 7 + n) % 24]).join('');
const slackUrl = `https://hooks.slack.com/services/T${token(8)}/B${token(10)}/${token(24)}`;

describe('doctor: Slack routes', () => {
  it('checks each variable once and passes a Slack incoming webhook URL without printing it', () => {
    const checks = checkSlackRoutes(config, { SLACK_ACME: slackUrl, SLACK_PAYMENTS: slackUrl });
    expect(checks.map((c) => [c.name, c.state])).toEqual([
      ['slack: SLACK_ACME', 'pass'],
      ['slack: SLACK_PAYMENTS', 'pass'],
    ]);
    expect(JSON.stringify(checks)).not.toContain(token(24));
  });

  it('fails an unset variable, a value that is not a URL and another host, naming the fix', () => {
    const unset = checkSlackRoutes(config, { SLACK_ACME: slackUrl });
    expect(unset[1]).toMatchObject({
      state: 'fail',
      detail: expect.stringContaining('not set'),
      fix: expect.stringContaining('SLACK_PAYMENTS'),
    });
    const notUrl = checkSlackRoutes(config, { SLACK_ACME: token(30), SLACK_PAYMENTS: slackUrl });
    expect(notUrl[0]).toMatchObject({ state: 'fail', detail: 'SLACK_ACME does not hold a URL.' });
    expect(JSON.stringify(notUrl)).not.toContain(token(30));
    const elsewhere = checkSlackRoutes(config, {
      SLACK_ACME: slackUrl.replace('hooks.slack.com', 'hooks.example.org'),
      SLACK_PAYMENTS: `${slackUrl.replace('https:', 'http:')}`,
    });
    expect(elsewhere.map((c) => c.state)).toEqual(['fail', 'fail']);
  });

  it('warns of a loopback URL (an emulator or a relay) instead of failing it', () => {
    const checks = checkSlackRoutes(config, {
      SLACK_ACME: 'http://127.0.0.1:4000/hook/1',
      SLACK_PAYMENTS: slackUrl,
    });
    expect(checks[0]?.state).toBe('warn');
  });

  it('has nothing to check without Slack routes', () => {
    expect(checkSlackRoutes(parseOperatorConfig('policy:\n  mode: auto\n', 'test'), {})).toEqual([]);
  });
});
