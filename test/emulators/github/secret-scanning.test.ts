import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyGenerator } from '../../support/keygen.js';
import { REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('GitHub emulator: secret scanning alerts', () => {
  let fx: EmulatorFixture;
  const secret = new KeyGenerator(7).rootKey();
  beforeAll(async () => {
    fx = await startFixture();
    const commitSha = await fx.emulator.commit(REPO, 'main', { '.env': `UNKEY_ROOT_KEY=${secret}\n` });
    fx.emulator.addSecretScanningAlert(REPO, {
      number: 3,
      secretType: 'unkey_root_key',
      secret,
      locations: [
        {
          path: '.env',
          commitSha,
          blobSha: 'a'.repeat(40),
          startLine: 1,
          startColumn: 16,
          endColumn: 16 + secret.length,
        },
      ],
    });
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });

  it('serves the alert with its secret and its locations', async () => {
    const { data } = await fx.octokit.rest.secretScanning.getAlert({
      owner: 'acme',
      repo: 'app',
      alert_number: 3,
    });
    expect(data).toMatchObject({ number: 3, secret_type: 'unkey_root_key', state: 'open' });
    expect(data.secret === secret).toBe(true);
    const { data: locations } = await fx.octokit.rest.secretScanning.listLocationsForAlert({
      owner: 'acme',
      repo: 'app',
      alert_number: 3,
    });
    expect(locations).toMatchObject([{ type: 'commit', details: { path: '.env', start_line: 1 } }]);
    await expect(
      fx.octokit.rest.secretScanning.getAlert({ owner: 'acme', repo: 'app', alert_number: 4 }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
