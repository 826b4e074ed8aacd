import type { Context } from 'probot';
import type { RepositoryHistoryJob } from '../../queue/scan-job.js';
import { WebhookInputError } from '../errors.js';

/** A repository as installation events list it. */
interface ListedRepository {
  readonly id: number;
  readonly name: string;
  readonly full_name: string;
  readonly private: boolean;
}

function historyJobs(
  deliveryId: string,
  installationId: number | undefined,
  repositories: readonly ListedRepository[] | undefined,
  reason: RepositoryHistoryJob['reason'],
): RepositoryHistoryJob[] | { skip: string } {
  if (typeof installationId !== 'number') throw new WebhookInputError('the event has no installation id.');
  if (!repositories || repositories.length === 0) return { skip: 'no repository named' };
  return repositories.map((repository) => {
    const [owner] = repository.full_name.split('/');
    if (!owner) throw new WebhookInputError('a repository of the event has no owner in its full name.');
    return {
      kind: 'repository_history',
      deliveryId,
      installationId,
      owner,
      repo: repository.name,
      repoPublic: !repository.private,
      repositoryId: repository.id,
      reason,
    };
  });
}

/**
 * The App installed: each repository it may see gets its history scanned once (a key already
 * in history is found without waiting for a push).
 */
export function installationToScanJobs(
  deliveryId: string,
  payload: Context<'installation.created'>['payload'],
): RepositoryHistoryJob[] | { skip: string } {
  return historyJobs(deliveryId, payload.installation.id, payload.repositories, 'installed');
}

/** Repositories added to an installation: each gets its history scanned once. */
export function installationRepositoriesToScanJobs(
  deliveryId: string,
  payload: Context<'installation_repositories.added'>['payload'],
): RepositoryHistoryJob[] | { skip: string } {
  return historyJobs(deliveryId, payload.installation.id, payload.repositories_added, 'added');
}
