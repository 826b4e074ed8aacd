import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { startRedisServer, type OwnRedis } from '../support/redis-server.js';
import { startHarness, type Harness } from './harness.js';

describe('Redis down', () => {
  let redis: OwnRedis;
  let h: Harness;
  beforeAll(async () => {
    redis = await startRedisServer(['--maxmemory-policy', 'noeviction']);
    h = await startHarness({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await h.close();
    await redis.stop();
  });

  it('answers 503 so GitHub shows the delivery failed, and takes the redelivery once Redis is back', async () => {
    const repo = await h.createRepo('outage');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const after = await h.emulator.commit(repo, 'main', { 'a.txt': 'hello\n' });
    const payload = await pushPayload(h.emulator, { repo, branch: 'main', before, after });
    await redis.stop();
    const failed = await h.deliver('push', payload);
    expect(failed.status).toBe(503);
    expect((await fetch(`${h.runtime.url}/healthz`)).status).toBe(503);

    redis = await startRedisServer(['--maxmemory-policy', 'noeviction'], redis.port);
    // The producer connection reconnects on its own; redeliver like GitHub's "Redeliver" button.
    await expect
      .poll(async () => (await fetch(`${h.runtime.url}/healthz`)).status, { timeout: 10_000 })
      .toBe(200);
    const redelivered = await h.deliver('push', payload, failed.deliveryId);
    expect(redelivered.status).toBe(200);
    expect(await h.waitForScan(failed.deliveryId)).toMatchObject({ findings: 0 });
  });
});
