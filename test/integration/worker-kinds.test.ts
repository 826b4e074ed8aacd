import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/github-emulator.js';
import { startRuntime } from '../../src/cli/runtime/start-runtime.js';
import { createLogger } from '../../src/log/create-logger.js';
import { COMMAND_QUEUE, NOTIFY_QUEUE, PLAYBOOK_QUEUE, SCAN_QUEUE } from '../../src/queue/queues.js';
import { REDIS_URL } from './harness.js';

/** How many BullMQ workers Redis sees on each queue (BullMQ names their connections). */
async function workersSeen(redis: Redis, prefix: string): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (const name of [SCAN_QUEUE, PLAYBOOK_QUEUE, NOTIFY_QUEUE, COMMAND_QUEUE]) {
    const queue = new Queue(name, { connection: redis, prefix });
    seen[name] = await queue.getWorkersCount();
    await queue.close();
  }
  return seen;
}

describe('ROOTGUARD_WORKERS and ROOTGUARD_<KIND>_CONCURRENCY', () => {
  let emulator: GitHubEmulator;
  let redis: Redis;
  const prefix = `rg-test-scale-${randomUUID().slice(0, 8)}`;
  const env = (extra: Record<string, string>) => ({
    APP_ID: String(emulator.appId),
    PRIVATE_KEY: emulator.privateKeyPem,
    GITHUB_API_URL: emulator.url,
    WEBHOOK_SECRET: `whsec-${randomUUID()}`,
    ROOTGUARD_APP_SLUG: 'rootguard',
    ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
    ...extra,
  });
  beforeAll(async () => {
    emulator = await startGitHubEmulator();
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await emulator.close();
  });

  it('a worker process with only `playbook` runs no scan, notify or command worker', async () => {
    const runtime = await startRuntime({
      role: 'worker',
      env: env({ ROOTGUARD_WORKERS: 'playbook', ROOTGUARD_PLAYBOOK_CONCURRENCY: '3' }),
      prefix,
      log: createLogger({ level: 'silent' }),
    });
    try {
      expect([...runtime.workers.keys()]).toEqual(['playbook']);
      // The setting reached BullMQ: the worker object BullMQ runs works 3 jobs at once.
      expect(runtime.workers.get('playbook')).toMatchObject({ name: PLAYBOOK_QUEUE, concurrency: 3 });
      await expect
        .poll(() => workersSeen(redis, prefix))
        .toEqual({
          [SCAN_QUEUE]: 0,
          [PLAYBOOK_QUEUE]: 1,
          [NOTIFY_QUEUE]: 0,
          [COMMAND_QUEUE]: 0,
        });
    } finally {
      await runtime.close();
    }
  });

  it('each kind runs at its own concurrency, and the defaults stay the measured ones', async () => {
    const runtime = await startRuntime({
      role: 'worker',
      env: env({ ROOTGUARD_SCAN_CONCURRENCY: '2', ROOTGUARD_NOTIFY_CONCURRENCY: '7' }),
      prefix,
      log: createLogger({ level: 'silent' }),
    });
    try {
      const concurrency = Object.fromEntries(
        [...runtime.workers].map(([kind, worker]) => [kind, worker.concurrency]),
      );
      expect(concurrency).toEqual({ scan: 2, playbook: 8, notify: 7, command: 4, retention: 1 });
    } finally {
      await runtime.close();
    }
  });

  it('`serve` with `none` receives webhooks and runs no worker', async () => {
    const runtime = await startRuntime({
      role: 'serve',
      env: env({ ROOTGUARD_WORKERS: 'none' }),
      prefix,
      port: 0,
      log: createLogger({ level: 'silent' }),
    });
    try {
      expect(runtime.workers.size).toBe(0);
      expect((await fetch(`${runtime.url}/healthz`)).status).toBe(200);
      expect(await workersSeen(redis, prefix)).toEqual({
        [SCAN_QUEUE]: 0,
        [PLAYBOOK_QUEUE]: 0,
        [NOTIFY_QUEUE]: 0,
        [COMMAND_QUEUE]: 0,
      });
    } finally {
      await runtime.close();
    }
  });
});
