import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { NotifyWait } from '../../src/report/notify-wait.js';
import { withReportLock } from '../../src/report/report-lock.js';
import { keysUnder, TEST_REDIS_URL, uniquePrefix } from '../incidents/redis-fixture.js';

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
});
