import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import type { Harness } from './harness.js';

/** Commits `key` to `repo`'s main branch and delivers the push; returns the incident's id. */
export async function leakInPush(
  h: Harness,
  repo: string,
  key: string,
  path = 'deploy/.env',
): Promise<{ incidentId: string; deliveryId: string; commit: string }> {
  const before = (await h.emulator.branchSha(repo, 'main')) as string;
  const commit = await h.emulator.commit(
    repo,
    'main',
    { [path]: `PORT=3000\nUNKEY_ROOT_KEY=${key}\n` },
    { message: `add ${path}` },
  );
  const { status, deliveryId } = await h.deliver(
    'push',
    await pushPayload(h.emulator, { repo, branch: 'main', before, after: commit }),
  );
  if (status !== 200) throw new Error(`the push webhook was answered ${status}`);
  await h.waitForScan(deliveryId);
  return { incidentId: incidentIdFor(fingerprintKey(key)), deliveryId, commit };
}
