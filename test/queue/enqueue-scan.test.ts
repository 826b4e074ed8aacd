import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueScan, SCAN_ATTEMPTS } from '../../src/queue/enqueue-scan.js';
import { JobDataError } from '../../src/queue/errors.js';
import { KeyGenerator } from '../support/keygen.js';
import { openTestQueues, pushJob } from './queue-fixture.js';

const open: Array<Awaited<ReturnType<typeof openTestQueues>>> = [];
async function queues() {
  const q = await openTestQueues();
  open.push(q);
  return q;
}
afterEach(async () => {
  for (const q of open.splice(0)) await q.dispose();
});

describe('enqueueScan', () => {
  it('adds one job per delivery id: a redelivered webhook adds nothing', async () => {
    const { queues: q } = await queues();
    const delivery = randomUUID();
    expect(await enqueueScan(q.scan, pushJob(delivery))).toBe(delivery);
    expect(await enqueueScan(q.scan, pushJob(delivery, { after: 'b'.repeat(40) }))).toBe(delivery);
    await Promise.all([1, 2, 3].map(() => enqueueScan(q.scan, pushJob(delivery))));
    expect(await q.scan.count()).toBe(1);
    const job = await q.scan.getJob(delivery);
    // Stamped as the webhook is taken: time-to-contain starts here.
    expect(job?.data).toEqual({ ...pushJob(delivery), receivedAt: expect.any(Number) });
    expect(job?.name).toBe('push');
    expect(job?.opts.attempts).toBe(SCAN_ATTEMPTS);
    expect(job?.opts.backoff).toMatchObject({ type: 'exponential' });
    await enqueueScan(q.scan, pushJob(randomUUID()));
    expect(await q.scan.count()).toBe(2);
  });

  it('accepts every kind of scan job', async () => {
    const { queues: q } = await queues();
    const base = { installationId: 1, owner: 'o', repo: 'r', repoPublic: true };
    const sha = 'c'.repeat(40);
    await enqueueScan(q.scan, {
      ...base,
      deliveryId: randomUUID(),
      kind: 'pull_request',
      pullNumber: 3,
      baseSha: sha,
      headSha: sha,
    });
    await enqueueScan(q.scan, {
      ...base,
      deliveryId: randomUUID(),
      kind: 'workflow_job',
      runId: 5,
      jobId: 6,
      headSha: sha,
    });
    await enqueueScan(q.scan, {
      ...base,
      deliveryId: randomUUID(),
      kind: 'workflow_run',
      runId: 5,
      headSha: sha,
    });
    await enqueueScan(q.scan, {
      ...base,
      deliveryId: randomUUID(),
      kind: 'secret_scanning_alert',
      alertNumber: 9,
    });
    expect(await q.scan.count()).toBe(4);
  });

  it('refuses data outside the schema, naming the field and not the value', async () => {
    const { queues: q } = await queues();
    const reject = (job: unknown) => enqueueScan(q.scan, job as never).catch((e: unknown) => e);
    const extra = await reject({ ...pushJob(randomUUID()), payload: { big: true } });
    expect(extra).toBeInstanceOf(JobDataError);
    const badSha = (await reject(pushJob(randomUUID(), { after: 'not-a-sha-value' }))) as Error;
    expect(badSha.message).toContain('after');
    expect(badSha.message).not.toContain('not-a-sha-value');
    // BullMQ refuses integer job ids and ids with `:`: such delivery ids are refused up front.
    expect(await reject(pushJob('12345'))).toBeInstanceOf(JobDataError);
    expect(await reject(pushJob('a:b:c'))).toBeInstanceOf(JobDataError);
    expect(await q.scan.count()).toBe(0);
  });

  it('refuses job data that holds anything key-shaped', async () => {
    const { queues: q } = await queues();
    const key = new KeyGenerator(701).rootKey();
    const error = (await enqueueScan(q.scan, pushJob(randomUUID(), { baseBranch: key } as never)).catch(
      (e) => e,
    )) as Error;
    expect(error).toBeInstanceOf(JobDataError);
    expect(error.message).not.toContain(key.slice(8));
    const encoded = Buffer.from(key).toString('base64');
    await expect(
      enqueueScan(q.scan, pushJob(randomUUID(), { baseBranch: encoded } as never)),
    ).rejects.toBeInstanceOf(JobDataError);
    expect(await q.scan.count()).toBe(0);
  });
});
