import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveIncident } from '../../src/playbook/approve-incident.js';
import { startPlaybookWorker } from '../../src/playbook/start-playbook-worker.js';
import { APPROVAL_POLL_MS } from '../../src/playbook/steps/gate.js';
import { enqueuePlaybook, type PlaybookJob } from '../../src/queue/playbook-job.js';
import { PLAYBOOK_QUEUE } from '../../src/queue/queues.js';
import type { NotifyRequest } from '../../src/queue/notify-job.js';
import { deleteUnder, TEST_REDIS_URL, uniquePrefix } from '../incidents/redis-fixture.js';
import { KeyGenerator } from '../support/keygen.js';
import { watchKeys } from '../support/suite-canary.js';
import { heldAtGate } from './held-at-gate.js';

const gen = new KeyGenerator(5411);

// An approval looks for the playbook's job in the delayed set to wake it. The gate writes
// 'awaiting-approval' (which lets the approval through) while the job is still active: it then
// hands the 'waiting' report over and only then parks the job. An approval that lands in between
// finds no delayed job, and the parked job used to sleep until the gate's next look
// (APPROVAL_POLL_MS, a minute) with the approved key still live.
describe('startPlaybookWorker: an approval while the gate is parking the job', () => {
  const prefix = uniquePrefix('playbook-worker');
  const key = gen.rootKey();
  watchKeys(key);
  let redis: Redis;
  let queue: Queue<PlaybookJob>;
  let worker: Worker | undefined;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue<PlaybookJob>(PLAYBOOK_QUEUE, { connection: redis, prefix });
  });
  afterAll(async () => {
    await worker?.close(true);
    await queue.obliterate({ force: true });
    await queue.close();
    await deleteUnder(redis, prefix);
    await redis.quit();
  });

  it('wakes the job it parked when the approval came while it was still active', async () => {
    const notified: NotifyRequest[] = [];
    // verify and identify are done: the job's first step is the gate.
    const { incidents, runs, incidentId, deps } = await heldAtGate(redis, prefix, key, async (request) => {
      notified.push(request);
      // The 'waiting' report is handed over while the job is still active: approve right here.
      if (request.trigger === 'waiting') {
        expect(await (await queue.getJob(incidentId))!.getState()).toBe('active');
        await approveIncident({ incidents, runs }, queue, incidentId, 'octocat');
      }
    });
    worker = startPlaybookWorker({
      connection: redis,
      prefix,
      concurrency: 1,
      deps,
      requeue: async () => undefined,
    });
    await enqueuePlaybook(queue, incidentId);

    // Woken at once, the gate sees the approval. Without the wake the job sleeps APPROVAL_POLL_MS
    // (a minute), far past this wait.
    await expect
      .poll(async () => (await runs.currentRun(incidentId))?.steps.get('gate')?.outcome, {
        timeout: APPROVAL_POLL_MS / 3,
        interval: 50,
      })
      .toBe('done');
    expect(notified.map((n) => n.trigger)).toContain('waiting');
    expect((await runs.currentRun(incidentId))!.steps.get('gate')!.summary).toContain('Approved by octocat');
  });
});
