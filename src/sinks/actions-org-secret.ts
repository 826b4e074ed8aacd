import type { GitHubClient } from '../github/github-client.js';
import type { Sink, TargetOf } from './sink.js';

/** Who sees an organisation secret, as GitHub's PUT takes it. */
interface OrgSecretAccess {
  readonly visibility: 'all' | 'private' | 'selected';
  readonly selected_repository_ids?: number[];
}

/**
 * The secret's current visibility (and for `selected`, its repositories, all pages), so a PUT
 * sends them back unchanged; a secret that does not exist yet starts `private` (only private and
 * internal repositories of the organisation see it, GitHub's narrowest choice short of `selected`).
 */
async function readAccess(client: GitHubClient, target: TargetOf<'org'>): Promise<OrgSecretAccess> {
  let visibility: OrgSecretAccess['visibility'];
  try {
    const { data } = await client.rest.actions.getOrgSecret({ org: target.org, secret_name: target.name });
    visibility = data.visibility;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return { visibility: 'private' };
    throw error;
  }
  if (visibility !== 'selected') return { visibility };
  const repos = await client.paginate(client.rest.actions.listSelectedReposForOrgSecret, {
    org: target.org,
    secret_name: target.name,
    per_page: 100,
  });
  return { visibility, selected_repository_ids: repos.map((r) => r.id) };
}

/** An organisation's Actions secret (App permission `organization_secrets: write`). */
export const actionsOrgSecret = {
  scope: 'org',
  permission: 'organization_secrets',
  async getPublicKey(client, target) {
    const { data } = await client.rest.actions.getOrgPublicKey({ org: target.org });
    return { keyId: data.key_id, key: data.key };
  },
  async putSecret(client, target, sealed) {
    const access = await readAccess(client, target);
    await client.rest.actions.createOrUpdateOrgSecret({
      org: target.org,
      secret_name: target.name,
      encrypted_value: sealed.ciphertext,
      key_id: sealed.publicKeyId,
      ...access,
    });
  },
} as const satisfies Sink<'org'>;
