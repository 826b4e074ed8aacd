import { describe, expect, it } from 'vitest';
import { assertRedisReady } from '../../src/queue/check-redis.js';
import { RedisPolicyError } from '../../src/queue/errors.js';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import { ownRedisConnections } from '../support/own-redis-connections.js';
import { HAS_REDIS_SERVER } from '../support/redis-server.js';

const own = ownRedisConnections();
const connectTo = own.connectTo;

describe.skipIf(!HAS_REDIS_SERVER)('assertRedisReady (own redis-server per test)', () => {
  it('accepts noeviction with an append-only file', async () => {
    await expect(
      assertRedisReady(await connectTo(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes'])),
    ).resolves.toEqual({ persistent: true });
  });

  it('refuses a Redis without an append-only file, naming the setting and the fix', async () => {
    const error = await assertRedisReady(await connectTo(['--maxmemory-policy', 'noeviction'])).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(RedisPolicyError);
    expect(error.code).toBe('redis-persistence');
    expect(error.message).toContain('appendonly no');
    expect(error.message).toContain('appendonly yes');
    expect(error.message).toContain('ROOTGUARD_ALLOW_VOLATILE_REDIS=1');
    // One sentence.
    expect(error.message.match(/\. /g)).toBeNull();
    expect(error.message).toMatch(/\.$/);
  });

  it('accepts one with ROOTGUARD_ALLOW_VOLATILE_REDIS, and says it is volatile', async () => {
    const volatile = await connectTo(['--maxmemory-policy', 'noeviction']);
    await expect(assertRedisReady(volatile, { allowVolatile: true })).resolves.toEqual({ persistent: false });
  });

  it('reads persistence from INFO persistence when CONFIG is disabled (managed Redis)', async () => {
    const off = await connectTo(['--maxmemory-policy', 'noeviction', '--rename-command', 'CONFIG', '']);
    await expect(assertRedisReady(off)).rejects.toMatchObject({ code: 'redis-persistence' });
    const on = await connectTo([
      '--maxmemory-policy',
      'noeviction',
      '--appendonly',
      'yes',
      '--rename-command',
      'CONFIG',
      '',
    ]);
    await expect(assertRedisReady(on)).resolves.toEqual({ persistent: true });
  });

  it('checks eviction before persistence (an evicting Redis is refused even when allowed volatile)', async () => {
    const lru = await connectTo(['--maxmemory-policy', 'allkeys-lru']);
    await expect(assertRedisReady(lru, { allowVolatile: true })).rejects.toMatchObject({
      code: 'redis-policy',
    });
  });

  it('refuses allkeys-lru and says why and how to fix it', async () => {
    const error = await assertRedisReady(await connectTo(['--maxmemory-policy', 'allkeys-lru'])).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(RedisPolicyError);
    expect(error.code).toBe('redis-policy');
    expect(error.message).toContain('maxmemory-policy allkeys-lru');
    expect(error.message).toContain('loses BullMQ jobs');
    expect(error.message).toContain('maxmemory-policy noeviction');
  });

  it('reads the policy from INFO memory when CONFIG is disabled (managed Redis)', async () => {
    const lru = await connectTo(['--maxmemory-policy', 'volatile-lru', '--rename-command', 'CONFIG', '']);
    await expect(assertRedisReady(lru)).rejects.toThrow(/maxmemory-policy volatile-lru/);
    await expect(lru.config('GET', 'maxmemory-policy')).rejects.toThrow(/unknown command/i);
    const ok = await connectTo(['--maxmemory-policy', 'noeviction', '--rename-command', 'CONFIG', '']);
    await expect(assertRedisReady(ok, { allowVolatile: true })).resolves.toEqual({ persistent: false });
  });
});

describe('assertRedisReady (unreachable Redis)', () => {
  it('gives up after its timeout with QueueUnavailableError', async () => {
    const connection = own.adopt(
      createRedisConnection('redis://127.0.0.1:1', 'producer', { onError: () => undefined }),
    );
    await expect(assertRedisReady(connection, { timeoutMs: 300 })).rejects.toMatchObject({
      name: 'QueueUnavailableError',
      status: 503,
    });
  });
});
