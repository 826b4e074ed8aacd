import type { DeployTargetConfig, OperatorConfig } from '../../config/operator-config.js';
import { statusOf } from '../../github/github-answer.js';
import { levelCovers, type AppClient } from './app-client.js';
import { describeError, fail, pass, type DoctorCheck } from './doctor-check.js';

/** The permission a GitHub Actions secret of each scope is set with (`src/sinks`, app.yml). */
const NEEDED: Record<DeployTargetConfig['scope'], string> = {
  repo: 'secrets',
  environment: 'environments',
  org: 'organization_secrets',
};

/**
 * Each deploy target of the inventory (today GitHub Actions secrets): the App is installed where
 * the secret lives, the installation is not suspended, and it grants the permission that sets
 * the secret. One check per repository or organisation and permission.
 */
export async function checkDeployTargets(
  client: AppClient,
  operatorConfig: OperatorConfig,
): Promise<DoctorCheck[]> {
  const wanted = new Map<
    string,
    { readonly owner: string; readonly route: string; readonly permission: string }
  >();
  for (const entry of operatorConfig.rootKeys)
    for (const target of entry.deploy) {
      const owner = target.scope === 'org' ? target.org : target.repo;
      const permission = NEEDED[target.scope];
      const route =
        target.scope === 'org' ? `GET /orgs/${owner}/installation` : `GET /repos/${owner}/installation`;
      wanted.set(`${owner} ${permission}`, { owner, route, permission });
    }
  const checks: DoctorCheck[] = [];
  for (const { owner, route, permission } of wanted.values()) {
    const name = `deploy: ${owner} (${permission})`;
    let installation: { suspended_at?: string | null; permissions?: Record<string, string> };
    try {
      installation = (await client.request(route)).data as typeof installation;
    } catch (error) {
      checks.push(
        statusOf(error) === 404
          ? fail(
              name,
              `the App is not installed on ${owner}, so it cannot set the secrets there.`,
              `install the App on ${owner} (its repositories or organisation).`,
            )
          : fail(
              name,
              `GitHub did not say where the App is installed for ${owner}: ${describeError(error)}`,
              'run doctor again; check GITHUB_API_URL.',
            ),
      );
      continue;
    }
    if (installation.suspended_at) {
      checks.push(
        fail(
          name,
          `the App's installation on ${owner} is suspended.`,
          `unsuspend it in ${owner}'s Settings → GitHub Apps → rootguard.`,
        ),
      );
      continue;
    }
    checks.push(
      levelCovers(installation.permissions?.[permission], 'write')
        ? pass(name, `the installation grants ${permission}: write, which sets the secrets.`)
        : fail(
            name,
            `the installation on ${owner} does not grant ${permission}: write, so the distribute step cannot set the secrets.`,
            `grant ${permission}: write in the App's settings and have an owner of ${owner} accept it.`,
          ),
    );
  }
  return checks;
}
