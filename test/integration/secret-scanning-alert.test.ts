import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretScanningAlertCreatedPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { KeyGenerator } from '../support/keygen.js';
import { startHarness, type Harness } from './harness.js';

const key = new KeyGenerator(3005).rootKey();

describe("GitHub's own secret scanning alert → occurrence", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    expect(await h.leaks([key])).toEqual([]);
    expect(h.emulator.violations).toEqual([]);
    await h.close();
  });

  it('reads the alert, fingerprints its secret without keeping it, and records where GitHub saw it', async () => {
    const repo = await h.createRepo('alerted', { private: true });
    const commit = await h.emulator.commit(repo, 'main', {
      'ops/vars.tf': `variable "k" {\n  default = "${key}"\n}\n`,
    });
    h.emulator.addSecretScanningAlert(repo, {
      number: 7,
      secretType: 'unkey_root_key',
      secret: key,
      locations: [
        {
          path: 'ops/vars.tf',
          commitSha: commit,
          blobSha: '0'.repeat(40),
          startLine: 2,
          startColumn: 14,
          endColumn: 44,
        },
      ],
    });
    const { deliveryId } = await h.deliver(
      'secret_scanning_alert',
      secretScanningAlertCreatedPayload(h.emulator, { repo, number: 7 }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1, method: 'alert' });
    const incidentId = incidentIdFor(fingerprintKey(key));
    expect(await h.incidents.get(incidentId)).toMatchObject({ anyPublic: false });
    const [occurrence] = await h.incidents.occurrences(incidentId);
    expect(occurrence).toMatchObject({
      foundBy: 'secret_scanning_alert',
      repoPublic: false,
      location: { kind: 'commit', repo, commit, path: 'ops/vars.tf', line: 2 },
    });
    expect((await h.waitForPlaybook(incidentId)).steps.get('report')?.outcome).toBe('done');
  });
});
