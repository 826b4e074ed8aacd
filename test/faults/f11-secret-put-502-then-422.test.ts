import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import type { RunState } from '../../src/incidents/run-store.js';
import { useHarness } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';
import { AUTOMATIC_RUN, outcomesOf } from '../integration/playbook-support.js';

const PERMISSIONS = ['api.*.read_key'];

// F11 (issue 12): GitHub answers a deployment secret's PUT with 502, then 204: the PUT is retried
// and the secret set. Then a 422 for a stale `key_id` (the repository's public key changed after
// the new key was sealed): re-sealing needs the new key's plaintext, which rootguard never keeps
// (only the ciphertext is checkpointed, by design), so it cannot re-seal: the step is `manual`,
// naming the secret and how to set it, and the PUT is not retried blindly.
describe('F11: a secret PUT answered 502 then 204, and 422 for a stale key_id', () => {
  const h = useHarness(4911);

  const putsTo = (repo: string) =>
    h.emulator.requests.filter(
      (r) => r.method === 'PUT' && r.path === `/repos/${repo}/actions/secrets/UNKEY_ROOT_KEY`,
    );

  async function leak(name: string) {
    const repo = await h.createRepo(name, { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name, permissions: PERMISSIONS });
    h.watchKey(leaked.key);
    return { repo, leaked };
  }

  it('502 then 204: retried, the secret holds the live replacement', async () => {
    const { repo, leaked } = await leak('f11-bad-gateway');
    h.emulator.faults.add({
      method: 'PUT',
      path: `/repos/${repo}/actions/secrets/UNKEY_ROOT_KEY`,
      kind: 'server-error',
      status: 502,
      times: 1,
    });
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    expect(outcomesOf(state)).toEqual(AUTOMATIC_RUN);
    expect(putsTo(repo).map((r) => r.status)).toEqual([502, 204]);
    const live = h.unkey
      .rootKeys()
      .filter((k) => k.name === 'f11-bad-gateway' && k.expires === null && !k.deleted);
    expect(live).toHaveLength(1);
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    expect(fingerprintKey(h.watchKey(value!))).toBe(live[0]!.hash);
  });

  it('422 for a stale key_id: contained, and `manual` naming the secret (the new key was never kept to re-seal)', async () => {
    const { repo, leaked } = await leak('f11-stale-key');
    // The repository's public key changes while the reroll is in flight: after contain read it
    // (and sealed the new key with it), before distribute PUTs the ciphertext.
    const take = h.unkey.faults.take.bind(h.unkey.faults);
    h.unkey.faults.take = (op) => {
      if (op === 'rootKeys.rerollKey') h.emulator.rotatePublicKey({ scope: 'repo', repo });
      return take(op);
    };
    let incidentId: string;
    let state: RunState;
    try {
      ({ incidentId } = await leakInPush(h, repo, leaked.key));
      state = await h.waitForPlaybook(incidentId);
    } finally {
      h.unkey.faults.take = take;
    }
    // Containment stands: the leaked key is revoked, one live replacement.
    expect(state.steps.get('contain')!.outcome).toBe('done');
    expect(h.unkey.rootKey(leaked.keyId)!.expires).not.toBeNull();
    // One PUT, answered 422: a stale key id does not heal by retrying.
    expect(putsTo(repo).map((r) => r.status)).toEqual([422]);
    const distribute = state.steps.get('distribute')!;
    expect(distribute.outcome).toBe('manual');
    expect(distribute.instruction).toContain(`UNKEY_ROOT_KEY`);
    expect(distribute.instruction).toContain(repo);
    expect(distribute.instruction).toMatch(/changed after the key was sealed/);
    expect(distribute.instruction).toContain(`rootguard deliver --incident ${incidentId}`);
    expect(await h.incidents.get(incidentId)).toMatchObject({ status: 'needs-human' });
    // The secret still holds what it held before (the emulator's seed), not the replacement.
    expect(h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY')).toBe('seeded-by-the-emulator');
  });
});
