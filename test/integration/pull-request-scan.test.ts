import { beforeAll, describe, expect, it } from 'vitest';
import { checkRunRerequestedPayload, pullRequestPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from './harness.js';

const h = useHarness(3002);

describe('pull request → review on the leaking line', () => {
  let repo: string;
  let pullNumber: number;
  let firstHead: string;
  let syncKey: string;
  beforeAll(async () => {
    repo = await h.createRepo('pr');
  });

  it('opened: scans the commits, fails the check run and comments on the line that holds the key', async () => {
    await h.emulator.createBranch(repo, 'feature', 'main');
    const key = h.newKey();
    firstHead = await h.emulator.commit(repo, 'feature', {
      'src/client.ts': `import x from 'y';\n\nconst root = '${key}';\n`,
    });
    pullNumber = await h.emulator.openPullRequest(repo, {
      head: 'feature',
      base: 'main',
      title: 'Add client',
    });
    const { deliveryId } = await h.deliver(
      'pull_request',
      await pullRequestPayload(h.emulator, { repo, number: pullNumber, action: 'opened' }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1 });

    const comments = h.emulator.reviewComments(repo, pullNumber);
    expect(comments).toEqual([
      expect.objectContaining({ path: 'src/client.ts', line: 3, subjectType: 'line' }),
    ]);
    expect(comments[0]!.body).toContain(fingerprintKey(key));
    expect(h.emulator.checkRuns(repo).at(-1)).toMatchObject({ headSha: firstHead, conclusion: 'failure' });
    const [occurrence] = await h.incidents.occurrences(incidentIdFor(fingerprintKey(key)));
    expect(occurrence).toMatchObject({
      foundBy: 'pull_request',
      location: { pullRequest: pullNumber, commit: firstHead },
    });
  });

  it('synchronize: scans only the new commits', async () => {
    const key = h.newKey();
    syncKey = key;
    const head = await h.emulator.commit(repo, 'feature', { 'src/other.ts': `export const k = "${key}";\n` });
    const payload = await pullRequestPayload(h.emulator, {
      repo,
      number: pullNumber,
      action: 'synchronize',
      before: firstHead,
    });
    const { deliveryId } = await h.deliver('pull_request', payload);
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1 });
    expect(h.emulator.checkRuns(repo).at(-1)).toMatchObject({ headSha: head, conclusion: 'failure' });
    expect(
      h.emulator
        .reviewComments(repo, pullNumber)
        .map((c) => c.path)
        .sort(),
    ).toEqual(['src/client.ts', 'src/other.ts']);
  });

  it('re-run: scans the same commits again without duplicate comments', async () => {
    const before = h.emulator.reviewComments(repo, pullNumber).length;
    const reviews = h.emulator.reviews(repo, pullNumber).length;
    const run = h.emulator.checkRuns(repo).at(-1)!;
    const payload = checkRunRerequestedPayload(h.emulator, { repo, checkRunId: run.id });
    const { status, deliveryId } = await h.deliver('check_run', payload);
    expect(status).toBe(200);
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1 });
    expect(h.emulator.reviewComments(repo, pullNumber)).toHaveLength(before);
    expect(h.emulator.reviews(repo, pullNumber)).toHaveLength(reviews);
    const occurrences = await h.incidents.occurrences(incidentIdFor(fingerprintKey(syncKey)));
    expect(occurrences).toHaveLength(1);
  });
});
