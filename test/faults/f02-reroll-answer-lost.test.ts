// F2: the answer to the reroll is lost (applied, then the connection dropped). Must show: one
// live replacement; the orphan revoked and named in the report.
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { useHarness } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';
import { outcomesOf } from '../integration/playbook-support.js';
import { liveRootKeys } from './fault-support.js';

describe('F2: reroll answer lost', () => {
  const h = useHarness(6201);

  it('leaves one live replacement, revokes the orphan and names it in the incident issue', async () => {
    const repo = await h.createRepo('f02', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'f02', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    h.unkey.fault('rootKeys.rerollKey', { kind: 'drop-after-apply', times: 1 });
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    await h.waitForReports();

    expect(outcomesOf(state)).toMatchObject({ contain: 'done', distribute: 'done', confirm: 'done' });
    // Unkey: the leaked key, the orphan (made by the lost reroll) and the replacement; only the last lives.
    const all = h.unkey.rootKeys().filter((k) => k.name === 'f02');
    expect(all).toHaveLength(3);
    const live = liveRootKeys(h, 'f02');
    expect(live).toHaveLength(1);
    const contain = state.steps.get('contain')!.detail!;
    const orphans = contain['orphansRevoked'] as string[];
    expect(orphans).toHaveLength(1);
    const orphan = h.unkey.rootKey(orphans[0]!)!;
    expect(orphan.keyId).not.toBe(leaked.keyId);
    expect(orphan.keyId).not.toBe(live[0]!.keyId);
    expect(orphan.deleted || (orphan.expires !== null && orphan.expires <= Date.now())).toBe(true);
    // The secret holds the one live replacement.
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    expect(value && fingerprintKey(value)).toBe(live[0]!.hash);
    // The report names the orphan.
    const issues = h.emulator.issues(repo);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toContain(`**Orphans revoked**: \`${orphan.keyId}\``);
    expect(state.steps.get('contain')!.summary).toContain(orphan.keyId);
  });
});
