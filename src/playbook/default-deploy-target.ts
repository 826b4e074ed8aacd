import { listRepoSecretNames } from '../sinks/list-secret-names.js';
import type { DeployTarget } from '../sinks/deploy-target.js';
import type { PlaybookDependencies } from './playbook-dependencies.js';

/** The secret name rootguard assumes when the inventory does not name a leaked key's targets. */
export const DEFAULT_SECRET_NAME = 'UNKEY_ROOT_KEY';

/**
 * Without an inventory entry, the one place rootguard can assume the key is deployed: a
 * repository secret named `UNKEY_ROOT_KEY` in the repository where it leaked, if that secret
 * exists (only names are listed; GitHub never returns values).
 */
export async function defaultDeployTarget(
  deps: Pick<PlaybookDependencies, 'clientFor'>,
  repo: string,
): Promise<DeployTarget | undefined> {
  const client = await deps.clientFor(repo);
  const names = await listRepoSecretNames(client, repo);
  return names.includes(DEFAULT_SECRET_NAME) ? { scope: 'repo', repo, name: DEFAULT_SECRET_NAME } : undefined;
}
