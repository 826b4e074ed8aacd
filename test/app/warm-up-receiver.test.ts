import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createProbot } from '../../src/app/create-probot.js';
import { createReceiver } from '../../src/app/create-receiver.js';
import { warmUpReceiver } from '../../src/app/warm-up-receiver.js';

const SECRET = 'warm-up-test-secret';

describe('warmUpReceiver (the first webhook answered as fast as later ones)', () => {
  it('runs one verified ping through the receiver, enqueues nothing, and leaves it ready to listen', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const probot = createProbot({
      appId: 1,
      privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      webhookSecret: SECRET,
      githubApiUrl: 'http://127.0.0.1:9',
      log: pino({ level: 'silent' }),
    });
    const enqueued: unknown[] = [];
    const server = await createReceiver({
      probot,
      deps: {
        enqueueScan: async (job) => void enqueued.push(job),
        enqueueScans: async (_, jobs) => void enqueued.push(...jobs),
        enqueueCommand: async (job) => void enqueued.push(job),
        identity: { appId: 1 },
      },
      healthy: async () => true,
    });
    // Called only for a delivery whose signature Probot verified.
    const pings: unknown[] = [];
    probot.webhooks.on('ping', (event) => void pings.push(event.id));

    await warmUpReceiver(server, SECRET);

    expect(pings).toHaveLength(1);
    expect(enqueued).toEqual([]);
    expect(server.listening).toBe(false);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(answer.status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
