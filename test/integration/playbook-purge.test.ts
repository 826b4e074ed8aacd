import { describe, expect, it } from 'vitest';
import { workflowJobCompletedPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from './harness.js';
import { outcomesOf, expectDetailsMatchSchemas } from './playbook-support.js';

describe('purge: run logs that held the key', () => {
  const h = useHarness(4501, { operatorConfig: 'policy:\n  purgeLogs: true\n' });

  it('contains a key printed in a job log, then deletes that run’s logs', async () => {
    const repo = await h.createRepo('ci-logs');
    const headSha = (await h.emulator.branchSha(repo, 'main'))!;
    const leaked = h.unkey.addRootKey({ name: 'printed', permissions: [] });
    h.watchKey(leaked.key);
    const log = [
      '2026-11-27T10:00:01.0000000Z ##[group]Run ./deploy.sh',
      `2026-11-27T10:00:02.0000000Z deploying with UNKEY_ROOT_KEY=${leaked.key}`,
      '',
    ].join('\n');
    h.emulator.addWorkflowRun(repo, {
      runId: 701,
      headSha,
      jobs: [
        {
          id: 801,
          name: 'deploy',
          log,
          steps: [{ name: 'Deploy', startedAt: '2026-11-27T10:00:00Z', completedAt: '2026-11-27T10:00:05Z' }],
        },
      ],
    });
    const { deliveryId } = await h.deliver(
      'workflow_job',
      workflowJobCompletedPayload(h.emulator, { repo, jobId: 801 }),
    );
    await h.waitForScan(deliveryId);
    const incidentId = incidentIdFor(fingerprintKey(leaked.key));
    const state = await h.waitForPlaybook(incidentId);
    expectDetailsMatchSchemas(state);

    expect(outcomesOf(state)).toMatchObject({
      verify: 'done',
      contain: 'done',
      confirm: 'done',
      purge: 'done',
    });
    expect(h.emulator.deletedRunLogs).toEqual([expect.objectContaining({ repo, runId: 701 })]);
  });
});
