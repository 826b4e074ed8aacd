import { describe, expect, it } from 'vitest';
import { workflowJobCompletedPayload, pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from './harness.js';

const h = useHarness(3006);

/** A one-commit push holding a new key; returns the payload and the key. */
async function leakingPush(name: string) {
  const repo = await h.createRepo(name);
  const before = (await h.emulator.branchSha(repo, 'main'))!;
  const key = h.newKey();
  const after = await h.emulator.commit(repo, 'main', { 'env.sh': `export UNKEY_ROOT_KEY=${key}\n` });
  return { repo, key, payload: await pushPayload(h.emulator, { repo, branch: 'main', before, after }) };
}

const recorded = async (key: string) =>
  (await h.incidents.get(incidentIdFor(fingerprintKey(key)))) !== undefined;

describe('GitHub faults during a scan', () => {
  it('a 502 on compare is retried and the scan completes', async () => {
    const { repo, key, payload } = await leakingPush('flaky');
    h.emulator.faults.add({ path: /\/compare\//, kind: 'server-error', status: 502 });
    const { deliveryId } = await h.deliver('push', payload);
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1 });
    expect(await recorded(key)).toBe(true);
    expect(h.emulator.requests.filter((r) => r.path.includes('/compare/')).map((r) => r.status)).toEqual([
      502, 200,
    ]);
    expect(h.emulator.checkRuns(repo).at(-1)?.conclusion).toBe('failure');
  });

  it('a secondary rate limit is waited out (retry-after), not hammered', async () => {
    const { key, payload } = await leakingPush('limited');
    h.emulator.faults.add({ path: /\/compare\//, kind: 'secondary-rate-limit', retryAfter: 1 });
    const { deliveryId } = await h.deliver('push', payload);
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1 });
    expect(await recorded(key)).toBe(true);
    const compares = h.emulator.requests.filter(
      (r) => r.path.includes('/compare/') && r.path.includes('limited'),
    );
    expect(compares.map((r) => r.status)).toEqual([403, 200]);
  });

  it('a dropped connection is retried, and a rate limit (429) is waited out', async () => {
    const { key, payload } = await leakingPush('dropped');
    h.emulator.faults.add({ path: /\/dropped\/compare\//, kind: 'drop' });
    h.emulator.faults.add({ path: /\/dropped\/contents\//, kind: 'rate-limit', retryAfter: 1 });
    const { deliveryId } = await h.deliver('push', payload);
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1 });
    expect(await recorded(key)).toBe(true);
    const compares = h.emulator.requests.filter((r) => r.path.includes('/dropped/compare/'));
    expect(compares.map((r) => r.status)).toEqual([0, 200]);
    const configReads = h.emulator.requests.filter((r) => r.path.includes('/dropped/contents/'));
    expect(configReads.map((r) => r.status).slice(0, 2)).toEqual([429, 404]);
  });

  it('a slow GitHub only makes the scan slower', async () => {
    const { key, payload } = await leakingPush('slow');
    h.emulator.faults.add({ path: /\/compare\//, kind: 'slow', delayMs: 1500 });
    const { deliveryId, status } = await h.deliver('push', payload);
    expect(status).toBe(200);
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1 });
    expect(await recorded(key)).toBe(true);
  });

  it('an expired log link is asked for again, never retried', async () => {
    const repo = await h.createRepo('expired-log');
    const key = h.newKey();
    const headSha = (await h.emulator.branchSha(repo, 'main'))!;
    h.emulator.addWorkflowRun(repo, {
      runId: 801,
      headSha,
      jobs: [{ id: 901, name: 'build', log: `2026-11-27T10:00:00.0000000Z using ${key}\n` }],
    });
    h.emulator.faults.add({ path: /\/actions\/jobs\/901\/logs$/, kind: 'expire-download' });
    const { deliveryId } = await h.deliver(
      'workflow_job',
      workflowJobCompletedPayload(h.emulator, { repo, jobId: 901 }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ status: 'complete', findings: 1 });
    const asked = h.emulator.requests.filter((r) => r.path.endsWith('/actions/jobs/901/logs'));
    expect(asked).toHaveLength(2);
    expect(h.emulator.requests.filter((r) => r.path.startsWith('/_downloads/')).map((r) => r.status)).toEqual(
      [403, 200],
    );
  });

  it('a job log GitHub does not serve yet (404 just after completion) is asked for again with backoff', async () => {
    const repo = await h.createRepo('late-log');
    const key = h.newKey();
    const headSha = (await h.emulator.branchSha(repo, 'main'))!;
    h.emulator.addWorkflowRun(repo, {
      runId: 802,
      headSha,
      jobs: [{ id: 902, name: 'build', log: `2026-11-27T10:00:00.0000000Z using ${key}\n` }],
    });
    h.emulator.faults.add({ path: /\/actions\/jobs\/902\/logs$/, kind: 'not-found' });
    const { deliveryId } = await h.deliver(
      'workflow_job',
      workflowJobCompletedPayload(h.emulator, { repo, jobId: 902 }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ status: 'complete', findings: 1 });
    expect(await recorded(key)).toBe(true);
    const asked = h.emulator.requests
      .filter((r) => r.path.endsWith('/actions/jobs/902/logs'))
      .map((r) => r.status);
    expect(asked).toEqual([404, 302]);
  });
});
