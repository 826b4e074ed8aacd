import type { ProbotOctokit } from 'probot';

/**
 * An installation-authenticated Octokit as Probot makes it (`probot.auth(installationId)`): REST
 * methods, pagination, retries and GitHub's rate-limit throttling, and Probot's config loader.
 */
export type GitHubClient = ProbotOctokit;

/** A repository as job data names it. */
export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** `owner/name` → `{ owner, repo }`, as Octokit's routes take it. */
export function repoRefOf(fullName: string): RepoRef {
  const [owner = '', repo = ''] = fullName.split('/');
  return { owner, repo };
}
