import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_ID_TTL_SECONDS, DeliveryLedger, enqueueOnce } from '../../src/queue/delivery-ledger.js';
import { enqueueScan } from '../../src/queue/enqueue-scan.js';
import { SCAN_QUEUE } from '../../src/queue/queues.js';
import type { ScanJob } from '../../src/queue/scan-job.js';
import { sha } from '../support/scan-jobs.js';

const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const prefix = `rg-ledger-${randomUUID().slice(0, 8)}`;
const queue = new Queue<ScanJob>(SCAN_QUEUE, { connection: redis, prefix });
const ledger = new DeliveryLedger(redis, { prefix });

beforeAll(async () => {
  await redis.ping();
});
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const push = (deliveryId: string): ScanJob => ({
  kind: 'push',
  deliveryId,
  installationId: 1,
  owner: 'acme',
  repo: 'api',
  repoPublic: false,
  ref: 'refs/heads/main',
  before: sha('a'),
  after: sha('b'),
  forced: false,
});

describe('DeliveryLedger', () => {
  it('takes a redelivery of a delivery whose job was since removed as a duplicate', async () => {
    const id = `d-${randomUUID()}`;
    expect(await enqueueOnce(ledger, id, () => enqueueScan(queue, push(id)))).toBe(true);
    // Job retention is trimmed by count and age: the job is gone, the delivery id is not.
    await (await queue.getJob(id))!.remove();
    expect(await enqueueOnce(ledger, id, () => enqueueScan(queue, push(id)))).toBe(false);
    expect(await queue.getJob(id)).toBeUndefined();
    const ttl = await redis.ttl(`${prefix}:delivery:${id}`);
    expect(ttl).toBeGreaterThan(7 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(DELIVERY_ID_TTL_SECONDS);
  });

  it('does not remember a delivery whose job could not be added: the redelivery is taken', async () => {
    const id = `d-${randomUUID()}`;
    const refused = enqueueOnce(ledger, id, () => Promise.reject(new Error('Redis went away')));
    await expect(refused).rejects.toThrow('Redis went away');
    expect(await ledger.seen(id)).toBe(false);
    expect(await enqueueOnce(ledger, id, () => enqueueScan(queue, push(id)))).toBe(true);
  });

  it('answers QueueUnavailableError at once while its connection is down', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0 });
    down.on('error', () => undefined);
    await expect(new DeliveryLedger(down, { prefix }).seen('x')).rejects.toMatchObject({
      name: 'QueueUnavailableError',
      status: 503,
    });
    down.disconnect();
  });
});
