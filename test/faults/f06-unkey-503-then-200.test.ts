// F6: Unkey answers 503 three times, then 200. Must show: the reroll succeeds after backoff; no
// duplicate side effect.
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { useHarness } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';
import { AUTOMATIC_RUN, outcomesOf } from '../integration/playbook-support.js';
import { liveRootKeys, secretPuts, unkeyCalls } from './fault-support.js';

describe('F6: Unkey 503 three times, then 200', () => {
  const h = useHarness(6206);

  it('rerolls after backing off, once: one replacement, one secret PUT', async () => {
    const repo = await h.createRepo('f06');
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'f06', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    h.unkey.fault('rootKeys.rerollKey', { kind: 'server-error', status: 503, times: 3 });
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);

    expect(outcomesOf(state)).toEqual(AUTOMATIC_RUN);
    const rerolls = unkeyCalls(h, 'rootKeys.rerollKey');
    expect(rerolls.map((r) => r.status)).toEqual([503, 503, 503, 200]);
    // Backoff: each try waited longer than the one before (1 s doubling), never at once.
    const gaps = rerolls.slice(1).map((r, i) => r.at - rerolls[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
    // No duplicate side effect: one replacement in Unkey, the leaked key revoked, one PUT.
    expect(h.unkey.rootKeys().filter((k) => k.name === 'f06')).toHaveLength(2);
    const live = liveRootKeys(h, 'f06');
    expect(live).toHaveLength(1);
    expect(live[0]!.keyId).not.toBe(leaked.keyId);
    expect(secretPuts(h, repo)).toHaveLength(1);
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    expect(value && fingerprintKey(value)).toBe(live[0]!.hash);
  });
});
