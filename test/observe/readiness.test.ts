import { describe, expect, it } from 'vitest';
import {
  cachedCheck,
  checkReadiness,
  FAILING_TTL_MS,
  type CheckResult,
} from '../../src/observe/readiness.js';
import { redisCheck } from '../../src/observe/redis-check.js';
import { ownRedisConnections } from '../support/own-redis-connections.js';
import { HAS_REDIS_SERVER } from '../support/redis-server.js';

const counting = (results: CheckResult[]) => {
  let calls = 0;
  return {
    calls: () => calls,
    check: {
      name: 'upstream',
      run: async () => results[Math.min(calls++, results.length - 1)]!,
    },
  };
};

describe('checkReadiness', () => {
  it('is ready when no check fails (`off` is not a failure), and names each check', async () => {
    const report = await checkReadiness([
      { name: 'a', run: async () => ({ state: 'ok' }) },
      { name: 'b', run: async () => ({ state: 'off', detail: 'not configured' }) },
    ]);
    expect(report).toEqual({
      ready: true,
      checks: { a: { state: 'ok' }, b: { state: 'off', detail: 'not configured' } },
    });
  });

  it('fails a check that throws (without echoing its error) or does not answer in time', async () => {
    const report = await checkReadiness(
      [
        { name: 'ok', run: async () => ({ state: 'ok' }) },
        { name: 'throws', run: () => Promise.reject(new Error('redis://user:hunter2@db failed')) },
        { name: 'hangs', run: () => new Promise<CheckResult>(() => undefined) },
      ],
      50,
    );
    expect(report.ready).toBe(false);
    expect(report.checks['throws']).toEqual({ state: 'failing', detail: 'the check threw an error' });
    expect(report.checks['hangs']).toEqual({ state: 'failing', detail: 'no answer within 50 ms' });
    expect(JSON.stringify(report)).not.toContain('hunter2');
  });
});

describe('cachedCheck', () => {
  it('asks again only once its answer is older than the TTL, and keeps a failure shorter', async () => {
    let now = 0;
    const { check, calls } = counting([{ state: 'ok' }, { state: 'failing' }, { state: 'ok' }]);
    const cached = cachedCheck(check, 60_000, () => now);
    await cached.run();
    now = 59_999;
    expect(await cached.run()).toEqual({ state: 'ok' });
    expect(calls()).toBe(1);
    now = 60_000;
    expect(await cached.run()).toEqual({ state: 'failing' });
    now += FAILING_TTL_MS - 1;
    expect(await cached.run()).toEqual({ state: 'failing' });
    expect(calls()).toBe(2);
    now += 1;
    expect(await cached.run()).toEqual({ state: 'ok' });
    expect(calls()).toBe(3);
  });

  it('shares one call between probes that arrive together', async () => {
    const { check, calls } = counting([{ state: 'ok' }]);
    const cached = cachedCheck(check, 60_000);
    await Promise.all([cached.run(), cached.run(), cached.run()]);
    expect(calls()).toBe(1);
  });
});

const own = ownRedisConnections();
const connectTo = own.connectTo;

describe.skipIf(!HAS_REDIS_SERVER)('redisCheck (own redis-server per test)', () => {
  it('is ok with noeviction and an append-only file', async () => {
    const redis = await connectTo(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']);
    expect(await redisCheck(redis, { allowVolatile: false }).run()).toEqual({ state: 'ok' });
  });

  it('fails an evicting Redis, naming the policy and the fix', async () => {
    const redis = await connectTo(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'yes']);
    const result = await redisCheck(redis, { allowVolatile: false }).run();
    expect(result.state).toBe('failing');
    expect(result.detail).toContain('allkeys-lru');
    expect(result.detail).toContain('noeviction');
  });

  it('fails a Redis without persistence unless volatile Redis is allowed, then says so', async () => {
    const redis = await connectTo(['--maxmemory-policy', 'noeviction', '--appendonly', 'no']);
    expect((await redisCheck(redis, { allowVolatile: false }).run()).state).toBe('failing');
    expect(await redisCheck(redis, { allowVolatile: true }).run()).toEqual({
      state: 'ok',
      detail: 'no append-only file (ROOTGUARD_ALLOW_VOLATILE_REDIS=1)',
    });
  });

  it('fails when Redis has gone, without naming its address', async () => {
    const redis = await connectTo(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']);
    await own.servers[0]!.stop();
    const report = await checkReadiness([redisCheck(redis, { allowVolatile: false })]);
    expect(report.ready).toBe(false);
    expect(JSON.stringify(report)).not.toMatch(/127\.0\.0\.1|:\d{4,5}/);
  });
});
