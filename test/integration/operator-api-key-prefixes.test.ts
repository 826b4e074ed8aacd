import { describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { KeyGenerator } from '../support/keygen.js';
import { useHarness } from './harness.js';

const h = useHarness(3021, { operatorConfig: 'apiKeyPrefixes: [acme]\n' });
const gen = new KeyGenerator(3022);

describe("the operator's apiKeyPrefixes", () => {
  it('are detected in a repository that names none itself', async () => {
    const key = h.watchKey(gen.apiKey('acme'));
    const other = h.watchKey(gen.apiKey('globex'));
    const repo = await h.createRepo('no-config');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const after = await h.emulator.commit(repo, 'main', {
      'client.env': `ACME_KEY=${key}\nGLOBEX=${other}\n`,
    });
    const { deliveryId } = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'main', before, after }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ status: 'complete', findings: 1 });
    expect(await h.incidents.get(incidentIdFor(fingerprintKey(key)))).toMatchObject({
      ruleId: 'unkey-api-key',
      occurrenceCount: 1,
    });
    expect(await h.incidents.get(incidentIdFor(fingerprintKey(other)))).toBeUndefined();
  });
});
