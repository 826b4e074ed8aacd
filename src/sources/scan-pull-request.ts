import { PULL_MAX_COMMITS } from './limits.js';
import { cloneRange, scanCommitRange } from './push-diff.js';
import { ScanCollector } from './scan-collector.js';
import { scanCommits } from './scan-commits.js';
import type { ScanResult } from './scan-result.js';
import type { SourceOptions } from './source-options.js';

/** A pull request event to scan. */
export interface ScanPullRequestOptions extends SourceOptions {
  readonly pullNumber: number;
  /** The base branch's commit the pull request is compared with. */
  readonly baseSha: string;
  readonly headSha: string;
  /** On `synchronize`: the head before the push; only the commits after it are scanned. */
  readonly before?: string;
  /** Clone URL for the path beyond the API's limits. @defaultValue the repository's `clone_url` */
  readonly cloneUrl?: string;
  /** Time for all git commands of the clone path together. @defaultValue `GIT_TIMEOUT_MS` */
  readonly gitTimeoutMs?: number;
}

/** Commits listed per page of the pull request commits API. */
const PULL_COMMITS_PER_PAGE = 100;

/**
 * Scans the lines a pull request's commits added, each finding carrying the pull request number.
 * Opened or reopened: all its commits (`GET /pulls/{n}/commits`, at most `PULL_MAX_COMMITS`;
 * beyond, the clone path over `baseSha..headSha`). Synchronize: only the commits after `before`.
 */
export async function scanPullRequest(options: ScanPullRequestOptions): Promise<ScanResult> {
  const range = { ...options, head: options.headSha, pullRequest: options.pullNumber };
  if (options.before !== undefined) return scanCommitRange({ ...range, base: options.before });
  const { owner, repo } = options.repo;
  const shas: string[] = [];
  for (let page = 1; ; page++) {
    const { data } = await options.client.rest.pulls.listCommits({
      owner,
      repo,
      pull_number: options.pullNumber,
      per_page: PULL_COMMITS_PER_PAGE,
      page,
    });
    shas.push(...data.map((commit) => commit.sha));
    if (data.length < PULL_COMMITS_PER_PAGE || shas.length >= PULL_MAX_COMMITS) break;
  }
  if (shas.length >= PULL_MAX_COMMITS) return cloneRange({ ...range, base: options.baseSha });
  const collector = new ScanCollector(options.filter);
  if ((await scanCommits(options, collector, shas, options.pullNumber)) === 'too-many-files')
    return cloneRange({ ...range, base: options.baseSha });
  return collector.result('commits');
}
