import type { GitHubClient } from '../github/github-client.js';
import { splitRepo } from './deploy-target.js';

/**
 * The names of a repository's Actions secrets, every page (to find the default deploy target,
 * `UNKEY_ROOT_KEY`, when a leaked key has no inventory entry). Needs `secrets: read`.
 */
export async function listRepoSecretNames(client: GitHubClient, repo: string): Promise<string[]> {
  const secrets = await client.paginate(client.rest.actions.listRepoSecrets, {
    ...splitRepo(repo),
    per_page: 100,
  });
  return secrets.map((s) => s.name);
}
