import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../emulators/github/deliver-webhook.js';
import { CONNECT_FAILURE } from '../../../emulators/github/hook-deliveries.js';
import { startFixture, type EmulatorFixture } from './emulator-fixture.js';

const SECRET = 'emulator-test-secret';

describe('GitHub emulator: the App webhook delivery log', () => {
  let fx: EmulatorFixture;
  let app: InstanceType<typeof ProbotOctokit>;
  let receiver: Server;
  let receiverUrl: string;
  const received: { guid: string; signed: boolean }[] = [];
  beforeAll(async () => {
    fx = await startFixture();
    app = new ProbotOctokit({
      baseUrl: fx.emulator.url,
      auth: { appId: fx.emulator.appId, privateKey: fx.emulator.privateKeyPem },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        received.push({
          guid: String(req.headers['x-github-delivery']),
          signed: req.headers['x-hub-signature-256'] === signWebhook(SECRET, body),
        });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await new Promise((resolve) => receiver.close(resolve));
    await fx.emulator.close();
  });

  it('records a failed attempt while no receiver listens, and a redelivery with the same guid', async () => {
    fx.emulator.setWebhookTarget(undefined);
    const failed = await fx.emulator.sendWebhook('ping', { zen: 'Keep it logically awesome.', hook_id: 1 });
    expect(failed).toMatchObject({ statusCode: CONNECT_FAILURE.statusCode, redelivery: false });

    fx.emulator.setWebhookTarget({ url: receiverUrl, secret: SECRET });
    const listed = await app.request('GET /app/hook/deliveries', { per_page: 100 });
    expect(listed.data.map((d) => [d.guid, d.status_code])).toContainEqual([failed.guid, 502]);

    const answer = await app.request('POST /app/hook/deliveries/{delivery_id}/attempts', {
      delivery_id: failed.id,
    });
    expect(answer.status).toBe(202);
    await fx.emulator.settleRedeliveries();
    expect(received).toContainEqual({ guid: failed.guid, signed: true });
    const again = fx.emulator.hookDeliveries.filter((d) => d.guid === failed.guid);
    expect(again.map((d) => [d.redelivery, d.statusCode])).toEqual([
      [false, 502],
      [true, 200],
    ]);
    expect(fx.emulator.redeliveryRequests).toEqual([failed.id]);
  });

  it('pages newest first with a cursor in the Link header, and filters failures', async () => {
    fx.emulator.setWebhookTarget({ url: receiverUrl, secret: SECRET });
    for (let i = 0; i < 5; i++) await fx.emulator.sendWebhook('ping', { zen: `z${i}`, hook_id: 1 });
    const ids: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await app.request('GET /app/hook/deliveries', {
        per_page: 2,
        ...(cursor ? { cursor } : {}),
      });
      ids.push(...page.data.map((d) => Number(d.id)));
      const next = /<([^>]+)>;\s*rel="next"/.exec(page.headers.link ?? '')?.[1];
      if (next === undefined) break;
      cursor = new URL(next).searchParams.get('cursor') ?? undefined;
    }
    expect(ids).toEqual(fx.emulator.hookDeliveries.map((d) => d.id).reverse());
    const failures = await app.request('GET /app/hook/deliveries', { status: 'failure', per_page: 100 });
    expect(failures.data.every((d) => d.status_code >= 400)).toBe(true);
    expect(failures.data).toHaveLength(1);
  });

  it('answers 404 for a delivery it never made', async () => {
    await expect(
      app.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: 999_999 }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
