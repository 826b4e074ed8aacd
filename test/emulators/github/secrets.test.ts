import sodium from 'libsodium-wrappers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALLATION_ID, REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const B64 = sodium.base64_variants.ORIGINAL;

describe('GitHub emulator: Actions secrets', () => {
  let fx: EmulatorFixture;
  beforeAll(async () => {
    await sodium.ready;
    fx = await startFixture();
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });

  async function sealed(value: string): Promise<{ encrypted_value: string; key_id: string }> {
    const { data } = await fx.octokit.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'app' });
    const box = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(data.key, B64));
    return { encrypted_value: sodium.to_base64(box, B64), key_id: data.key_id };
  }

  it('creates (201) then updates (204) a repository secret, and opens it with the scope’s private key', async () => {
    const put = (body: { encrypted_value: string; key_id: string }) =>
      fx.octokit.rest.actions.createOrUpdateRepoSecret({
        owner: 'acme',
        repo: 'app',
        secret_name: 'demo',
        ...body,
      });
    expect((await put(await sealed('first'))).status).toBe(201);
    expect((await put(await sealed('second'))).status).toBe(204);
    expect(fx.emulator.secretValue({ scope: 'repo', repo: REPO }, 'DEMO')).toBe('second');
    expect(fx.emulator.secretWrites.map((w) => w.name)).toEqual(['DEMO', 'DEMO']);
    const { data } = await fx.octokit.rest.actions.listRepoSecrets({ owner: 'acme', repo: 'app' });
    expect(data.secrets.map((s) => s.name)).toEqual(['DEMO']);
  });

  it('answers 422 for a key id that is no longer current, and for a value that does not open', async () => {
    const old = await sealed('value');
    fx.emulator.rotatePublicKey({ scope: 'repo', repo: REPO });
    const put = (body: { encrypted_value: string; key_id: string }) =>
      fx.octokit.rest.actions.createOrUpdateRepoSecret({
        owner: 'acme',
        repo: 'app',
        secret_name: 'X',
        ...body,
      });
    await expect(put(old)).rejects.toMatchObject({ status: 422 });
    const fresh = await sealed('value');
    expect(fresh.key_id).not.toBe(old.key_id);
    await expect(
      put({ ...fresh, encrypted_value: Buffer.alloc(48).toString('base64') }),
    ).rejects.toMatchObject({
      status: 422,
    });
    expect((await put(fresh)).status).toBe(201);
  });

  it('serves environment secrets only for environments that exist', async () => {
    const params = { owner: 'acme', repo: 'app', environment_name: 'production' };
    await expect(fx.octokit.rest.actions.getEnvironmentPublicKey(params)).rejects.toMatchObject({
      status: 404,
    });
    fx.emulator.addEnvironmentSecret(REPO, 'production', 'SEEDED');
    const { data } = await fx.octokit.rest.actions.listEnvironmentSecrets(params);
    expect(data.secrets.map((s) => s.name)).toEqual(['SEEDED']);
  });

  it('serves organisation secrets of the installation’s organisation only, with visibility', async () => {
    fx.emulator.addOrgSecret('acme', 'ORG_KEY', { visibility: 'selected', selectedRepos: [REPO] });
    const { data } = await fx.octokit.rest.actions.getOrgSecret({ org: 'acme', secret_name: 'ORG_KEY' });
    expect(data.visibility).toBe('selected');
    const { data: repos } = await fx.octokit.rest.actions.listSelectedReposForOrgSecret({
      org: 'acme',
      secret_name: 'ORG_KEY',
    });
    expect(repos.repositories.map((r) => r.full_name)).toEqual([REPO]);
    await expect(fx.octokit.rest.actions.getOrgPublicKey({ org: 'other' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers 403 when the installation lacks the permission', async () => {
    fx.emulator.setInstallationPermissions(INSTALLATION_ID, { secrets: undefined });
    try {
      await expect(
        fx.octokit.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'app' }),
      ).rejects.toMatchObject({
        status: 403,
      });
    } finally {
      fx.emulator.setInstallationPermissions(INSTALLATION_ID, { secrets: 'write' });
    }
  });
});
