import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_REDIS_SERVER, startRedisServer, type OwnRedis } from '../support/redis-server.js';
import { assertBuiltCliFresh } from '../support/worker-process.js';
import { runRootguard, TEST_PRIVATE_KEY } from './run-rootguard.js';

// F5 (issue 12): an evicting Redis (`maxmemory-policy allkeys-lru`) loses BullMQ jobs and
// incidents when memory runs out, silently: `serve` and `worker` refuse to start, exit 2, and say why.
describe.skipIf(!HAS_REDIS_SERVER)('F5: a Redis with maxmemory-policy allkeys-lru', () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    assertBuiltCliFresh();
    // AOF on, so eviction is the only thing wrong with it.
    redis = await startRedisServer(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'yes']);
  });
  afterAll(() => redis?.stop());

  const env = () => ({
    APP_ID: '1',
    PRIVATE_KEY: TEST_PRIVATE_KEY,
    WEBHOOK_SECRET: 'f05-webhook-secret',
    ROOTGUARD_REDIS_URL: redis.url,
    ROOTGUARD_PREFIX: 'rg-f05',
    // Allowing a volatile Redis does not allow an evicting one.
    ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
  });

  it.each(['serve', 'worker'])(
    '`rootguard %s` refuses to start: exit 2, one line naming the policy and the fix',
    async (role) => {
      const result = await runRootguard([role], env());
      expect(result.code).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^rootguard: error: Redis uses maxmemory-policy allkeys-lru, /);
      expect(lines[0]).toContain('loses BullMQ jobs and incidents');
      expect(lines[0]).toContain('maxmemory-policy noeviction');
      // It never got as far as taking work or webhooks.
      expect(result.stderr + result.stdout).not.toMatch(/receiving webhooks|workers running/);
      // Nothing of rootguard's was written to the evicting Redis.
      const probe = new Redis(redis.url);
      try {
        expect(await probe.keys('rg-f05:*')).toEqual([]);
      } finally {
        await probe.quit();
      }
    },
  );
});
