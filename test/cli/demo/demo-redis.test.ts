import { afterAll, describe, expect, it } from 'vitest';
import { resolveDemoRedis } from '../../../src/cli/demo/demo-redis.js';
import { HAS_REDIS_SERVER, startRedisServer, type OwnRedis } from '../../support/redis-server.js';

// Issue 12, defect 6: the demo says when the Redis it was given keeps no append-only file (it
// then runs with ROOTGUARD_ALLOW_VOLATILE_REDIS=1 and a warning), and not when it does.
describe.skipIf(!HAS_REDIS_SERVER)('resolveDemoRedis: persistence of a given Redis', () => {
  const started: OwnRedis[] = [];
  afterAll(async () => {
    for (const server of started) await server.stop();
  });

  it('calls a Redis without an append-only file volatile, and one with it not', async () => {
    const volatile = await startRedisServer(['--maxmemory-policy', 'noeviction']);
    const persistent = await startRedisServer(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']);
    started.push(volatile, persistent);
    expect(await resolveDemoRedis(volatile.url)).toMatchObject({ source: 'given', volatile: true });
    expect(await resolveDemoRedis(persistent.url)).toMatchObject({ source: 'given', volatile: false });
  });
});
