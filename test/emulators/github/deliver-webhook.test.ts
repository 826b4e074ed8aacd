import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Probot, createNodeMiddleware } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook, signWebhook } from '../../../emulators/github/deliver-webhook.js';
import { pushPayload, ZERO_SHA } from '../../../emulators/github/webhook-payloads.js';
import { REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('GitHub emulator: webhook delivery', () => {
  let fx: EmulatorFixture;
  let server: Server;
  let url: string;
  const received: { name: string; id: string; installation: number | undefined; repoName: string }[] = [];
  const secret = 'webhook-secret-for-tests';

  beforeAll(async () => {
    fx = await startFixture();
    await fx.emulator.commit(REPO, 'main', { 'a.txt': 'a\n' });
    const probot = new Probot({
      appId: fx.emulator.appId,
      privateKey: fx.emulator.privateKeyPem,
      secret,
      baseUrl: fx.emulator.url,
      logLevel: 'fatal',
    });
    const middleware = await createNodeMiddleware(
      (app) => {
        app.on('push', async (context) => {
          // The installation Octokit Probot builds works against the emulator.
          const { data } = await context.octokit.rest.repos.get(context.repo());
          received.push({
            name: context.name,
            id: context.id,
            installation: context.payload.installation?.id,
            repoName: data.full_name,
          });
        });
      },
      { probot, webhooksPath: '/api/github/webhooks' },
    );
    server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fx.emulator.close();
  });

  it('signs like GitHub (sha256=hex HMAC of the body)', () => {
    // Known-answer value from GitHub's webhook docs ("Testing the webhook payload validation").
    expect(signWebhook("It's a Secret to Everybody", 'Hello, World!')).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });

  it('delivers a push that Probot verifies and handles', async () => {
    const payload = await pushPayload(fx.emulator, { repo: REPO, branch: 'main', before: ZERO_SHA });
    const result = await deliverWebhook({ url, secret, event: 'push', payload, deliveryId: 'delivery-1' });
    expect(result.status).toBe(200);
    expect(received).toEqual([{ name: 'push', id: 'delivery-1', installation: 77, repoName: REPO }]);
    expect(fx.emulator.violations).toEqual([]);
  });

  it('a wrong secret is rejected by the receiver', async () => {
    const payload = await pushPayload(fx.emulator, { repo: REPO, branch: 'main', before: ZERO_SHA });
    const result = await deliverWebhook({ url, secret: 'wrong', event: 'push', payload });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
