import type { GitHubClient, RepoRef } from './github-client.js';

/** The roles that may change a repository's code, and so act on its incidents. */
const WRITE_ROLES: ReadonlySet<string> = new Set(['admin', 'maintain', 'write']);

/** Whether a user may act on a repository's incidents, and the permission GitHub reported. */
export interface WriteAccess {
  readonly allowed: boolean;
  /** `role_name` when GitHub sends it (`maintain`, `triage`, a custom role), else `permission`. */
  readonly permission: string;
}

/**
 * Whether `login` has write access to `repo` (admin, maintain or write), from
 * `GET /repos/{owner}/{repo}/collaborators/{username}/permission`. A custom role counts when its
 * base permission (`permission`: `admin` or `write`) does. A user GitHub does not know (404) has
 * none; any other error is thrown for the caller's retry.
 */
export async function hasWriteAccess(
  client: GitHubClient,
  repo: RepoRef,
  login: string,
): Promise<WriteAccess> {
  let data: { permission?: string; role_name?: string };
  try {
    ({ data } = await client.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
      owner: repo.owner,
      repo: repo.repo,
      username: login,
    }));
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return { allowed: false, permission: 'none' };
    throw error;
  }
  const base = data.permission ?? 'none';
  const permission = data.role_name || base;
  return { allowed: WRITE_ROLES.has(permission) || WRITE_ROLES.has(base), permission };
}
