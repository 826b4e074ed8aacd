import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/github-emulator.js';
import { startRuntime } from '../../src/cli/runtime/start-runtime.js';
import { createLogger } from '../../src/log/create-logger.js';
import { enqueueScan } from '../../src/queue/enqueue-scan.js';
import { waitForRedisReady } from '../../src/queue/check-redis.js';
import { createQueues } from '../../src/queue/queues.js';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import { REDIS_URL } from './harness.js';

describe('rootguard worker (no receiver)', () => {
  let emulator: GitHubEmulator;
  const prefix = `rg-it-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    emulator = await startGitHubEmulator();
    emulator.addInstallation({ id: 11, account: { login: 'acme' } });
    await emulator.createRepository('acme/scaled', { installationId: 11 });
  });
  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await emulator.close();
  });

  it('starts without a webhook secret, takes scan jobs from the shared queue, and closes', async () => {
    const runtime = await startRuntime({
      role: 'worker',
      env: {
        APP_ID: String(emulator.appId),
        PRIVATE_KEY: emulator.privateKeyPem,
        GITHUB_API_URL: emulator.url,
        ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
      },
      prefix,
      log: createLogger({ level: 'silent' }),
      healthPort: 0,
    });
    expect(runtime.url).toBeUndefined();
    // Its own small port: the process answers, and it is ready (Redis, the App's credentials).
    expect((await fetch(`${runtime.healthUrl}/livez`)).status).toBe(200);
    const ready = await fetch(`${runtime.healthUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { redis: { state: 'ok' }, 'github-app': { state: 'ok' }, 'unkey-responder': { state: 'off' } },
    });
    const before = await emulator.commit('acme/scaled', 'main', { 'a.txt': 'a\n' });
    const after = await emulator.commit('acme/scaled', 'main', { 'b.txt': 'b\n' });
    const producer = createRedisConnection(REDIS_URL, 'producer');
    await waitForRedisReady(producer);
    const queues = createQueues({ connection: producer, prefix });
    const job = {
      kind: 'push' as const,
      deliveryId: randomUUID(),
      installationId: 11,
      owner: 'acme',
      repo: 'scaled',
      repoPublic: true,
      ref: 'refs/heads/main',
      before,
      after,
      forced: false,
    };
    await enqueueScan(queues.scan, job);
    await expect
      .poll(() => emulator.checkRuns('acme/scaled').at(-1)?.conclusion, { timeout: 20_000 })
      .toBe('success');
    await runtime.close();
    await queues.close();
    await producer.quit();
  });
});
