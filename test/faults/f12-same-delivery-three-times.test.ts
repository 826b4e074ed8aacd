import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { pullRequestPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { SCAN_QUEUE } from '../../src/queue/queues.js';
import { useHarness } from '../integration/harness.js';

// F12 (issue 12): the same delivery ×3 in parallel, and again later → one job, one revoke, one comment.
describe('F12: the same delivery three times at once, and again later', () => {
  const h = useHarness(6101);
  let scanQueue: Queue | undefined;
  afterAll(() => scanQueue?.close());

  it('makes one scan job, one revoke and one pull request comment', async () => {
    scanQueue = new Queue(SCAN_QUEUE, { connection: h.redis, prefix: h.prefix });
    const repo = await h.createRepo('f12', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'f12', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    await h.emulator.createBranch(repo, 'leak', 'main');
    await h.emulator.commit(repo, 'leak', { '.env': `UNKEY_ROOT_KEY=${leaked.key}\n` });
    const pull = await h.emulator.openPullRequest(repo, { head: 'leak', base: 'main', title: 'env' });
    const payload = await pullRequestPayload(h.emulator, { repo, number: pull, action: 'opened' });
    const deliveryId = 'f12-delivery-1';

    const answers = await Promise.all([1, 2, 3].map(() => h.deliver('pull_request', payload, deliveryId)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await h.waitForScan(deliveryId);
    const incidentId = incidentIdFor(fingerprintKey(leaked.key));
    await h.waitForPlaybook(incidentId);
    await h.waitForReports();

    const rerolls = () => h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey' && r.status === 200);
    const botComments = () => h.emulator.issueComments(repo, pull).filter((c) => c.author?.type !== 'User');
    const once = async () => {
      const counts = await scanQueue!.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
      expect(h.emulator.checkRuns(repo)).toHaveLength(1);
      expect(rerolls()).toHaveLength(1);
      expect(botComments()).toHaveLength(1);
      expect(h.emulator.reviews(repo, pull)).toHaveLength(1);
      expect(await h.incidents.get(incidentId)).toMatchObject({ occurrenceCount: 1, run: 1 });
    };
    await once();
    expect(h.unkey.rootKey(leaked.keyId)!.expires).not.toBeNull();

    // Later: GitHub redelivers it once more.
    expect((await h.deliver('pull_request', payload, deliveryId)).status).toBe(200);
    await h.waitForScan(deliveryId);
    await h.waitForReports();
    await once();
  });
});
