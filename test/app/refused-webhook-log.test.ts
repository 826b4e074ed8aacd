import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../../emulators/github/deliver-webhook.js';
import { createProbot } from '../../src/app/create-probot.js';
import { createReceiver, WEBHOOK_PATH } from '../../src/app/create-receiver.js';
import { createLogger } from '../../src/log/create-logger.js';
import { webhookExample } from '../support/webhook-examples.js';

const SECRET = `whsec-${randomUUID()}`;
const PEM = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
}).privateKey;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A receiver whose log lines (at debug, as verbose as an operator may set it) are kept. */
async function startReceiver() {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
  const probot = createProbot({
    appId: 1,
    privateKey: PEM,
    webhookSecret: SECRET,
    githubApiUrl: 'http://127.0.0.1:9',
    log: log.child({ name: 'receiver' }),
  });
  server = await createReceiver({
    probot,
    deps: {
      enqueueScan: async () => undefined,
      enqueueScans: async () => undefined,
      enqueueCommand: async () => undefined,
      identity: { appId: 1 },
    },
    healthy: async () => true,
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`, lines };
}

describe('a refused webhook request', () => {
  it('logs at most one short line, named receiver, holding neither body nor signature', async () => {
    const { url, lines } = await startReceiver();
    const body = JSON.stringify({ ...webhookExample('push'), installation: { id: 42 } });
    const signature = signWebhook(`not-${SECRET}`, body);
    const answer = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': signature,
      },
      body,
    });
    // As Octokit answered it before the check moved in front of Probot.
    expect(answer.status).toBe(400);
    expect(lines).toHaveLength(1);
    for (const line of lines) {
      expect(line.length).toBeLessThan(400);
      expect(line).not.toContain(signature.slice(7, 30));
      expect(line).not.toContain('"commits"');
      expect((line.match(/"name":/g) ?? []).length).toBe(1);
      expect(JSON.parse(line)).toMatchObject({ name: 'receiver', level: 40, event: 'push' });
    }
  });

  it('keeps at most 64 characters of each header the sender chose', async () => {
    const { url, lines } = await startReceiver();
    const body = '{}';
    await fetch(url, {
      method: 'POST',
      headers: {
        'x-github-event': 'e'.repeat(5000),
        'x-github-delivery': 'd'.repeat(5000),
        'x-hub-signature-256': signWebhook(`not-${SECRET}`, body),
      },
      body,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(400);
  });

  it('hands a delivery with a good signature on to Probot, which answers it', async () => {
    const { url, lines } = await startReceiver();
    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const answer = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': signWebhook(SECRET, body),
      },
      body,
    });
    expect(answer.status).toBe(200);
    expect(lines.filter((line) => JSON.parse(line).level >= 40)).toEqual([]);
  });

  it('logs nothing for a request without a signature header', async () => {
    const { url, lines } = await startReceiver();
    const answer = await fetch(url, { method: 'POST', headers: { 'x-github-event': 'push' }, body: '{}' });
    expect(answer.status).toBe(401);
    expect(lines).toEqual([]);
  });
});
