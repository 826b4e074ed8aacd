import { beforeAll, describe, expect, it } from 'vitest';
import {
  workflowJobCompletedPayload,
  workflowRunCompletedPayload,
} from '../../emulators/github/webhook-payloads.js';
import { writeZip } from '../../emulators/github/zip-writer.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from './harness.js';

const h = useHarness(3003);

describe('Actions logs → incidents', () => {
  let repo: string;
  let headSha: string;
  beforeAll(async () => {
    repo = await h.createRepo('ci');
    headSha = await h.emulator.commit(repo, 'main', { '.github/rootguard.yml': 'logs:\n  archive: true\n' });
  });

  it("finds a key in a job's log and points at the job, the step (by time) and the line", async () => {
    const key = h.newKey();
    const log = [
      '2026-11-27T10:00:01.0000000Z ##[group]Run actions/checkout@v4',
      '2026-11-27T10:00:02.0000000Z Checked out',
      '2026-11-27T10:00:11.0000000Z ##[group]Run ./deploy.sh',
      `2026-11-27T10:00:12.0000000Z deploying with UNKEY_ROOT_KEY=${key}`,
      '',
    ].join('\n');
    h.emulator.addWorkflowRun(repo, {
      runId: 501,
      headSha,
      jobs: [
        {
          id: 601,
          name: 'deploy',
          log,
          steps: [
            { name: 'Checkout', startedAt: '2026-11-27T10:00:00Z', completedAt: '2026-11-27T10:00:10Z' },
            { name: 'Deploy', startedAt: '2026-11-27T10:00:10Z', completedAt: '2026-11-27T10:00:20Z' },
          ],
        },
      ],
    });
    const { deliveryId } = await h.deliver(
      'workflow_job',
      workflowJobCompletedPayload(h.emulator, { repo, jobId: 601 }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({
      status: 'complete',
      findings: 1,
      method: 'job-log',
    });
    const [occurrence] = await h.incidents.occurrences(incidentIdFor(fingerprintKey(key)));
    expect(occurrence).toMatchObject({
      foundBy: 'workflow_job',
      exposedAt: '2026-11-27T10:00:12.000Z',
      location: { kind: 'job-log', runId: 501, jobId: 601, jobName: 'deploy', step: 'Deploy', line: 4 },
    });
  });

  it('scans the run archive when the repository enables it, and stops at a hostile archive with the reasons', async () => {
    const key = h.newKey();
    const bomb = Buffer.alloc(40 * 1024 * 1024, 0x61);
    const nested = writeZip([{ name: 'inner.txt', data: Buffer.from(`KEY=${key}\n`) }]);
    const archive = writeZip([
      { name: 'build/1_Set up job.txt', data: Buffer.from(`2026-11-27T10:00:00.0000000Z token ${key}\n`) },
      { name: '../../etc/passwd', data: Buffer.from('2026-11-27T10:00:00.0000000Z hello\n') },
      { name: 'build/2_nested.zip', data: nested },
      { name: 'build/3_bomb.txt', data: bomb, method: 'deflate' },
    ]);
    h.emulator.addWorkflowRun(repo, { runId: 502, headSha, jobs: [{ id: 602, name: 'build', log: 'x\n' }] });
    h.emulator.setRunLogArchive(502, archive);
    const { deliveryId } = await h.deliver(
      'workflow_run',
      workflowRunCompletedPayload(h.emulator, { repo, runId: 502 }),
    );
    const summary = await h.waitForScan(deliveryId);
    expect(summary).toMatchObject({ status: 'incomplete', findings: 1, method: 'run-archive' });
    expect(summary.incomplete).toEqual(expect.arrayContaining(['zip-nested-archive', 'zip-ratio']));
    const [occurrence] = await h.incidents.occurrences(incidentIdFor(fingerprintKey(key)));
    expect(occurrence).toMatchObject({
      foundBy: 'workflow_run',
      location: { kind: 'job-log', jobName: 'build', step: 'Set up job' },
    });
  });

  it('stops at 20,000 entries with the reason, keeping what it found before', async () => {
    const key = h.newKey();
    const entries = Array.from({ length: 20_000 }, (_, i) => ({
      name: `build/${i}_step.txt`,
      data: 'ok\n',
      method: 'store' as const,
    }));
    entries[5] = { name: 'build/5_step.txt', data: `2026-11-27T10:00:00.0000000Z ${key}\n`, method: 'store' };
    h.emulator.addWorkflowRun(repo, { runId: 503, headSha, jobs: [{ id: 603, name: 'build', log: 'x\n' }] });
    h.emulator.setRunLogArchive(503, writeZip(entries));
    const { deliveryId } = await h.deliver(
      'workflow_run',
      workflowRunCompletedPayload(h.emulator, { repo, runId: 503 }),
    );
    const summary = await h.waitForScan(deliveryId);
    expect(summary).toMatchObject({ status: 'incomplete', findings: 1, incomplete: ['zip-max-entries'] });
  });
});
