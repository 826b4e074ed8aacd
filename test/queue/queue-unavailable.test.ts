import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENQUEUE_TIMEOUT_MS } from '../../src/queue/add-job.js';
import { enqueueScan } from '../../src/queue/enqueue-scan.js';
import { QueueUnavailableError } from '../../src/queue/errors.js';
import { enqueuePlaybook } from '../../src/queue/playbook-job.js';
import { waitForRedisReady } from '../../src/queue/check-redis.js';
import { createQueues } from '../../src/queue/queues.js';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import { uniquePrefix } from '../incidents/redis-fixture.js';
import { pushJob } from './queue-fixture.js';
import { HAS_REDIS_SERVER, startRedisServer } from '../support/redis-server.js';

describe('enqueue while Redis cannot take the job', () => {
  it('rejects with QueueUnavailableError (status 503) when Redis was never reachable', async () => {
    const connection = createRedisConnection('redis://127.0.0.1:1', 'producer', { onError: () => undefined });
    const queues = createQueues({ connection, prefix: uniquePrefix('down') });
    try {
      const error = await enqueueScan(queues.scan, pushJob(randomUUID())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueueUnavailableError);
      expect(error).toMatchObject({ status: 503, code: 'queue-unavailable' });
      await expect(enqueuePlaybook(queues.playbook, `inc_${'a'.repeat(22)}`)).rejects.toBeInstanceOf(
        QueueUnavailableError,
      );
    } finally {
      connection.disconnect();
      await queues.close().catch(() => undefined);
    }
  }, 10_000);

  it.skipIf(!HAS_REDIS_SERVER)(
    'rejects at once when Redis goes away after start-up, and recovers',
    async () => {
      const server = await startRedisServer(['--maxmemory-policy', 'noeviction']);
      const connection = createRedisConnection(server.url, 'producer', { onError: () => undefined });
      const queues = createQueues({ connection, prefix: uniquePrefix('gone') });
      try {
        await waitForRedisReady(connection);
        await enqueueScan(queues.scan, pushJob(randomUUID()));
        await server.stop();
        const error = await enqueueScan(queues.scan, pushJob(randomUUID())).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(QueueUnavailableError);
      } finally {
        connection.disconnect();
        await queues.close().catch(() => undefined);
        await server.stop();
      }
    },
    10_000,
  );

  it.skipIf(!HAS_REDIS_SERVER)(
    'rejects after ENQUEUE_TIMEOUT_MS when a connected Redis stops answering',
    async () => {
      const server = await startRedisServer(['--maxmemory-policy', 'noeviction']);
      const connection = createRedisConnection(server.url, 'producer', { onError: () => undefined });
      const admin = createRedisConnection(server.url, 'worker');
      const queues = createQueues({ connection, prefix: uniquePrefix('stalled') });
      try {
        await waitForRedisReady(connection);
        await enqueueScan(queues.scan, pushJob(randomUUID()));
        // Redis holds every client's commands (as a stalled or overloaded server would).
        await admin.call('CLIENT', 'PAUSE', String(ENQUEUE_TIMEOUT_MS + 2_000), 'ALL');
        const error = await enqueueScan(queues.scan, pushJob(randomUUID())).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(QueueUnavailableError);
        expect((error as Error).message).toContain(`within ${ENQUEUE_TIMEOUT_MS} ms`);
      } finally {
        connection.disconnect();
        admin.disconnect();
        await queues.close().catch(() => undefined);
        await server.stop();
      }
    },
    15_000,
  );
});
