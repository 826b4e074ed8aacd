import { IncomingWebhook } from '@slack/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack/slack-emulator.js';

describe('Slack emulator: incoming webhooks', () => {
  let slack: SlackEmulator;
  beforeAll(async () => {
    slack = await startSlackEmulator();
  });
  afterAll(async () => {
    await slack.close();
  });

  it('makes a new Slack-shaped URL per call', () => {
    const a = slack.webhookUrl('security');
    const b = slack.webhookUrl('security');
    expect(a).not.toBe(b);
    for (const url of [a, b])
      expect(url).toMatch(
        new RegExp(`^${slack.url.replace(/\./g, '\\.')}/services/T0EMUL8/B[A-Z0-9]{9}/[A-Za-z0-9]{24}$`),
      );
  });

  it('accepts a good message with 200 ok and records it for its channel', async () => {
    const webhook = new IncomingWebhook(slack.webhookUrl('security'));
    const message = {
      text: 'Leaked root key contained',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Leak contained' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*acme/app* rerolled' }, block_id: 'summary' },
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'incident 1' }] },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Open incident' },
              url: 'https://example.com/1',
              action_id: 'open',
            },
          ],
        },
      ],
    };
    expect(await webhook.send(message)).toEqual({ text: 'ok' });
    await new IncomingWebhook(slack.webhookUrl('ops')).send('to ops');
    expect(slack.messages('security')).toEqual([
      {
        channel: 'security',
        receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        payload: message,
        text: 'Leaked root key contained',
      },
    ]);
    expect(slack.messages().map((m) => m.channel)).toEqual(['security', 'ops']);
    expect(slack.requests.at(-1)).toMatchObject({ status: 200, body: JSON.stringify({ text: 'to ops' }) });
    expect(slack.violations).toEqual([]);
  });

  it('answers 404 no_service for a URL no one registered', async () => {
    const webhook = new IncomingWebhook(`${slack.url}/services/T0EMUL8/BNOTAHOOK/abcdefghijklmnopqrstuvwx`);
    await expect(webhook.send('x')).rejects.toMatchObject({ statusCode: 404, body: 'no_service' });
  });

  it('answers 400 no_text for a message with neither text nor blocks', async () => {
    const webhook = new IncomingWebhook(slack.webhookUrl('security'));
    const before = slack.messages().length;
    await expect(webhook.send({ blocks: [] })).rejects.toMatchObject({ statusCode: 400, body: 'no_text' });
    expect(slack.messages()).toHaveLength(before);
  });

  it('answers 400 invalid_payload for a body that is not JSON, and records the violation', async () => {
    const url = slack.webhookUrl('raw');
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text": ',
    });
    expect([notJson.status, await notJson.text()]).toEqual([400, 'invalid_payload']);
    const form = await fetch(url, { method: 'POST', body: new URLSearchParams({ payload: '{}' }) });
    expect([form.status, await form.text()]).toEqual([400, 'invalid_payload']);
    expect(slack.violations).toEqual([
      '#raw: the body is not JSON',
      expect.stringContaining('#raw: content-type application/x-www-form-urlencoded'),
    ]);
  });
});
