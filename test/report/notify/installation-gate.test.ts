import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { InstallationGate } from '../../../src/report/notify/installation-gate.js';
import { NotifyWait } from '../../../src/report/notify/notify-wait.js';
import { keysUnder, TEST_REDIS_URL, uniquePrefix } from '../../incidents/redis-fixture.js';

describe('InstallationGate (report requests per installation, over every process)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const prefix = uniquePrefix('gate');
  afterAll(async () => {
    const keys = await keysUnder(redis, prefix);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('lets one request through per interval and makes the next wait for its slot', async () => {
    const slept: number[] = [];
    const gate = new InstallationGate(redis, {
      prefix,
      intervalMs: 200,
      sleep: async (ms) => {
        slept.push(ms);
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    await gate.pass(1);
    expect(slept).toEqual([]);
    await gate.pass(1);
    expect(slept.length).toBeGreaterThan(0);
    expect(slept.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    // Another installation has a slot of its own.
    const before = slept.length;
    await gate.pass(2);
    expect(slept.length).toBe(before);
  });

  it('sends nothing while a rate limit is in force, and says until when', async () => {
    const gate = new InstallationGate(redis, { prefix, intervalMs: 1 });
    await gate.block(3, 60_000);
    const error = await gate.pass(3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyWait);
    expect((error as NotifyWait).until).toBeGreaterThan(Date.now() + 50_000);
    // A shorter limit never shortens a longer one.
    await gate.block(3, 1_000);
    const later = await gate.pass(3).catch((e: unknown) => e);
    expect((later as NotifyWait).until).toBeGreaterThan(Date.now() + 50_000);
  });

  it('parks the job rather than wait long in-process for a slot', async () => {
    const gate = new InstallationGate(redis, { prefix, intervalMs: 10_000, maxInlineWaitMs: 100 });
    await gate.pass(4);
    await expect(gate.pass(4)).rejects.toBeInstanceOf(NotifyWait);
  });

  it('leaves only keys that expire', async () => {
    for (const key of await keysUnder(redis, prefix)) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});
