import { WebhookInputError } from '../errors.js';

/** The fields every event rootguard handles carries (GitHub sends them for installations). */
export interface RepoEventPayload {
  readonly installation?: { readonly id: number } | null;
  readonly repository: {
    readonly name: string;
    readonly owner: { readonly login: string } | null;
    readonly full_name?: string;
    readonly private: boolean;
    readonly default_branch?: string;
  };
}

/** The job fields shared by every scan: delivery, installation and repository ids. */
export function jobBase(deliveryId: string, payload: RepoEventPayload) {
  const installationId = payload.installation?.id;
  if (typeof installationId !== 'number')
    throw new WebhookInputError('the event has no installation id: is it sent to a GitHub App installation?');
  const owner = payload.repository.owner?.login ?? payload.repository.full_name?.split('/')[0];
  if (owner === undefined) throw new WebhookInputError('the event names no repository owner.');
  return {
    deliveryId,
    installationId,
    owner,
    repo: payload.repository.name,
    repoPublic: !payload.repository.private,
  };
}
