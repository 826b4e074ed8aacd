import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import type { DeployTarget } from '../../src/sinks/deploy-target.js';
import { putSealedSecret } from '../../src/sinks/put-sealed-secret.js';
import { sealForTargets } from '../../src/sinks/seal-for-targets.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import { API_REPO, useSinksFixture } from './sinks-fixture.js';

const f = useSinksFixture(4101);

/** Fingerprints only: a test never holds the secret's value in an assertion message. */
function fingerprintOf(value: string | undefined): string | undefined {
  return value === undefined ? undefined : fingerprintKey(value);
}

describe('sealing and putting a replacement key', () => {
  it('sets a repository, an environment and an organisation secret to the sealed key', async () => {
    const { emulator } = f.fx;
    emulator.addRepoSecret(API_REPO, 'UNKEY_ROOT_KEY');
    emulator.addEnvironment(API_REPO, 'production');
    const targets: DeployTarget[] = [
      { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY' },
      { scope: 'environment', repo: API_REPO, environment: 'production', name: 'UNKEY_ROOT_KEY' },
      { scope: 'org', org: 'acme', name: 'UNKEY_ROOT_KEY' },
    ];
    const key = f.newKey();
    const results = await sealForTargets(async () => f.client, targets, key);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const before = emulator.secretWrites.length;
    for (const result of results) {
      if (!result.ok) throw new Error(result.error);
      // The record holds ciphertext only: no piece of the key beyond its mask.
      expect(findKeyMaterial([['sealed', JSON.stringify(result.sealed)]], [key.reveal()])).toEqual([]);
      expect(await putSealedSecret(f.client, result.sealed)).toEqual({ outcome: 'done' });
    }
    results.forEach((result, i) => {
      const target = targets[i]!;
      if (!result.ok) throw new Error(result.error);
      expect(emulator.secretInfo(target, target.name)?.keyId).toBe(result.sealed.publicKeyId);
      expect(fingerprintOf(emulator.secretValue(target, target.name))).toBe(fingerprintKey(key.reveal()));
    });
    expect(emulator.secretWrites.slice(before).map((w) => [w.scope.scope, w.name])).toEqual([
      ['repo', 'UNKEY_ROOT_KEY'],
      ['environment', 'UNKEY_ROOT_KEY'],
      ['org', 'UNKEY_ROOT_KEY'],
    ]);
  });

  it('asks for a scope public key once when several secrets share it', async () => {
    const { emulator } = f.fx;
    const targets: DeployTarget[] = [
      { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY' },
      { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY_BACKUP' },
    ];
    const asked = () =>
      emulator.requests.filter((r) => r.path.endsWith('/actions/secrets/public-key')).length;
    const before = asked();
    const results = await sealForTargets(async () => f.client, targets, f.newKey());
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(asked() - before).toBe(1);
  });

  it('seals each target with a different ciphertext that only its scope opens', async () => {
    const { emulator } = f.fx;
    const target: DeployTarget = { scope: 'repo', repo: API_REPO, name: 'SECOND' };
    const key = f.newKey();
    const [a] = await sealForTargets(async () => f.client, [target], key);
    const [b] = await sealForTargets(async () => f.client, [target], key);
    if (!a?.ok || !b?.ok) throw new Error('sealing failed');
    expect(a.sealed.ciphertext).not.toBe(b.sealed.ciphertext);
    expect(await putSealedSecret(f.client, b.sealed)).toEqual({ outcome: 'done' });
    expect(fingerprintOf(emulator.secretValue(target, 'SECOND'))).toBe(fingerprintKey(key.reveal()));
  });
});
