import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportRefused } from '../../../../src/report/notify/notify-wait.js';
import {
  sendSlackMessage,
  SlackDeliveryError,
} from '../../../../src/report/incident/slack/send-slack-message.js';

// A bare loopback server: each path answers as its name says (the Slack emulator's tests cover Slack's rules).
const ANSWERS: Record<string, [number, string, Record<string, string>?]> = {
  '/ok': [200, 'ok'],
  '/gone': [404, 'no_service'],
  '/archived': [410, 'channel_is_archived'],
  '/limited': [429, 'rate_limited', { 'retry-after': '3' }],
  '/broken': [500, 'rollup_error'],
};

describe('sendSlackMessage', () => {
  let server: Server;
  let base: string;
  const bodies: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        bodies.push(body);
        const [status, text, headers] = ANSWERS[req.url ?? ''] ?? [404, 'no_service'];
        res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const message = { text: 'fallback', blocks: [{ type: 'divider' }] };

  it('posts the text and the blocks', async () => {
    await sendSlackMessage(`${base}/ok`, message);
    expect(JSON.parse(bodies.at(-1)!)).toEqual(message);
  });

  it("throws a retryable error with Slack's Retry-After for a 429, and for a 5xx", async () => {
    const limited = await sendSlackMessage(`${base}/limited`, message).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(SlackDeliveryError);
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 3_000 });
    await expect(sendSlackMessage(`${base}/broken`, message)).rejects.toMatchObject({ status: 500 });
  });

  it('refuses for good a webhook that is gone or archived, without naming its URL', async () => {
    for (const path of ['/gone', '/archived']) {
      const error = (await sendSlackMessage(`${base}${path}`, message).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(ReportRefused);
      expect(error.message).not.toContain(base);
      expect(error.message).not.toContain(path);
    }
  });

  it('says "could not be reached" when nothing answers, without the URL', async () => {
    const error = (await sendSlackMessage('http://127.0.0.1:9/secret-path', message).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(SlackDeliveryError);
    expect(error.message).not.toContain('secret-path');
  });
});
