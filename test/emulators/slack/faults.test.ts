import { IncomingWebhook } from '@slack/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_AFTER_SECONDS } from '../../../emulators/slack/handle-request.js';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack/slack-emulator.js';

/** An IncomingWebhook whose fetch keeps the last response's headers (its errors do not carry them). */
function recordingWebhook(url: string): { webhook: IncomingWebhook; headers: () => Headers | undefined } {
  let last: Headers | undefined;
  const webhook = new IncomingWebhook(url, {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      last = response.headers;
      return response;
    },
  });
  return { webhook, headers: () => last };
}

describe('Slack emulator: faults', () => {
  let slack: SlackEmulator;
  beforeAll(async () => {
    slack = await startSlackEmulator();
  });
  afterAll(async () => {
    expect(slack.violations).toEqual([]);
    await slack.close();
  });

  it.each([
    ['not-found', 404, 'no_service'],
    ['gone', 410, 'channel_is_archived'],
    ['server-error', 500, 'rollup_error'],
  ] as const)('%s answers %i %s, once', async (kind, statusCode, body) => {
    const channel = `c-${kind}`;
    const webhook = new IncomingWebhook(slack.webhookUrl(channel));
    slack.fault({ channel, kind });
    await expect(webhook.send('x')).rejects.toMatchObject({ statusCode, body });
    expect(slack.messages(channel)).toEqual([]);
    await webhook.send('y');
    expect(slack.messages(channel).map((m) => m.text)).toEqual(['y']);
  });

  it('rate-limited answers 429 rate_limited with Retry-After in seconds, `times` times', async () => {
    const { webhook, headers } = recordingWebhook(slack.webhookUrl('limited'));
    slack.fault({ channel: 'limited', kind: 'rate-limited', times: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      await expect(webhook.send('x')).rejects.toMatchObject({ statusCode: 429, body: 'rate_limited' });
      expect(headers()?.get('retry-after')).toBe('7');
    }
    await expect(webhook.send('x')).resolves.toEqual({ text: 'ok' });
    slack.fault({ kind: 'rate-limited' });
    await expect(webhook.send('x')).rejects.toMatchObject({ statusCode: 429 });
    expect(headers()?.get('retry-after')).toBe(String(DEFAULT_RETRY_AFTER_SECONDS));
  });

  it('a rule for one channel leaves the others alone', async () => {
    const other = new IncomingWebhook(slack.webhookUrl('other'));
    slack.fault({ channel: 'target', kind: 'gone' });
    await expect(other.send('fine')).resolves.toEqual({ text: 'ok' });
    await expect(new IncomingWebhook(slack.webhookUrl('target')).send('x')).rejects.toMatchObject({
      statusCode: 410,
    });
  });
});
