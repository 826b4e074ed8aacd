import { describe, expect, it } from 'vitest';
import { getLogLink } from '../../src/github/download-log.js';
import { deleteRunLogs } from '../../src/sinks/delete-run-logs.js';
import { SinkError } from '../../src/sinks/errors.js';
import { API_REPO, INSTALLATION_ID, useSinksFixture } from './sinks-fixture.js';

const f = useSinksFixture(4106);

async function seedRun(runId: number): Promise<void> {
  const headSha = await f.fx.emulator.commit(API_REPO, 'main', { [`run-${runId}.txt`]: 'x\n' });
  f.fx.emulator.addWorkflowRun(API_REPO, {
    runId,
    headSha,
    jobs: [{ id: runId + 1, name: 'build', log: 'building\n' }],
  });
}

describe('deleteRunLogs', () => {
  it('deletes a run’s logs; the logs are then gone, and deleting again is already-gone', async () => {
    await seedRun(7001);
    const route = { kind: 'run', owner: 'acme', repo: 'api', runId: 7001 } as const;
    expect(await getLogLink(f.client, route)).toBeDefined();
    expect(await deleteRunLogs(f.client, API_REPO, 7001)).toBe('deleted');
    expect(f.fx.emulator.deletedRunLogs.map((d) => [d.repo, d.runId])).toEqual([[API_REPO, 7001]]);
    expect(await getLogLink(f.client, route)).toBeUndefined();
    expect(
      await getLogLink(f.client, { kind: 'job', owner: 'acme', repo: 'api', jobId: 7002 }),
    ).toBeUndefined();
    expect(await deleteRunLogs(f.client, API_REPO, 7001)).toBe('already-gone');
    expect(await deleteRunLogs(f.client, API_REPO, 999_999)).toBe('already-gone');
  });

  it('throws permission-missing on 403 and github-unavailable on 5xx', async () => {
    await seedRun(7101);
    f.fx.emulator.setInstallationPermissions(INSTALLATION_ID, { actions: 'read' });
    try {
      await expect(deleteRunLogs(f.client, API_REPO, 7101)).rejects.toMatchObject({
        name: 'SinkError',
        code: 'permission-missing',
        message:
          'deleting the logs of run 7101 in acme/api was refused (403): the App needs "actions: write"',
      });
    } finally {
      f.fx.emulator.setInstallationPermissions(INSTALLATION_ID, { actions: 'write' });
    }
    f.fx.emulator.faults.add({
      method: 'DELETE',
      path: '/repos/acme/api/actions/runs/7101/logs',
      kind: 'server-error',
    });
    const error = await deleteRunLogs(f.client, API_REPO, 7101).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SinkError);
    expect(error).toMatchObject({ code: 'github-unavailable', status: 500 });
    expect(await deleteRunLogs(f.client, API_REPO, 7101)).toBe('deleted');
  });
});
