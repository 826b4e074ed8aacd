import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlaybookDependencies } from '../../src/playbook/playbook-dependencies.js';
import { startPlaybookWorker } from '../../src/playbook/start-playbook-worker.js';
import type { NotifyDependencies } from '../../src/report/notify/notify-dependencies.js';
import { startNotifyWorker } from '../../src/report/notify/start-notify-worker.js';
import { TEST_REDIS_URL, uniquePrefix } from '../incidents/redis-fixture.js';

// Issue 12, defect 7: with BullMQ's defaults (30 s lock, 30 s stalled check) a crash mid-playbook
// delayed containment by a minute. A dead worker's job is free at most lock + stalled check after
// the crash; the budget is 10 s. (The cost itself is measured by test/faults/f01-….)
describe('the workers’ lock settings', () => {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = uniquePrefix('job-lock');
  afterAll(async () => {
    await redis.quit();
  });

  it('take a dead worker’s playbook or notify job over within 10 s, and survive two take-overs', async () => {
    const log = pino({ level: 'silent' });
    const playbook = startPlaybookWorker({
      connection: redis,
      prefix,
      deps: { log } as unknown as PlaybookDependencies,
      requeue: async () => undefined,
    });
    const notify = startNotifyWorker({
      connection: redis,
      prefix,
      deps: { log } as unknown as NotifyDependencies,
    });
    try {
      for (const worker of [playbook, notify]) {
        const { lockDuration = Infinity, stalledInterval = Infinity } = worker.opts;
        expect(lockDuration + stalledInterval).toBeLessThanOrEqual(10_000);
        expect(worker.opts.maxStalledCount).toBeGreaterThanOrEqual(2);
      }
    } finally {
      await playbook.close();
      await notify.close();
    }
  });
});
