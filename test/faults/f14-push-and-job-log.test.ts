import { describe, expect, it } from 'vitest';
import { workflowJobCompletedPayload } from '../../emulators/github/webhook-payloads.js';
import { useHarness } from '../integration/harness.js';
import { leakInPush } from '../integration/leak-in-push.js';

// F14 (issue 12): the same key in a push and a job log → one incident, two occurrences; the log
// one names the run and the job.
describe('F14: the same key in a push and in a job log', () => {
  const h = useHarness(6103);

  it('makes one incident with two occurrences, the log one naming its run and job', async () => {
    const repo = await h.createRepo('f14', { private: true });
    h.emulator.addRepoSecret(repo, 'UNKEY_ROOT_KEY');
    const leaked = h.unkey.addRootKey({ name: 'f14', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    const { incidentId, commit } = await leakInPush(h, repo, leaked.key);
    h.emulator.addWorkflowRun(repo, {
      runId: 1401,
      headSha: commit,
      jobs: [
        {
          id: 1402,
          name: 'deploy-production',
          log: `2026-12-07T10:00:01.0000000Z deploying with UNKEY_ROOT_KEY=${leaked.key}\n`,
        },
      ],
    });
    const log = await h.deliver(
      'workflow_job',
      workflowJobCompletedPayload(h.emulator, { repo, jobId: 1402 }),
    );
    expect(await h.waitForScan(log.deliveryId)).toMatchObject({ findings: 1 });

    expect(await h.incidents.list()).toEqual([incidentId]);
    expect(await h.incidents.get(incidentId)).toMatchObject({ occurrenceCount: 2 });
    const occurrences = await h.incidents.occurrences(incidentId);
    expect(occurrences.map((o) => o.location.kind).sort()).toEqual(['commit', 'job-log']);
    expect(occurrences.find((o) => o.location.kind === 'job-log')).toMatchObject({
      foundBy: 'workflow_job',
      location: { repo, runId: 1401, jobId: 1402, jobName: 'deploy-production', line: 1 },
    });

    // The report names the run and the job, and links the job's log.
    await h.waitForPlaybook(incidentId);
    await expect
      .poll(async () => (await h.runs.currentRun(incidentId))?.run.reportedRevision, { timeout: 30_000 })
      .toBe(2);
    await h.waitForReports();
    const [issue] = h.emulator.issues(repo);
    expect(issue!.body).toContain('deploy-production');
    expect(issue!.body).toContain('(run 1401)');
    expect(issue!.body).toContain(`/${repo}/actions/runs/1401/job/1402`);
  });
});
