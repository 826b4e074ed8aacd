import { afterEach, describe, expect, it } from 'vitest';
import type { DeployTarget } from '../../src/sinks/deploy-target.js';
import { sealForTargets } from '../../src/sinks/seal-for-targets.js';
import { API_REPO, INSTALLATION_ID, useSinksFixture } from './sinks-fixture.js';

const f = useSinksFixture(4104);

afterEach(() => {
  f.fx.emulator.setInstallationPermissions(INSTALLATION_ID, { environments: 'write' });
});

describe('sealing when a public key cannot be read', () => {
  it('gives a result with the manual instruction for that target and seals the others', async () => {
    f.fx.emulator.setInstallationPermissions(INSTALLATION_ID, { environments: undefined });
    f.fx.emulator.addEnvironment(API_REPO, 'production');
    const targets: DeployTarget[] = [
      { scope: 'environment', repo: API_REPO, environment: 'production', name: 'UNKEY_ROOT_KEY' },
      { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY' },
    ];
    const [env, repo] = await sealForTargets(async () => f.client, targets, f.newKey());
    expect(repo?.ok).toBe(true);
    expect(env).toEqual({
      ok: false,
      target: targets[0],
      error:
        'GitHub answered 403 (Resource not accessible by integration) for the public key of environment production of acme/api',
      manual:
        'Give the rootguard GitHub App the "environments: write" permission (App settings → Permissions, ' +
        'then accept the new permission on the installation for acme), or set the environment secret ' +
        'UNKEY_ROOT_KEY (production) in acme/api to the new key',
    });
  });

  it('gives a result, not a throw, when no client can be made; the error never holds the key', async () => {
    const key = f.newKey();
    const target: DeployTarget = { scope: 'repo', repo: API_REPO, name: 'UNKEY_ROOT_KEY' };
    const [result] = await sealForTargets(
      async () => {
        throw new Error(`no installation for acme (while holding ${key.reveal()})`);
      },
      [target],
      key,
    );
    expect(result).toEqual({
      ok: false,
      target,
      error:
        'sealing for the repository secret UNKEY_ROOT_KEY in acme/api failed: no installation for acme (while holding [redacted])',
      manual: 'Set the repository secret UNKEY_ROOT_KEY in acme/api to the new key',
    });
  });
});
