import { describe, expect, it } from 'vitest';
import { pushPayload, ZERO_SHA } from '../../emulators/github/webhook-payloads.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { fingerprintKey as fingerprintOf } from '../../src/detect/fingerprint.js';
import { useHarness } from './harness.js';

const h = useHarness(3001);

describe('push → scan → check run → incident', () => {
  it('finds a key in a one-commit push: failing check run on the line, an incident, a playbook job', async () => {
    const repo = await h.createRepo('one-commit');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const key = h.newKey();
    const after = await h.emulator.commit(
      repo,
      'main',
      { 'config/.env': `PORT=3000\nUNKEY_ROOT_KEY=${key}\n` },
      { message: 'add env' },
    );
    const { status, deliveryId } = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'main', before, after }),
    );
    expect(status).toBe(200);
    expect(await h.waitForScan(deliveryId)).toMatchObject({ status: 'complete', findings: 1 });

    const [run] = h.emulator.checkRuns(repo);
    expect(run).toMatchObject({
      name: 'rootguard',
      headSha: after,
      status: 'completed',
      conclusion: 'failure',
    });
    expect(run!.annotations).toEqual([
      expect.objectContaining({ path: 'config/.env', start_line: 2, annotation_level: 'failure' }),
    ]);

    const incidentId = incidentIdFor(fingerprintOf(key));
    const incident = await h.incidents.get(incidentId);
    expect(incident).toMatchObject({ occurrenceCount: 1, anyPublic: true, ruleId: 'unkey-root-key' });
    const [occurrence] = await h.incidents.occurrences(incidentId);
    expect(occurrence).toMatchObject({
      foundBy: 'push',
      deliveryId,
      location: { kind: 'commit', repo, commit: after, path: 'config/.env', line: 2 },
    });
    expect((await h.waitForPlaybook(incidentId)).steps.get('report')?.outcome).toBe('done');
  });

  it('scans the files beyond the compare limit of 300 in one commit', async () => {
    const repo = await h.createRepo('wide-push');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const key = h.newKey();
    const files: Record<string, string> = {};
    for (let i = 0; i < 320; i++)
      files[`pkg/file-${String(i).padStart(3, '0')}.ts`] = `export const n${i} = ${i};\n`;
    files['pkg/file-310.ts'] = `export const n310 = 310;\nconst rootKey = "${key}";\n`;
    const after = await h.emulator.commit(repo, 'main', files, { message: 'many files' });
    const { deliveryId } = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'main', before, after }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ status: 'complete', findings: 1 });
    const occurrences = await h.incidents.occurrences(incidentIdFor(fingerprintOf(key)));
    expect(occurrences.map((o) => o.location)).toEqual([
      expect.objectContaining({ path: 'pkg/file-310.ts', line: 2 }),
    ]);
  });

  it('counts a binary file as skipped, never as clean', async () => {
    const repo = await h.createRepo('binary');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const after = await h.emulator.commit(repo, 'main', {
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]),
    });
    const { deliveryId } = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'main', before, after }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 0 });
    const [run] = h.emulator.checkRuns(repo);
    expect(run!.output?.summary).toMatch(/binary/i);
  });

  it('finds a key added and removed again within one push', async () => {
    const repo = await h.createRepo('add-remove');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const key = h.newKey();
    const [added, removed] = await h.emulator.commitSeries(repo, 'main', [
      { files: { 'deploy.sh': `export UNKEY_ROOT_KEY=${key}\n` } },
      { files: { 'deploy.sh': 'export UNKEY_ROOT_KEY="$SECRET"\n' } },
    ]);
    const { deliveryId } = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'main', before, after: removed! }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1 });
    const [occurrence] = await h.incidents.occurrences(incidentIdFor(fingerprintOf(key)));
    expect(occurrence!.location).toMatchObject({ commit: added, path: 'deploy.sh', line: 1 });
  });

  it('compares a new branch with the default branch, and scans only the new commits of a force push', async () => {
    const repo = await h.createRepo('branches');
    const oldKey = h.newKey();
    await h.emulator.commit(repo, 'main', { 'old.env': `KEY=${oldKey}\n` });
    await h.emulator.createBranch(repo, 'feature', 'main');
    const key = h.newKey();
    const first = await h.emulator.commit(repo, 'feature', { 'feature.env': `KEY=${key}\n` });
    const created = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'feature', before: ZERO_SHA, after: first }),
    );
    // Only the branch's own commit: the key already on main is not reported again here.
    expect(await h.waitForScan(created.deliveryId)).toMatchObject({ findings: 1 });

    const mainSha = (await h.emulator.branchSha(repo, 'main'))!;
    const forcedKey = h.newKey();
    await h.emulator.forceMoveBranch(repo, 'feature', mainSha);
    const rewritten = await h.emulator.commit(repo, 'feature', { 'rewritten.env': `KEY=${forcedKey}\n` });
    const payload = await pushPayload(h.emulator, {
      repo,
      branch: 'feature',
      before: first,
      after: rewritten,
    });
    expect(payload['forced']).toBe(true);
    const forced = await h.deliver('push', payload);
    expect(await h.waitForScan(forced.deliveryId)).toMatchObject({ findings: 1 });
    expect(await h.incidents.get(incidentIdFor(fingerprintOf(forcedKey)))).toBeDefined();
  });

  it("scans the whole history of a repository's first push", async () => {
    await h.emulator.createRepository('acme/fresh', { installationId: 4242 });
    const key = h.newKey();
    const [first, second] = await h.emulator.commitSeries('acme/fresh', 'main', [
      { files: { 'README.md': '# fresh\n' } },
      { files: { 'src/env.ts': `export const k = '${key}';\n` } },
    ]);
    const payload = await pushPayload(h.emulator, {
      repo: 'acme/fresh',
      branch: 'main',
      before: ZERO_SHA,
      after: second!,
    });
    const { deliveryId } = await h.deliver('push', payload);
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1, method: 'commits' });
    expect(first).toBeDefined();
    const [occurrence] = await h.incidents.occurrences(incidentIdFor(fingerprintOf(key)));
    expect(occurrence!.location).toMatchObject({ commit: second, path: 'src/env.ts', line: 1 });
  });

  it('a push whose commit GitHub does not know fails at once and leaves the check run neutral, never green', async () => {
    const repo = await h.createRepo('vanished');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const payload = await pushPayload(h.emulator, { repo, branch: 'main', before });
    const ghost = 'f'.repeat(40);
    const { deliveryId } = await h.deliver('push', { ...payload, before: ghost, after: before });
    await expect(h.waitForScan(deliveryId)).rejects.toThrow();
    const run = h.emulator.checkRuns(repo).at(-1)!;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(run.output.summary).toContain('not** checked');
  });

  it('queues nothing for a deleted branch', async () => {
    const repo = await h.createRepo('deletion');
    const sha = (await h.emulator.branchSha(repo, 'main'))!;
    await h.emulator.createBranch(repo, 'gone', 'main');
    const payload = await pushPayload(h.emulator, { repo, branch: 'gone', before: sha, after: ZERO_SHA });
    const { status, deliveryId } = await h.deliver('push', payload);
    expect(status).toBe(200);
    await expect(h.waitForScan(deliveryId)).rejects.toThrow(/no scan job/);
  });
});
