// F16 (issue 12): hostile run log archives: a zip bomb, a nested zip, `../` names, 20,000
// entries, an archive over the size limit.
// Must show: check run `neutral` "incomplete" end to end; the worker never stalls (stalled count 0).
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowRunCompletedPayload } from '../../emulators/github/webhook-payloads.js';
import { writeZip } from '../../emulators/github/zip-writer.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { SCAN_QUEUE } from '../../src/queue/queues.js';
import { LOG_CHECK_RUN_NAME } from '../../src/scan/publish-log-check-run.js';
import { ZIP_MAX_ARCHIVE_BYTES } from '../../src/sources/limits.js';
import { REDIS_URL, useHarness } from '../integration/harness.js';

/** The job lock the lock-settings work (issue 12, defect 7) moves to: a stalled scan would show. */
const LOCK_MS = 5000;
const h = useHarness(1216, { env: { ROOTGUARD_JOB_LOCK_MS: String(LOCK_MS) } });

const line = (text: string) => Buffer.from(`2026-12-07T10:00:00.0000000Z ${text}\n`);

describe('F16: hostile run log archives', () => {
  let repo: string;
  let headSha: string;
  let events: QueueEvents;
  let connection: Redis;
  const stalled: string[] = [];
  let nextRun = 1600;
  beforeAll(async () => {
    repo = await h.createRepo('hostile-archives');
    headSha = await h.emulator.commit(repo, 'main', { '.github/rootguard.yml': 'logs:\n  archive: true\n' });
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    events = new QueueEvents(SCAN_QUEUE, { connection, prefix: h.prefix });
    events.on('stalled', ({ jobId }) => stalled.push(jobId));
    await events.waitUntilReady();
  });
  afterAll(async () => {
    // Across every archive of the file: no scan job ever lost its lock.
    expect(stalled).toEqual([]);
    await events.close();
    connection.disconnect();
  });

  /** Serves `archive` as a run's logs, delivers `workflow_run` completed, returns the summary and check run. */
  async function scanArchive(archive: Buffer) {
    const runId = ++nextRun;
    h.emulator.addWorkflowRun(repo, {
      runId,
      headSha,
      jobs: [{ id: runId + 10_000, name: 'build', log: 'x\n' }],
    });
    h.emulator.setRunLogArchive(runId, archive);
    const { status, deliveryId } = await h.deliver(
      'workflow_run',
      workflowRunCompletedPayload(h.emulator, { repo, runId }),
    );
    expect(status).toBe(200);
    const summary = await h.waitForScan(deliveryId);
    const runs = h.emulator
      .checkRuns(repo)
      .filter((run) => run.name === LOG_CHECK_RUN_NAME && run.output?.summary?.includes(`run ${runId}`));
    expect(runs).toHaveLength(1);
    return { summary, checkRun: runs[0]! };
  }

  it('a zip bomb, a nested zip and `../` names: the check run names each part not read; keys elsewhere still found', async () => {
    const key = h.newKey();
    const escaped = h.newKey();
    const archive = writeZip([
      { name: 'build/1_Set up job.txt', data: line(`token ${key}`) },
      { name: '../../../etc/cron.d/x.txt', data: line(`KEY=${escaped}`) },
      { name: 'build/2_nested.zip', data: writeZip([{ name: 'inner.txt', data: Buffer.from('x\n') }]) },
      { name: 'build/3_bomb.txt', data: Buffer.alloc(64 * 1024 * 1024, 0x61), method: 'deflate' },
    ]);
    const { summary, checkRun } = await scanArchive(archive);
    expect(summary).toMatchObject({ status: 'incomplete', findings: 2 });
    expect(summary.incomplete).toEqual(expect.arrayContaining(['zip-nested-archive', 'zip-ratio']));
    // A key was found as well: the run fails, and still names what it could not read.
    expect(checkRun).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(checkRun.output?.summary).toContain('Not scanned');
    expect(checkRun.output?.summary).toContain('zip-ratio');
    expect(checkRun.output?.summary).toContain('zip-nested-archive');
    // A `../` name is a label, never a path: its entry was read like any other.
    expect(await h.incidents.occurrences(incidentIdFor(fingerprintKey(escaped)))).toHaveLength(1);
  });

  it('a bomb without a key: neutral "incomplete", never success', async () => {
    const archive = writeZip([
      { name: 'build/1_Set up job.txt', data: line('hello') },
      { name: 'build/2_bomb.txt', data: Buffer.alloc(64 * 1024 * 1024, 0x61), method: 'deflate' },
    ]);
    const { summary, checkRun } = await scanArchive(archive);
    expect(summary).toMatchObject({ status: 'incomplete', findings: 0, incomplete: ['zip-ratio'] });
    expect(checkRun).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(checkRun.output?.title).toMatch(/incomplete|not/i);
    expect(checkRun.output?.summary).toContain('zip-ratio');
  });

  it('20,000 entries: neutral, stopped at the entry cap', async () => {
    const entries = Array.from({ length: 20_000 }, (_, i) => ({
      name: `build/${i}_step.txt`,
      data: 'ok\n',
      method: 'store' as const,
    }));
    const { summary, checkRun } = await scanArchive(writeZip(entries));
    expect(summary).toMatchObject({ status: 'incomplete', incomplete: ['zip-max-entries'] });
    expect(checkRun).toMatchObject({ conclusion: 'neutral' });
    expect(checkRun.output?.summary).toContain('zip-max-entries');
  });

  it('an archive over the size limit: neutral, not read at all', async () => {
    const { summary, checkRun } = await scanArchive(Buffer.alloc(ZIP_MAX_ARCHIVE_BYTES + 1));
    expect(summary).toMatchObject({ status: 'incomplete', incomplete: ['zip-max-archive-bytes'] });
    expect(checkRun).toMatchObject({ conclusion: 'neutral' });
    expect(checkRun.output?.summary).toContain('zip-max-archive-bytes');
  });
});
