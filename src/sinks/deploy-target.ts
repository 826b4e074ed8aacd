/**
 * A GitHub Actions secret that holds a root key: where rootguard puts the replacement. `repo` is
 * `owner/name`; `name` is the secret's name (GitHub stores it upper-case).
 */
export type DeployTarget =
  | { readonly scope: 'repo'; readonly repo: string; readonly name: string }
  | {
      readonly scope: 'environment';
      readonly repo: string;
      readonly environment: string;
      readonly name: string;
    }
  | { readonly scope: 'org'; readonly org: string; readonly name: string };

/** The target in words, for instructions and reports: "repository secret X in acme/api". */
export function describeTarget(t: DeployTarget): string {
  if (t.scope === 'repo') return `repository secret ${t.name} in ${t.repo}`;
  if (t.scope === 'environment') return `environment secret ${t.name} (${t.environment}) in ${t.repo}`;
  return `organisation secret ${t.name} of ${t.org}`;
}

/** The scope that holds the target's public key, in words: "acme/api", "environment production of acme/api", "organisation acme". */
export function describeScope(t: DeployTarget): string {
  if (t.scope === 'repo') return t.repo;
  if (t.scope === 'environment') return `environment ${t.environment} of ${t.repo}`;
  return `organisation ${t.org}`;
}

/** A stable id for records and checkpoints, e.g. `repo:acme/api:UNKEY_ROOT_KEY`. */
export function targetId(t: DeployTarget): string {
  if (t.scope === 'repo') return `repo:${t.repo}:${t.name}`;
  if (t.scope === 'environment') return `environment:${t.repo}:${t.environment}:${t.name}`;
  return `org:${t.org}:${t.name}`;
}

/** `owner/name` split for Octokit's route parameters. */
export function splitRepo(repo: string): { owner: string; repo: string } {
  const slash = repo.indexOf('/');
  return { owner: repo.slice(0, slash), repo: repo.slice(slash + 1) };
}
