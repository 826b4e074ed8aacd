import type { Detector } from '../detect/create-detector.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';

/** What the repository's `.github/rootguard.yml` narrows: paths not scanned, fingerprints allowed. */
export interface SourceFilter {
  /** Whether a path is left out (`paths.ignore`); counted in `stats.ignored`. */
  ignorePath(path: string): boolean;
  /** Whether a key's fingerprint is allowed (`allow`); its findings are counted in `stats.allowed`. */
  allowFingerprint(fingerprint: string): boolean;
}

/** What every source takes. */
export interface SourceOptions {
  /** The installation's Octokit. */
  readonly client: GitHubClient;
  readonly detector: Detector;
  readonly repo: RepoRef;
  /** The repository config's narrowing. @defaultValue nothing ignored, nothing allowed */
  readonly filter?: SourceFilter;
}

/** `owner/name`, as locations name a repository. */
export function repoName(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`;
}
