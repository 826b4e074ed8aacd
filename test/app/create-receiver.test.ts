import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../../emulators/github/deliver-webhook.js';
import { BodyBudget } from '../../src/app/body-budget.js';
import { createProbot } from '../../src/app/create-probot.js';
import { createReceiver, WEBHOOK_PATH } from '../../src/app/create-receiver.js';
import { createLogger } from '../../src/log/create-logger.js';
import type { ScanJob } from '../../src/queue/scan-job.js';
import { openRawPost } from '../support/raw-webhook.js';
import { webhookExample } from '../support/webhook-examples.js';
import { sha } from '../support/scan-jobs.js';

const SECRET = `whsec-${randomUUID()}`;
const PEM = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
}).privateKey;
const MiB = 1024 * 1024;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A receiver on a free port whose enqueues are recorded. */
async function startReceiver(bodyBudget?: BodyBudget) {
  const queued: ScanJob[] = [];
  const probot = createProbot({
    appId: 1,
    privateKey: PEM,
    webhookSecret: SECRET,
    githubApiUrl: 'http://127.0.0.1:9',
    log: createLogger({ level: 'silent' }),
  });
  server = await createReceiver({
    probot,
    deps: {
      enqueueScan: async (job) => void queued.push(job),
      enqueueScans: async (_, jobs) => void queued.push(...jobs),
      enqueueCommand: async () => undefined,
      identity: { appId: 1 },
    },
    healthy: async () => true,
    ...(bodyBudget ? { bodyBudget } : {}),
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;
  return { url, queued };
}

const headers = (signature: string) => ({
  'x-github-event': 'push',
  'x-github-delivery': randomUUID(),
  'x-hub-signature-256': signature,
});

function signedPush() {
  const payload = {
    ...webhookExample('push'),
    installation: { id: 42 },
    ref: 'refs/heads/main',
    before: sha('a'),
    after: sha('b'),
  };
  const body = JSON.stringify(payload);
  return { body, headers: headers(signWebhook(SECRET, body)) };
}

describe('createReceiver: memory before the signature is checked', () => {
  it('answers 401 to a missing or malformed signature header before reading the body', async () => {
    const { url, queued } = await startReceiver();
    for (const signature of [undefined, 'sha1=abc', `sha256=${'z'.repeat(64)}`, `sha256=${'0'.repeat(63)}`]) {
      const h: Record<string, string> = { 'x-github-event': 'push', 'x-github-delivery': randomUUID() };
      if (signature !== undefined) h['x-hub-signature-256'] = signature;
      // 24 MB announced, 1 KB sent, the rest never: the answer cannot wait for the body.
      const post = openRawPost(url, h, 24 * MiB);
      post.write(Buffer.alloc(1024, 0x20));
      const answer = await post.answer;
      post.destroy();
      expect(answer.status).toBe(401);
      expect(answer.headers['connection']).toBe('close');
    }
    expect(queued).toEqual([]);
  });

  it('never reads more bodies or bytes at once than its budget, and still answers a valid delivery', async () => {
    const budget = new BodyBudget({ maxBodies: 2, maxBytes: 3 * MiB });
    const { url, queued } = await startReceiver(budget);
    // Eight 1 MiB bodies, each started and held half-sent: only two may be taken in.
    const forged = Array.from({ length: 8 }, () => {
      const post = openRawPost(url, headers(`sha256=${'0'.repeat(64)}`), 1 * MiB);
      post.write(Buffer.alloc(MiB / 2, 0x20));
      return post;
    });
    await expect.poll(() => budget.inFlight).toBe(2);
    const valid = signedPush();
    const good = openRawPost(url, valid.headers, Buffer.byteLength(valid.body));
    good.end(valid.body);
    for (const post of forged) post.end(Buffer.alloc(MiB / 2, 0x20));
    const answers = await Promise.all(forged.map((post) => post.answer));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(400));
    expect((await good.answer).status).toBe(200);
    expect(queued).toHaveLength(1);
    expect(budget.peakBodies).toBe(2);
    expect(budget.peakBytes).toBeLessThanOrEqual(3 * MiB);
    expect(budget.inFlight).toBe(0);
  });

  it('answers 503 with Retry-After when no room comes in time, and frees the room of a dropped request', async () => {
    const budget = new BodyBudget({ maxBodies: 1, waitMs: 200 });
    const { url } = await startReceiver(budget);
    const stuck = openRawPost(url, headers(`sha256=${'0'.repeat(64)}`), 4096);
    stuck.write('{');
    await expect.poll(() => budget.inFlight).toBe(1);
    const refused = openRawPost(url, headers(`sha256=${'0'.repeat(64)}`), 2);
    refused.end('{}');
    const answer = await refused.answer;
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    stuck.destroy();
    await expect.poll(() => budget.inFlight).toBe(0);
    const valid = signedPush();
    const after = openRawPost(url, valid.headers, Buffer.byteLength(valid.body));
    after.end(valid.body);
    expect((await after.answer).status).toBe(200);
  });
});
