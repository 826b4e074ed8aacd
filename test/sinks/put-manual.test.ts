import { afterEach, describe, expect, it } from 'vitest';
import type { DeployTarget } from '../../src/sinks/deploy-target.js';
import { SinkError } from '../../src/sinks/errors.js';
import { putSealedSecret } from '../../src/sinks/put-sealed-secret.js';
import { sealForTargets } from '../../src/sinks/seal-for-targets.js';
import type { SealedSecret } from '../../src/sinks/sealed-secret.js';
import { API_REPO, INSTALLATION_ID, useSinksFixture } from './sinks-fixture.js';

const f = useSinksFixture(4103);

async function sealOne(target: DeployTarget): Promise<SealedSecret> {
  const [result] = await sealForTargets(async () => f.client, [target], f.newKey());
  if (!result?.ok) throw new Error(`sealing failed: ${result?.error}`);
  return result.sealed;
}

afterEach(() => {
  f.fx.emulator.setInstallationPermissions(INSTALLATION_ID, {
    secrets: 'write',
    environments: 'write',
    organization_secrets: 'write',
  });
  f.fx.emulator.faults.clear();
});

describe('putting a sealed secret that GitHub refuses', () => {
  it('is manual, naming the exact secret, when the public key changed after sealing (422)', async () => {
    const target: DeployTarget = { scope: 'org', org: 'acme', name: 'UNKEY_ROOT_KEY' };
    const sealed = await sealOne(target);
    f.fx.emulator.rotatePublicKey(target);
    const result = await putSealedSecret(f.client, sealed);
    expect(result).toMatchObject({
      outcome: 'manual',
      instruction: 'Set the organisation secret UNKEY_ROOT_KEY of acme to the new key',
    });
    expect(result.outcome === 'manual' && result.reason).toMatch(
      /^GitHub answered 422 .* the public key of organisation acme changed after the key was sealed for key id \d+$/,
    );
    expect(f.fx.emulator.secretValue(target, target.name)).toBeUndefined();
  });

  it('is manual for a repository secret after rotation as well', async () => {
    const target: DeployTarget = { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY' };
    const sealed = await sealOne(target);
    f.fx.emulator.rotatePublicKey(target);
    expect(await putSealedSecret(f.client, sealed)).toMatchObject({
      outcome: 'manual',
      instruction: 'Set the repository secret UNKEY_ROOT_KEY in acme/api to the new key',
    });
  });

  it('is manual, naming the missing App permission, on 403', async () => {
    const target: DeployTarget = { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY' };
    const sealed = await sealOne(target);
    f.fx.emulator.setInstallationPermissions(INSTALLATION_ID, { secrets: 'read' });
    const result = await putSealedSecret(f.client, sealed);
    expect(result).toMatchObject({ outcome: 'manual' });
    if (result.outcome !== 'manual') return;
    expect(result.reason).toContain('GitHub answered 403 (Resource not accessible by integration)');
    expect(result.reason).toContain('"secrets: write"');
    expect(result.instruction).toMatch(/^Give the rootguard GitHub App the "secrets: write" permission/);
    expect(result.instruction).toMatch(
      /set the repository secret UNKEY_ROOT_KEY in acme\/api to the new key$/,
    );
  });

  it('is manual on 403 for an organisation secret without organization_secrets', async () => {
    const target: DeployTarget = { scope: 'org', org: 'acme', name: 'UNKEY_ROOT_KEY' };
    const sealed = await sealOne(target);
    f.fx.emulator.setInstallationPermissions(INSTALLATION_ID, { organization_secrets: undefined });
    const result = await putSealedSecret(f.client, sealed);
    expect(result.outcome === 'manual' && result.instruction).toContain('"organization_secrets: write"');
  });

  it('is manual on 404 (an environment that does not exist)', async () => {
    f.fx.emulator.addEnvironment(API_REPO, 'staging');
    const target: DeployTarget = { scope: 'environment', repo: API_REPO, environment: 'staging', name: 'K' };
    const sealed = await sealOne(target);
    const gone = { ...sealed, target: { ...target, environment: 'nowhere' } };
    const result = await putSealedSecret(f.client, gone);
    expect(result).toMatchObject({ outcome: 'manual' });
    expect(result.outcome === 'manual' && result.reason).toContain('GitHub answered 404');
  });

  it('throws for the queue to retry on 5xx', async () => {
    const target: DeployTarget = { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY' };
    const sealed = await sealOne(target);
    f.fx.emulator.faults.add({
      method: 'PUT',
      path: /\/actions\/secrets\//,
      kind: 'server-error',
      status: 502,
    });
    const error = await putSealedSecret(f.client, sealed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SinkError);
    expect(error).toMatchObject({ code: 'github-unavailable', status: 502 });
    expect((error as Error).message).toBe(
      'setting the repository secret UNKEY_ROOT_KEY in acme/api failed: GitHub answered 502 (Bad Gateway)',
    );
    // The retry succeeds.
    expect(await putSealedSecret(f.client, sealed)).toEqual({ outcome: 'done' });
  });

  it('throws (not manual) on a secondary rate limit, though it is a 403', async () => {
    const target: DeployTarget = { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY' };
    const sealed = await sealOne(target);
    f.fx.emulator.faults.add({
      method: 'PUT',
      path: /\/actions\/secrets\//,
      kind: 'secondary-rate-limit',
      retryAfter: 1,
    });
    await expect(putSealedSecret(f.client, sealed)).rejects.toMatchObject({
      code: 'github-unavailable',
      status: 403,
    });
  });

  it('throws on a dropped connection', async () => {
    const target: DeployTarget = { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY' };
    const sealed = await sealOne(target);
    f.fx.emulator.faults.add({ method: 'PUT', path: /\/actions\/secrets\//, kind: 'drop' });
    await expect(putSealedSecret(f.client, sealed)).rejects.toMatchObject({ code: 'github-unavailable' });
  });
});
