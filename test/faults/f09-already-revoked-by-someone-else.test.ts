// F9: the leaked key was already revoked by someone else. Must show: recorded as revoked by
// someone else, at the time first seen; replacement and distribution as on the assisted path;
// the report says so.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { deliverFromStdin } from '../../src/cli/runtime/deliver-from-stdin.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { createLogger } from '../../src/log/create-logger.js';
import { useHarness } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';
import { outcomesOf } from '../integration/playbook-support.js';
import { secretPuts } from './fault-support.js';

describe('F9: leaked key already revoked by someone else', () => {
  const h = useHarness(6209);

  it('records who revoked it and when first seen, and takes the replacement through deliver', async () => {
    const repo = await h.createRepo('f09', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'f09', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    // Someone rotated it in the dashboard before the leak reached rootguard: it is expired.
    const rotated = h.unkey.rotateRootKeyByHand(leaked.keyId);
    h.watchKey(rotated.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    const state = await h.waitForPlaybook(incidentId);
    await h.waitForReports();

    expect(outcomesOf(state)).toMatchObject({
      verify: 'done',
      contain: 'skipped',
      distribute: 'manual',
      confirm: 'done',
    });
    const verify = state.steps.get('verify')!;
    expect(verify.summary).toContain('already revoked by someone else');
    expect(verify.detail).toMatchObject({ liveness: 'dead', expiredAt: expect.any(String) });
    // Revoked at the time first seen (its expiry came before rootguard knew of the leak).
    const incident = (await h.incidents.get(incidentId))!;
    expect(incident.revokedAt).toBe(verify.detail!['seenDeadAt']);
    expect(Date.parse(verify.detail!['expiredAt'] as string)).toBeLessThan(
      Date.parse(incident.firstReceivedAt!),
    );
    expect(incident.timeToRevokeMs).toBe(
      Date.parse(incident.revokedAt!) - Date.parse(incident.firstReceivedAt!),
    );
    // Nothing rerolled; the deploy target still holds the dead key until the replacement is handed over.
    expect(h.unkey.requests.filter((r) => r.op === 'rootKeys.rerollKey')).toEqual([]);
    expect(secretPuts(h, repo)).toEqual([]);
    expect(state.steps.get('distribute')!.instruction).toContain(
      `rootguard deliver --incident ${incidentId}`,
    );
    // The report says so.
    const issue = h.emulator.issues(repo)[0]!;
    expect(issue.body).toContain('revoked by someone else before rootguard acted');

    // As on the assisted path: whoever rotated it hands the new key to `rootguard deliver`.
    const record = await deliverFromStdin({
      env: h.env as NodeJS.ProcessEnv,
      stdin: Readable.from([`${rotated.key}\n`]),
      incidentId,
      prefix: h.prefix,
      log: createLogger({ level: 'silent' }),
    });
    expect(record).toMatchObject({ step: 'distribute', outcome: 'done' });
    const value = h.emulator.secretValue({ scope: 'repo', repo }, 'UNKEY_ROOT_KEY');
    expect(value && fingerprintKey(value)).toBe(fingerprintKey(rotated.key));
    expect((await h.incidents.get(incidentId))!.timeToDeployedMs).toBeGreaterThan(0);
  });
});
