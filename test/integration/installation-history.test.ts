import { describe, expect, it } from 'vitest';
import {
  installationCreatedPayload,
  installationRepositoriesAddedPayload,
} from '../../emulators/github/installation-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { historyScanJobId } from '../../src/queue/scan-job.js';
import { INSTALLATION_ID, OWNER, useHarness } from './harness.js';

const h = useHarness(1617);

describe('history scan of the repositories rootguard is given', () => {
  /** The scan job of a repository's history, by its full name. */
  const historyJobOf = (fullName: string) => {
    const id = h.emulator.internalState.repo(fullName).facts.id;
    return historyScanJobId({ installationId: INSTALLATION_ID, repositoryId: id });
  };

  it('installed on two repositories, one with a key in an old commit: one check run each, one incident, the playbook runs', async () => {
    const clean = await h.createRepo('installed-clean');
    const leaky = await h.createRepo('installed-leaky');
    h.emulator.addRepoSecret(leaky, 'UNKEY_ROOT_KEY');
    const key = h.watchKey(h.unkey.addRootKey({ name: 'production', permissions: ['api.*.read_key'] }).key);
    // The key was committed, then removed: only the history holds it.
    await h.emulator.commit(
      leaky,
      'main',
      { 'deploy/.env': `UNKEY_ROOT_KEY=${key}\n` },
      { message: 'add env' },
    );
    const head = await h.emulator.commit(leaky, 'main', { 'deploy/.env': null }, { message: 'remove env' });

    const payload = installationCreatedPayload(h.emulator, {
      installationId: INSTALLATION_ID,
      repos: [clean, leaky],
    });
    const delivery = await h.deliver('installation', payload);
    expect(delivery.status).toBe(200);
    expect(await h.waitForScan(historyJobOf(clean))).toMatchObject({ status: 'complete', findings: 0 });
    expect(await h.waitForScan(historyJobOf(leaky))).toMatchObject({ status: 'complete', findings: 1 });

    const [leakyRun, ...moreLeaky] = h.emulator.checkRuns(leaky);
    expect(moreLeaky).toEqual([]);
    expect(leakyRun).toMatchObject({ headSha: head, status: 'completed', conclusion: 'failure' });
    expect(leakyRun!.output.summary).toContain('history of main');
    expect(h.emulator.checkRuns(clean)).toEqual([expect.objectContaining({ conclusion: 'success' })]);

    const incidentId = incidentIdFor(fingerprintKey(key));
    await h.waitForPlaybook(incidentId);
    expect(await h.incidents.get(incidentId)).toMatchObject({ occurrenceCount: 1, status: 'contained' });
    expect((await h.incidents.occurrences(incidentId))[0]).toMatchObject({
      foundBy: 'repository_history',
      location: expect.objectContaining({ repo: leaky }),
    });

    // The same event again (a redelivery) scans nothing twice.
    expect((await h.deliver('installation', payload, delivery.deliveryId)).status).toBe(200);
    expect(h.emulator.checkRuns(leaky)).toHaveLength(1);
  });

  it('a repository added without any commit gets an issue saying why there is no check run, closed at once', async () => {
    const empty = `${OWNER}/added-empty`;
    await h.emulator.createRepository(empty, { installationId: INSTALLATION_ID });
    const payload = installationRepositoriesAddedPayload(h.emulator, {
      installationId: INSTALLATION_ID,
      repos: [empty],
    });
    expect((await h.deliver('installation_repositories', payload)).status).toBe(200);
    expect(await h.waitForScan(historyJobOf(empty))).toMatchObject({ status: 'skipped' });
    expect(h.emulator.checkRuns(empty)).toEqual([]);
    const [issue, ...more] = h.emulator.issues(empty);
    expect(more).toEqual([]);
    expect(issue).toMatchObject({ state: 'closed', title: 'rootguard: no history to scan yet' });
    expect(issue!.body).toContain('no commits yet');
  });
});
