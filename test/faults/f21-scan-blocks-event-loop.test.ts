// F21 (issue 12): a scan whose detection would block the event loop longer than the job lock.
// Must show: no double execution; the scanner yields (bounded slices, src/sources/scan-budget.ts).
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { SCAN_QUEUE } from '../../src/queue/queues.js';
import { REDIS_URL, useHarness } from '../integration/harness.js';
import { UNKEY_PREFIX } from '../support/keygen.js';

/**
 * The job lock of every worker in this file (`ROOTGUARD_JOB_LOCK_MS`): short, so the hostile push
 * below takes several locks' worth of detection. A scan that held the event loop that long would
 * lose its lock and run again.
 */
const LOCK_MS = 2000;
const h = useHarness(1221, { env: { ROOTGUARD_JOB_LOCK_MS: String(LOCK_MS) } });

/**
 * Text made of nothing but base64-encoded key leads: every few bytes a literal hit the detector
 * must decode and check (its worst case, about 1 MB/s here: `bench/hostile-input.ts`).
 */
function hostile(bytes: number): string {
  const line = `${Buffer.from(`${UNKEY_PREFIX}3Zaa`.repeat(60)).toString('base64')}\n`;
  return line.repeat(Math.ceil(bytes / line.length));
}

describe('F21: a scan longer than the job lock', () => {
  let events: QueueEvents;
  let connection: Redis;
  const stalled: string[] = [];
  const active: string[] = [];
  const failed: string[] = [];
  beforeAll(async () => {
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    events = new QueueEvents(SCAN_QUEUE, { connection, prefix: h.prefix });
    events.on('stalled', ({ jobId }) => stalled.push(jobId));
    events.on('active', ({ jobId }) => active.push(jobId));
    events.on('failed', ({ jobId }) => failed.push(jobId));
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events.close();
    connection.disconnect();
  });

  it('runs the scan once, keeps its lock and completes, turning the event loop all along', async () => {
    const repo = await h.createRepo('hostile-push');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const files: Record<string, string> = {
      // Over the 1 MiB patch cap: read from its blob, whole.
      'dump/big.b64': hostile(4 * 1024 * 1024),
    };
    // Under the patch cap: the patches arrive together in one answer and are scanned in a loop.
    for (let i = 0; i < 4; i++) files[`dump/part-${i}.b64`] = hostile(950 * 1024);
    const after = await h.emulator.commit(repo, 'main', files, { message: 'hostile dump' });
    // The longest time the event loop did not turn while the scan ran.
    let longestGap = 0;
    let last = performance.now();
    const heartbeat = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 20);
    try {
      const { status, deliveryId } = await h.deliver(
        'push',
        await pushPayload(h.emulator, { repo, branch: 'main', before, after }),
      );
      expect(status).toBe(200);
      expect(await h.waitForScan(deliveryId)).toMatchObject({ status: 'complete', findings: 0 });
      // Once: never stalled, never failed (a lost lock fails the job's completion), and the
      // commits read once. The job is taken twice by design: pass 1 scans and records, pass 2
      // (after every waiting scan) writes the check run from what pass 1 kept.
      expect(active.filter((id) => id === deliveryId)).toEqual([deliveryId, deliveryId]);
      const commitReads = h.emulator.requests.filter(
        (r) => r.method === 'GET' && r.path.includes('/hostile-push/compare/'),
      );
      expect(commitReads).toHaveLength(1);
      expect(stalled).toEqual([]);
      expect(failed).toEqual([]);
      const runs = h.emulator.checkRuns(repo);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ conclusion: 'success', status: 'completed' });
      expect(runs[0]!.output?.summary).toMatch(/5 files/);
    } finally {
      clearInterval(heartbeat);
    }
    // The lock is renewed every LOCK_MS / 2: the loop turned well within that the whole time.
    // (A liveness bound, not a speed one: a yielding scan turns every few tens of ms.)
    expect(longestGap).toBeLessThan(LOCK_MS / 2);
  }, 120_000);
});
