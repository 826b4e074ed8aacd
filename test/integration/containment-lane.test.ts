import { describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';

const PERMISSIONS = ['api.*.create_key'];
/** Clean pushes queued ahead of the leak; each makes two check-run writes, one a second. */
const BACKLOG = 6;
const isCheckRunWrite = (r: { method: string; path: string }) =>
  r.method !== 'GET' && /\/check-runs(\/\d+)?$/.test(r.path);

// Issue 12 defect 3: containment must not wait behind the scans' GitHub writes.
describe('containment before the scans write (issue 12, defect 3)', () => {
  const h = useHarness(5701, { unkey: { keyCacheMs: 0 } });

  it('writes the check run only after the incident is recorded', async () => {
    const repo = await h.createRepo('recorded-first');
    const leaked = h.unkey.addRootKey({ name: 'recorded-first', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const incident = await h.incidents.get(incidentId);
    const created = h.emulator.requests.find(
      (r) => r.method === 'POST' && r.path === `/repos/${repo}/check-runs`,
    );
    expect(created).toBeDefined();
    expect(created!.at).toBeGreaterThanOrEqual(Date.parse(incident!.createdAt));
    await h.waitForPlaybook(incidentId);
  });

  it("puts the leak's secret before the check-run writes of the scans queued ahead of it", async () => {
    const clean = await h.createRepo('backlog');
    const repo = await h.createRepo('leaking');
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'behind-backlog', permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    // Commits and payloads first, so the deliveries follow each other closely.
    const payloads: unknown[] = [];
    for (let i = 0; i < BACKLOG; i++) {
      const before = (await h.emulator.branchSha(clean, 'main'))!;
      const after = await h.emulator.commit(clean, 'main', { [`notes/${i}.md`]: `note ${i}\n` });
      payloads.push(await pushPayload(h.emulator, { repo: clean, branch: 'main', before, after }));
    }
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const after = await h.emulator.commit(repo, 'main', { 'deploy/.env': `UNKEY_ROOT_KEY=${leaked.key}\n` });
    const leakPayload = await pushPayload(h.emulator, { repo, branch: 'main', before, after });
    const deliveries: string[] = [];
    for (const payload of payloads) {
      const { status, deliveryId } = await h.deliver('push', payload);
      expect(status).toBe(200);
      deliveries.push(deliveryId);
    }
    const leakDeliveredAt = Date.now();
    const delivered = await h.deliver('push', leakPayload);
    expect(delivered.status).toBe(200);
    const incidentId = incidentIdFor(fingerprintKey(leaked.key));
    const state = await h.waitForPlaybook(incidentId);
    for (const id of [...deliveries, delivered.deliveryId]) await h.waitForScan(id);

    expect(state.steps.get('distribute')?.outcome).toBe('done');
    const requests = h.emulator.requests;
    const put = requests.findIndex(
      (r) => r.method === 'PUT' && r.path === `/repos/${repo}/actions/secrets/UNKEY_ROOT_KEY`,
    );
    expect(put).toBeGreaterThan(-1);
    const backlogWrites = requests.filter((r) => isCheckRunWrite(r) && r.path.startsWith(`/repos/${clean}/`));
    expect(backlogWrites).toHaveLength(2 * BACKLOG);
    // Before the fix every backlog scan wrote its check run (one a second, in the installation's
    // write queue) before the leak was even scanned, and the PUT queued behind the rest: about
    // 2 × BACKLOG writes went between the leak's delivery and its secret.
    const writesAhead = requests.slice(0, put).filter((r) => isCheckRunWrite(r) && r.at >= leakDeliveredAt);
    expect(writesAhead.length).toBeLessThan(BACKLOG);
  }, 90_000);
});
