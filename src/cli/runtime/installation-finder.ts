import type { Probot } from 'probot';

/**
 * Finds the App's installation id for a repository (`owner/name`) or an organisation (`owner`),
 * cached for the life of the process.
 */
export function installationFinder(probot: Probot): (ownerOrRepo: string) => Promise<number> {
  const installations = new Map<string, number>();
  return async (ownerOrRepo) => {
    const [owner = '', repo] = ownerOrRepo.split('/');
    let id = installations.get(ownerOrRepo);
    if (id === undefined) {
      const app = await probot.auth();
      const { data } = repo
        ? await app.rest.apps.getRepoInstallation({ owner, repo })
        : await app.rest.apps.getOrgInstallation({ org: owner });
      id = data.id;
      installations.set(ownerOrRepo, id);
    }
    return id;
  };
}
