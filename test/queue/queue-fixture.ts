import type { Redis } from 'ioredis';
import { waitForRedisReady } from '../../src/queue/check-redis.js';
import { createQueues, type RootguardQueues } from '../../src/queue/queues.js';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import type { ScanJob } from '../../src/queue/scan-job.js';
import { deleteUnder, TEST_REDIS_URL, uniquePrefix } from '../incidents/redis-fixture.js';

/** Queues under a fresh prefix on the shared Redis, and how to remove every key they made. */
export async function openTestQueues(url = TEST_REDIS_URL): Promise<{
  connection: Redis;
  queues: RootguardQueues;
  prefix: string;
  dispose(): Promise<void>;
}> {
  const connection = createRedisConnection(url, 'producer');
  await waitForRedisReady(connection);
  const prefix = uniquePrefix('queue');
  const queues = createQueues({ connection, prefix });
  return {
    connection,
    queues,
    prefix,
    dispose: async () => {
      await queues.scan.obliterate({ force: true });
      await queues.playbook.obliterate({ force: true });
      await queues.notify.obliterate({ force: true });
      await queues.close();
      await deleteUnder(connection, prefix);
      await connection.quit();
    },
  };
}

/** A valid push job. */
export function pushJob(deliveryId: string, overrides: Partial<ScanJob> = {}): ScanJob {
  return {
    kind: 'push',
    deliveryId,
    installationId: 42,
    owner: 'acme',
    repo: 'api',
    repoPublic: false,
    ref: 'refs/heads/main',
    before: '0'.repeat(40),
    after: 'a'.repeat(40),
    baseBranch: 'main',
    forced: false,
    ...overrides,
  } as ScanJob;
}
