import { describe, expect, it } from 'vitest';
import { pushPayload, workflowJobCompletedPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from './harness.js';

const PERMISSIONS = ['api.*.read_key'];

// A key in a path, job name or step name is a leak of its own; it used to make the occurrence
// guard throw, and the throw stopped the whole scan before any playbook was queued.
describe('a key in a file path, a job name or a step name', () => {
  const h = useHarness(4601);

  /** A root key the Unkey emulator knows, so the playbook can revoke it. */
  const unkeyKey = (name: string) => {
    const made = h.unkey.addRootKey({ name, permissions: PERMISSIONS });
    h.watchKey(made.key);
    return made;
  };
  const revoked = (keyId: string) => h.unkey.rootKey(keyId)!.expires !== null;

  it('contains both keys of a push whose file path holds one key and whose content holds another', async () => {
    const repo = await h.createRepo('key-in-path');
    const [inPath, inContent] = [unkeyKey('in-path'), unkeyKey('in-content')];
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const path = `deploy/${inPath.key}.env`;
    const after = await h.emulator.commit(repo, 'main', { [path]: `UNKEY_ROOT_KEY=${inContent.key}\n` });
    const { deliveryId } = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'main', before, after }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 2 });

    const pathIncident = incidentIdFor(fingerprintKey(inPath.key));
    const contentIncident = incidentIdFor(fingerprintKey(inContent.key));
    const maskedPath = `deploy/${maskKey(inPath.key)}.env`;
    expect((await h.incidents.occurrences(pathIncident)).map((o) => o.location)).toEqual([
      expect.objectContaining({
        kind: 'commit',
        commit: after,
        path: maskedPath,
        keyIn: 'path',
        maskedNames: ['path'],
      }),
    ]);
    expect((await h.incidents.occurrences(contentIncident)).map((o) => o.location)).toEqual([
      expect.objectContaining({ path: maskedPath, line: 1, maskedNames: ['path'] }),
    ]);
    for (const incidentId of [pathIncident, contentIncident])
      expect((await h.waitForPlaybook(incidentId)).steps.get('contain')?.outcome).toBe('done');
    expect(revoked(inPath.keyId) && revoked(inContent.keyId)).toBe(true);
    // The check run lists both, masked, and annotates no path that holds a key.
    const [run] = h.emulator.checkRuns(repo);
    expect(run).toMatchObject({ conclusion: 'failure', annotations: [] });
    expect(run!.output?.summary).toContain(maskKey(inPath.key));
    expect(run!.output?.summary).toContain('(the key is in the path)');
  });

  it("contains a key in a job's name and one in a step's name, and points at the job", async () => {
    const repo = await h.createRepo('key-in-job-name');
    const headSha = (await h.emulator.branchSha(repo, 'main'))!;
    const [inJob, inStep] = [unkeyKey('in-job'), unkeyKey('in-step')];
    h.emulator.addWorkflowRun(repo, {
      runId: 701,
      headSha,
      jobs: [
        {
          id: 801,
          name: `deploy ${inJob.key}`,
          log: '2026-11-27T10:00:01.0000000Z all clean\n',
          steps: [
            {
              name: `Use ${inStep.key}`,
              startedAt: '2026-11-27T10:00:00Z',
              completedAt: '2026-11-27T10:00:10Z',
            },
          ],
        },
      ],
    });
    const { deliveryId } = await h.deliver(
      'workflow_job',
      workflowJobCompletedPayload(h.emulator, { repo, jobId: 801 }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 2 });

    const jobIncident = incidentIdFor(fingerprintKey(inJob.key));
    const stepIncident = incidentIdFor(fingerprintKey(inStep.key));
    expect((await h.incidents.occurrences(jobIncident)).map((o) => o.location)).toEqual([
      expect.objectContaining({
        kind: 'job-log',
        runId: 701,
        jobId: 801,
        jobName: `deploy ${maskKey(inJob.key)}`,
        keyIn: 'jobName',
      }),
    ]);
    expect((await h.incidents.occurrences(stepIncident)).map((o) => o.location)).toEqual([
      expect.objectContaining({
        jobId: 801,
        step: `Use ${maskKey(inStep.key)}`,
        keyIn: 'step',
        maskedNames: ['jobName', 'step'],
      }),
    ]);
    for (const incidentId of [jobIncident, stepIncident])
      expect((await h.waitForPlaybook(incidentId)).steps.get('contain')?.outcome).toBe('done');
    expect(revoked(inJob.keyId) && revoked(inStep.keyId)).toBe(true);
  });
});
