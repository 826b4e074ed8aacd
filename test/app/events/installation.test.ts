import { describe, expect, it } from 'vitest';
import {
  installationRepositoriesToScanJobs,
  installationToScanJobs,
} from '../../../src/app/events/installation.js';
import { checkPayload } from '../../../src/app/payload-schema.js';
import { scanJobSchema } from '../../../src/queue/scan-job-schema.js';
import { webhookExample } from '../../support/webhook-examples.js';

describe('installation events', () => {
  it('an installation scans the history of each repository it names, once each', () => {
    const payload = webhookExample('installation', 'created');
    checkPayload('installation', payload);
    const jobs = installationToScanJobs('d-1', payload);
    expect(Array.isArray(jobs)).toBe(true);
    const repos = payload.repositories as { id: number; name: string; full_name: string; private: boolean }[];
    expect(jobs).toEqual(
      repos.map((r) => ({
        kind: 'repository_history',
        deliveryId: 'd-1',
        installationId: payload.installation.id,
        owner: r.full_name.split('/')[0],
        repo: r.name,
        repoPublic: !r.private,
        repositoryId: r.id,
        reason: 'installed',
      })),
    );
    for (const job of jobs as unknown[]) expect(scanJobSchema.safeParse(job).success).toBe(true);
  });

  it('repositories added to an installation are scanned; an event naming none is skipped', () => {
    const payload = webhookExample('installation_repositories', 'added');
    checkPayload('installation_repositories', payload);
    const jobs = installationRepositoriesToScanJobs('d-2', payload);
    expect(jobs).toHaveLength(payload.repositories_added.length);
    expect(jobs).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'added' })]));
    expect(installationRepositoriesToScanJobs('d-3', { ...payload, repositories_added: [] })).toEqual({
      skip: 'no repository named',
    });
  });

  it('refuses a payload whose repositories lack the fields the jobs need', () => {
    const payload = webhookExample('installation_repositories', 'added');
    expect(() =>
      checkPayload('installation_repositories', { ...payload, repositories_added: [{ id: 1 }] }),
    ).toThrow(/repositories_added\.0\.name/);
  });
});
