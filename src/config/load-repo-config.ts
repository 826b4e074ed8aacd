import type { GitHubClient, RepoRef } from '../github/github-client.js';
import {
  DEFAULT_REPO_CONFIG,
  parseRepoConfig,
  REPO_CONFIG_PATH,
  type RepoConfigResult,
} from './repo-config.js';

/** Options of `loadRepoConfig`. */
export interface LoadRepoConfigOptions {
  /** The branch to read the file from. @defaultValue the repository's default branch */
  readonly branch?: string;
}

// Errors @probot/octokit-plugin-config throws for a file it found but cannot use. Each is a
// problem in the file (scan with defaults, show it in the check run); anything else (5xx, 403,
// network) is thrown, so the job fails and is retried.
const LOADER_ERROR = '[@probot/octokit-plugin-config]';

/**
 * Reads `.github/rootguard.yml` through Probot's config loader (`client.config.get`), which
 * falls back to the owner's `.github` repository and follows `_extends`. No file (404) gives the
 * defaults and no problem; a file that is not valid YAML, not a mapping, or a directory gives the
 * defaults and one problem saying so.
 */
export async function loadRepoConfig(
  client: GitHubClient,
  repo: RepoRef,
  options: LoadRepoConfigOptions = {},
): Promise<RepoConfigResult> {
  let loaded: { config: unknown; files: ReadonlyArray<{ config: unknown }> };
  try {
    loaded = await client.config.get({
      owner: repo.owner,
      repo: repo.repo,
      path: REPO_CONFIG_PATH,
      ...(options.branch === undefined ? {} : { branch: options.branch }),
    });
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith(LOADER_ERROR)) throw error;
    return {
      config: DEFAULT_REPO_CONFIG,
      problems: [{ path: '(file)', message: describeLoaderError(error) }],
    };
  }
  const found = loaded.files.some((file) => file.config !== null && file.config !== undefined);
  return parseRepoConfig(found ? loaded.config : undefined);
}

function describeLoaderError(error: Error): string {
  const text = error.message;
  if (text.includes('(invalid YAML)')) {
    // Line and column only: the parser's message quotes the file, which could hold anything.
    const cause = error.cause as
      { linePos?: Array<{ line: number; col: number }>; code?: string } | undefined;
    const pos = cause?.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const code = cause?.code ? ` (${cause.code})` : '';
    return `${REPO_CONFIG_PATH} is not valid YAML${where}${code}; fix the syntax (the scan ran with the default settings).`;
  }
  if (text.includes('(YAML is not an object)'))
    return `${REPO_CONFIG_PATH} must be a YAML mapping of settings, not a single value; the scan ran with the default settings.`;
  if (text.includes('directory or a submodule'))
    return `${REPO_CONFIG_PATH} is a directory or a submodule; make it a file (the scan ran with the default settings).`;
  if (text.includes('Recursion detected'))
    return `_extends in ${REPO_CONFIG_PATH} forms a loop; remove one of the _extends settings.`;
  if (text.includes('_extends'))
    return `_extends in ${REPO_CONFIG_PATH} must name a repository ("repo", "owner/repo" or "owner/repo:path.yml"); fix or remove it.`;
  return `${REPO_CONFIG_PATH} could not be read as configuration; check the file (the scan ran with the default settings).`;
}
