import { describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from '../integration/harness.js';

// F13 (issue 12): three pushes with one key within 100 ms, from two pull requests → one incident,
// one revoke; every occurrence reported; comments on both pull requests.
describe('F13: three pushes of one key at once, from two pull requests', () => {
  const h = useHarness(6102);

  it('makes one incident and one revoke, reports every occurrence, and comments on both pull requests', async () => {
    const repo = await h.createRepo('f13', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'f13', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    const main = (await h.emulator.branchSha(repo, 'main'))!;
    await h.emulator.createBranch(repo, 'feature-a', main);
    await h.emulator.createBranch(repo, 'feature-b', main);
    const pullA = await h.emulator.openPullRequest(repo, { head: 'feature-a', base: 'main', title: 'a' });
    const pullB = await h.emulator.openPullRequest(repo, { head: 'feature-b', base: 'main', title: 'b' });
    const line = `UNKEY_ROOT_KEY=${leaked.key}\n`;
    const a1 = await h.emulator.commit(repo, 'feature-a', { 'a/first.env': line });
    const payloadA1 = await pushPayload(h.emulator, { repo, branch: 'feature-a', before: main, after: a1 });
    const b1 = await h.emulator.commit(repo, 'feature-b', { 'b/only.env': line });
    const payloadB1 = await pushPayload(h.emulator, { repo, branch: 'feature-b', before: main, after: b1 });
    const a2 = await h.emulator.commit(repo, 'feature-a', { 'a/second.env': line });
    const payloadA2 = await pushPayload(h.emulator, { repo, branch: 'feature-a', before: a1, after: a2 });

    // All three sent together: well within 100 ms of each other.
    const sentAt: number[] = [];
    const deliveries = await Promise.all(
      [payloadA1, payloadB1, payloadA2].map((payload) => {
        sentAt.push(Date.now());
        return h.deliver('push', payload);
      }),
    );
    expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeLessThan(100);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    await Promise.all(deliveries.map((d) => h.waitForScan(d.deliveryId)));

    const incidentId = incidentIdFor(fingerprintKey(leaked.key));
    expect(await h.incidents.list()).toEqual([incidentId]);
    expect(await h.incidents.get(incidentId)).toMatchObject({ occurrenceCount: 3 });
    await h.waitForPlaybook(incidentId);
    // A run that reported before the last occurrence is followed by one that reports it.
    await expect
      .poll(async () => (await h.runs.currentRun(incidentId))?.run.reportedRevision, { timeout: 30_000 })
      .toBe(3);
    await h.waitForReports();

    const rerolls = h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey' && r.status === 200);
    expect(rerolls).toHaveLength(1);
    const issue = h.emulator.issues(repo);
    expect(issue).toHaveLength(1);
    for (const path of ['a/first.env', 'b/only.env', 'a/second.env']) expect(issue[0]!.body).toContain(path);
    const botComments = (pull: number) =>
      h.emulator.issueComments(repo, pull).filter((c) => c.author?.type !== 'User');
    expect(botComments(pullA)).toHaveLength(1);
    expect(botComments(pullB)).toHaveLength(1);
    expect(botComments(pullA)[0]!.body).toContain('a/second.env');
    expect(botComments(pullB)[0]!.body).toContain('b/only.env');
  });
});
