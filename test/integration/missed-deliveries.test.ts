import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import type { SweepResult } from '../../src/sweep/sweep-deliveries.js';
import { SWEEP_JOB, SWEEP_QUEUE, type SweepJob } from '../../src/sweep/sweep-schedule.js';
import { REDIS_URL, useHarness } from './harness.js';

// An hour between sweeps: the start-up sweep runs, then the tests ask for each sweep themselves
// through the same queue the scheduler feeds (one worker of the runtime runs it).
const h = useHarness(1616, { env: { ROOTGUARD_SWEEP_INTERVAL_MS: '3600000' } });

describe('missed deliveries: the sweeper redelivers what the receiver missed', () => {
  let queue: Queue<SweepJob>;
  let events: QueueEvents;
  let eventsConnection: Redis;
  beforeAll(async () => {
    queue = new Queue<SweepJob>(SWEEP_QUEUE, { connection: h.redis, prefix: h.prefix });
    eventsConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    events = new QueueEvents(SWEEP_QUEUE, { connection: eventsConnection, prefix: h.prefix });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events.close();
    eventsConnection.disconnect();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  /** Runs one sweep through the runtime's sweep worker; waits for the redeliveries it asked for. */
  async function sweepNow(): Promise<SweepResult> {
    const job = await queue.add(SWEEP_JOB, { reason: 'interval' }, { jobId: `test-${randomUUID()}` });
    const result = (await job.waitUntilFinished(events, 30_000)) as SweepResult;
    await h.emulator.settleRedeliveries();
    return result;
  }
  const receiverUp = () =>
    h.emulator.setWebhookTarget({ url: `${h.runtime.url}/api/github/webhooks`, secret: h.webhookSecret });
  const receiverDown = () => h.emulator.setWebhookTarget(undefined);
  /** The attempts GitHub was asked to redeliver for one event. */
  const redeliveriesOf = (guid: string) => {
    const ids = new Set(h.emulator.hookDeliveries.filter((d) => d.guid === guid).map((d) => d.id));
    return h.emulator.redeliveryRequests.filter((id) => ids.has(id));
  };
  async function pushTo(repo: string, files: Record<string, string>) {
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const after = await h.emulator.commit(repo, 'main', files, { message: 'change' });
    return pushPayload(h.emulator, { repo, branch: 'main', before, after });
  }

  it('a push made while the receiver was down is scanned after a sweep, and its leak contained', async () => {
    const repo = await h.createRepo('missed-push');
    // A key Unkey knows and a deployment secret that holds it: the playbook can contain it.
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const key = h.watchKey(h.unkey.addRootKey({ name: 'production', permissions: ['api.*.read_key'] }).key);
    receiverDown();
    const missed = await h.emulator.sendWebhook(
      'push',
      await pushTo(repo, { '.env': `UNKEY_ROOT_KEY=${key}\n` }),
    );
    expect(missed.statusCode).toBeGreaterThanOrEqual(500);

    receiverUp();
    const sweep = await sweepNow();
    expect(sweep).toMatchObject({ redelivered: 1, failed: 1, errors: 0 });
    const attempts = h.emulator.hookDeliveries.filter((d) => d.guid === missed.guid);
    expect(attempts.map((d) => [d.redelivery, d.statusCode])).toEqual([
      [false, missed.statusCode],
      [true, 200],
    ]);
    expect(await h.waitForScan(missed.guid)).toMatchObject({ status: 'complete', findings: 1 });
    const incidentId = incidentIdFor(fingerprintKey(key));
    await h.waitForPlaybook(incidentId);
    expect(await h.incidents.get(incidentId)).toMatchObject({ occurrenceCount: 1, status: 'contained' });
    expect((await h.incidents.occurrences(incidentId))[0]).toMatchObject({ deliveryId: missed.guid });

    // Answered now: the next sweep leaves it alone.
    expect(await sweepNow()).toMatchObject({ redelivered: 0, failed: 0 });
    expect(redeliveriesOf(missed.guid)).toHaveLength(1);
  });

  it('a delivery GitHub lists as failed but rootguard took is not redelivered', async () => {
    const repo = await h.createRepo('taken-anyway');
    const payload = await pushTo(repo, { 'a.txt': 'clean\n' });
    receiverDown();
    const failed = await h.emulator.sendWebhook('push', payload);
    // The same event reached the receiver another way (GitHub timed out after the receiver took it).
    expect((await h.deliver('push', payload, failed.guid)).status).toBe(200);
    await h.waitForScan(failed.guid);

    receiverUp();
    expect(await sweepNow()).toMatchObject({ redelivered: 0, processed: 1 });
    expect(redeliveriesOf(failed.guid)).toEqual([]);
  });

  it('a redelivery already asked for is not asked again, even when it failed too', async () => {
    const repo = await h.createRepo('asked-once');
    receiverDown();
    const failed = await h.emulator.sendWebhook('push', await pushTo(repo, { 'b.txt': 'clean\n' }));
    const first = await sweepNow();
    expect(first).toMatchObject({ redelivered: 1 });
    // The redelivery failed as well (the receiver is still down).
    expect(h.emulator.hookDeliveries.filter((d) => d.guid === failed.guid).map((d) => d.statusCode)).toEqual([
      failed.statusCode,
      failed.statusCode,
    ]);
    receiverUp();
    expect(await sweepNow()).toMatchObject({ redelivered: 0, askedBefore: 1 });
    expect(redeliveriesOf(failed.guid)).toHaveLength(1);
  });
});
