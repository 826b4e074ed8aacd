import { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { SCAN_QUEUE } from '../../src/queue/queues.js';
import { startHarness, type Harness } from '../integration/harness.js';
import {
  HAS_REDIS_SERVER,
  startRedisServer,
  type OwnRedis,
  PERSISTENT_REDIS_ARGS,
} from '../support/redis-server.js';

/** As issue 12 asks rootguard's Redis to run: an append-only file, fsynced every second. */
/**
 * GitHub gives up on a delivery after 10 s; the 503 must come before that. The bound is not a
 * speed claim: with Redis down the receiver fails fast (the connection is not `ready`) or within
 * `ENQUEUE_TIMEOUT_MS`, both far below 10 s, so only a hang (the defect) can cross it.
 */
const GITHUB_TIMEOUT_MS = 10_000;

// F4 (issue 12): Redis is down when a webhook arrives. The receiver answers 503 before GitHub's
// 10 s timeout (so GitHub shows the delivery failed); after Redis returns, a manual redelivery of
// the same delivery is processed once, and a second redelivery adds nothing (the delivery ledger).
describe.skipIf(!HAS_REDIS_SERVER)('F4: Redis down when the webhook arrives', () => {
  let redis: OwnRedis;
  let h: Harness;
  beforeAll(async () => {
    redis = await startRedisServer(PERSISTENT_REDIS_ARGS);
    // A real deployment's Redis (AOF on): no ROOTGUARD_ALLOW_VOLATILE_REDIS.
    h = await startHarness({ redisUrl: redis.url, env: { ROOTGUARD_ALLOW_VOLATILE_REDIS: '0' } });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.stop();
  });

  it('503 within 10 s; the redelivery after Redis returns makes one scan job and one check run, a second one nothing', async () => {
    const repo = await h.createRepo('f04-redis-down');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const after = await h.emulator.commit(repo, 'main', { 'src/app.ts': 'export const port = 3000;\n' });
    const payload = await pushPayload(h.emulator, { repo, branch: 'main', before, after });
    const checkRunsBefore = h.emulator.checkRuns(repo).length;

    await redis.stop();
    const started = performance.now();
    // deliverWebhook aborts at 10 s like GitHub: a hang would throw here, not answer.
    const failed = await h.deliver('push', payload);
    const elapsed = performance.now() - started;
    expect(failed.status).toBe(503);
    expect(elapsed).toBeLessThan(GITHUB_TIMEOUT_MS);
    // The answer names no internals (no stack, no Redis address).
    expect(failed.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|\bat \S+ \(/);

    redis = await startRedisServer(PERSISTENT_REDIS_ARGS, redis.port, redis.dir);
    // The producer reconnects by itself; wait until the receiver says it can take webhooks.
    await expect
      .poll(async () => (await fetch(`${h.runtime.url}/healthz`)).status, { timeout: 15_000 })
      .toBe(200);
    const scanQueue = new Queue(SCAN_QUEUE, { connection: h.redis, prefix: h.prefix });
    try {
      // Nothing of the refused delivery was kept: no job, no ledger entry.
      expect(await Job.fromId(scanQueue, failed.deliveryId)).toBeUndefined();
      expect(await h.redis.exists(`${h.prefix}:delivery:${failed.deliveryId}`)).toBe(0);

      // The operator presses "Redeliver": the same delivery id, the same payload.
      const redelivered = await h.deliver('push', payload, failed.deliveryId);
      expect(redelivered.status).toBe(200);
      expect(await h.waitForScan(failed.deliveryId)).toMatchObject({ findings: 0 });
      expect(await h.redis.exists(`${h.prefix}:delivery:${failed.deliveryId}`)).toBe(1);
      const scansAfterFirst = await scanQueue.getJobCounts();
      expect(sum(scansAfterFirst)).toBe(1);
      const runs = h.emulator.checkRuns(repo).slice(checkRunsBefore);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ headSha: after, status: 'completed' });

      // A second redelivery, after the finished job was trimmed from the queue (job retention is
      // shorter than GitHub's redelivery window): answered, and nothing added (the ledger).
      await (await Job.fromId(scanQueue, failed.deliveryId))!.remove();
      const again = await h.deliver('push', payload, failed.deliveryId);
      expect(again.status).toBe(200);
      expect(sum(await scanQueue.getJobCounts())).toBe(0);
      expect(h.emulator.checkRuns(repo).slice(checkRunsBefore)).toHaveLength(1);
    } finally {
      await scanQueue.close();
    }
  });
});

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
