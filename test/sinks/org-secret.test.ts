import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import type { DeployTarget } from '../../src/sinks/deploy-target.js';
import { putSealedSecret } from '../../src/sinks/put-sealed-secret.js';
import { sealForTargets } from '../../src/sinks/seal-for-targets.js';
import { API_REPO, WEB_REPO, useSinksFixture } from './sinks-fixture.js';

const f = useSinksFixture(4102);

async function sealAndPut(target: DeployTarget): Promise<string> {
  const key = f.newKey();
  const [result] = await sealForTargets(async () => f.client, [target], key);
  if (!result?.ok) throw new Error(`sealing failed: ${result?.error}`);
  expect(await putSealedSecret(f.client, result.sealed)).toEqual({ outcome: 'done' });
  return fingerprintKey(key.reveal());
}

function fingerprintOf(target: DeployTarget): string | undefined {
  const value = f.fx.emulator.secretValue(target, target.name);
  return value === undefined ? undefined : fingerprintKey(value);
}

describe('organisation secrets', () => {
  it('keep visibility "selected" and the selected repositories', async () => {
    f.fx.emulator.addOrgSecret('acme', 'UNKEY_ROOT_KEY', {
      visibility: 'selected',
      selectedRepos: [API_REPO, WEB_REPO],
    });
    const target: DeployTarget = { scope: 'org', org: 'acme', name: 'UNKEY_ROOT_KEY' };
    const fingerprint = await sealAndPut(target);
    expect(fingerprintOf(target)).toBe(fingerprint);
    expect(f.fx.emulator.secretInfo(target, target.name)).toMatchObject({
      visibility: 'selected',
      selectedRepos: [API_REPO, WEB_REPO],
    });
  });

  it('keep visibility "all"', async () => {
    f.fx.emulator.addOrgSecret('acme', 'SHARED_KEY', { visibility: 'all' });
    const target: DeployTarget = { scope: 'org', org: 'acme', name: 'SHARED_KEY' };
    await sealAndPut(target);
    expect(f.fx.emulator.secretInfo(target, target.name)?.visibility).toBe('all');
  });

  it('start "private" when the secret is new', async () => {
    const target: DeployTarget = { scope: 'org', org: 'acme', name: 'NEW_KEY' };
    const fingerprint = await sealAndPut(target);
    expect(f.fx.emulator.secretInfo(target, target.name)?.visibility).toBe('private');
    expect(fingerprintOf(target)).toBe(fingerprint);
  });

  it('read every page of the selected repositories', async () => {
    const many = Array.from({ length: 103 }, (_, i) => `acme/svc-${i}`);
    for (const repo of many) await f.fx.emulator.createRepository(repo, { installationId: 77 });
    f.fx.emulator.addOrgSecret('acme', 'WIDE_KEY', { visibility: 'selected', selectedRepos: many });
    const target: DeployTarget = { scope: 'org', org: 'acme', name: 'WIDE_KEY' };
    await sealAndPut(target);
    expect(f.fx.emulator.secretInfo(target, target.name)?.selectedRepos).toEqual(many);
  });
});
