import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { NotifyWait } from '../../../src/report/notify/notify-wait.js';
import { withReportLock } from '../../../src/report/notify/report-lock.js';
import { keysUnder, TEST_REDIS_URL, uniquePrefix } from '../../incidents/redis-fixture.js';

describe('withReportLock', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const prefix = uniquePrefix('lock');
  afterAll(async () => {
    await redis.quit();
  });

  it('lets one job at a time report to a target, and frees it after, even on failure', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withReportLock(redis, prefix, 'inc_x:issue', () => held.then(() => 'first'));
    await expect.poll(async () => (await keysUnder(redis, prefix)).length).toBe(1);
    await expect(withReportLock(redis, prefix, 'inc_x:issue', async () => 'second')).rejects.toBeInstanceOf(
      NotifyWait,
    );
    // Another target is not held.
    expect(await withReportLock(redis, prefix, 'inc_y:issue', async () => 'other')).toBe('other');
    release();
    expect(await first).toBe('first');
    await expect(
      withReportLock(redis, prefix, 'inc_x:issue', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await keysUnder(redis, prefix)).toEqual([]);
  });

  it('renews the lock while the report runs past its TTL, so nobody else reports meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withReportLock(redis, prefix, 'inc_r:issue', () => held.then(() => 'first'), {
      lockMs: 300,
    });
    const key = `${prefix}:reports:lock:inc_r:issue`;
    await expect.poll(() => redis.exists(key)).toBe(1);
    // Wait until the lock has been renewed at least twice past its first expiry.
    const set = Date.now();
    await expect
      .poll(async () => Date.now() - set > 900 && (await redis.pttl(key)) > 0, { timeout: 3_000 })
      .toBe(true);
    await expect(withReportLock(redis, prefix, 'inc_r:issue', async () => 'second')).rejects.toBeInstanceOf(
      NotifyWait,
    );
    release();
    expect(await first).toBe('first');
    expect(await redis.exists(key)).toBe(0);
  });

  it("holds a lock a crashed worker leaves behind for at most 10 s (issue 12's crash budget)", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withReportLock(redis, prefix, 'inc_c:issue', () => held);
    const key = `${prefix}:reports:lock:inc_c:issue`;
    await expect.poll(() => redis.exists(key)).toBe(1);
    // A worker killed now leaves this TTL behind, and nobody renews it.
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
    release();
    await first;
  });
});
