// F17 (issue 12): a push of 5,000 files; a 50 MB file.
// Must show: per-file caps; `neutral` naming what was not read; the webhook answered at once (its
// answer arrives before the scan is done: the receiver never waits for a scan).
import { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { SCAN_QUEUE } from '../../src/queue/queues.js';
import { MAX_BLOB_BYTES } from '../../src/sources/limits.js';
import { useHarness } from '../integration/harness.js';

const h = useHarness(1217);

describe('F17: huge pushes', () => {
  let scanQueue: Queue;
  beforeAll(() => {
    scanQueue = new Queue(SCAN_QUEUE, { connection: h.redis, prefix: h.prefix });
  });
  afterAll(async () => {
    await scanQueue.close();
  });

  /** Pushes one commit of `files`; returns the answer, when it arrived, and the finished scan job. */
  async function push(name: string, files: Record<string, string | Buffer>) {
    const repo = await h.createRepo(name);
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const after = await h.emulator.commit(repo, 'main', files, { message: name });
    const answer = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'main', before, after }),
    );
    const answeredAt = Date.now();
    const summary = await h.waitForScan(answer.deliveryId);
    const job = await Job.fromId(scanQueue, answer.deliveryId);
    return { repo, answer, answeredAt, summary, job: job! };
  }

  it('5,000 files in one push: every file is read (beyond the API limits, through a clone); the answer does not wait', async () => {
    const key = h.newKey();
    const files: Record<string, string> = {};
    for (let i = 0; i < 5000; i++)
      files[`src/gen/f${String(i).padStart(4, '0')}.ts`] = `export const v${i} = ${i};\n`;
    files['src/gen/f4999.ts'] = `export const v4999 = 4999;\nconst k = "${key}";\n`;
    const { repo, answer, answeredAt, summary, job } = await push('five-thousand', files);
    expect(answer.status).toBe(200);
    // The answer came back before the scan had finished: the receiver only enqueued it.
    expect(job.finishedOn).toBeGreaterThan(answeredAt);
    expect(summary).toMatchObject({ status: 'complete', findings: 1, method: 'clone' });
    const [occurrence] = await h.incidents.occurrences(incidentIdFor(fingerprintKey(key)));
    expect(occurrence?.location).toMatchObject({ path: 'src/gen/f4999.ts', line: 2 });
    const [run] = h.emulator.checkRuns(repo);
    expect(run).toMatchObject({ conclusion: 'failure' });
    expect(run!.output?.summary).toMatch(/1 commit, 5,000 files/);
  }, 120_000);

  it('a 50 MB file: not read past the per-file cap, and the check run is neutral, naming it', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'log line without secrets\n');
    expect(big.length).toBeGreaterThan(MAX_BLOB_BYTES);
    const { repo, answer, answeredAt, summary, job } = await push('fifty-mb', {
      'dumps/trace.log': big,
      'README.md': '# fifty\nsmall text\n',
    });
    expect(answer.status).toBe(200);
    expect(job.finishedOn).toBeGreaterThan(answeredAt);
    expect(summary).toMatchObject({ status: 'incomplete', findings: 0, incomplete: ['max-blob-bytes'] });
    const [run] = h.emulator.checkRuns(repo);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(run!.output?.summary).toContain('dumps/trace.log');
    expect(run!.output?.summary).toContain('max-blob-bytes');
  }, 120_000);
});
