import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  scheduleSweeps,
  SWEEP_QUEUE,
  SWEEP_SCHEDULER_ID,
  type SweepJob,
} from '../../src/sweep/sweep-schedule.js';

describe('scheduleSweeps', () => {
  const prefix = `rg-test-sweep-${randomUUID().slice(0, 8)}`;
  let redis: Redis;
  let queue: Queue<SweepJob>;
  beforeAll(() => {
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    queue = new Queue<SweepJob>(SWEEP_QUEUE, { connection: redis, prefix });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('three processes starting in one interval make one scheduler and one start-up sweep', async () => {
    const now = () => Date.parse('2026-12-08T00:02:00Z');
    for (let i = 0; i < 3; i++) await scheduleSweeps(queue, 300_000, now);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([[SWEEP_SCHEDULER_ID, 300_000]]);
    const waiting = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    const startUp = waiting.filter((job) => job.data.reason === 'start-up');
    expect(startUp.map((job) => job.id)).toEqual([`start-up-${Math.floor(now() / 300_000)}`]);
  });

  it('an interval of 0 removes the scheduler: sweeping is off', async () => {
    await scheduleSweeps(queue, 0);
    expect(await queue.getJobSchedulers()).toEqual([]);
  });
});
