import { scanClonedRange } from './clone-range.js';
import { commitInfo } from './get-commit.js';
import { COMPARE_MAX_COMMITS, COMPARE_MAX_FILES } from './limits.js';
import { ScanCollector } from './scan-collector.js';
import { scanCommitFiles } from './scan-commit-files.js';
import { scanCommits } from './scan-commits.js';
import type { ScanResult } from './scan-result.js';
import type { SourceOptions } from './source-options.js';

/** A range of commits to scan: a push, or the new commits of a pull request. */
export interface ScanCommitRangeOptions extends SourceOptions {
  /**
   * Where the range starts (exclusive): the push's `before`; the default branch for a new branch;
   * the old head for a force push (compare's merge-base semantics then give the new commits).
   */
  readonly base: string;
  readonly head: string;
  /** The pull request the commits are scanned for; carried on each location. */
  readonly pullRequest?: number;
  /** Clone URL for the path beyond the API's limits. @defaultValue the repository's `clone_url` */
  readonly cloneUrl?: string;
  /** Time for all git commands of the clone path together. @defaultValue `GIT_TIMEOUT_MS` */
  readonly gitTimeoutMs?: number;
}

/**
 * Scans the lines each commit of `base...head` added. The compare API lists the commits; a
 * one-commit range is scanned from compare's own patches, a longer one commit by commit (compare's
 * files are the combined diff, where a key added and removed again within the push never shows).
 * Beyond the APIs' limits (more than `COMPARE_MAX_COMMITS` commits, a commit with
 * `COMMIT_MAX_FILES` files), a blobless clone. API failures throw (the queue retries the job).
 */
export async function scanCommitRange(options: ScanCommitRangeOptions): Promise<ScanResult> {
  const { owner, repo } = options.repo;
  const { data } = await options.client.rest.repos.compareCommitsWithBasehead({
    owner,
    repo,
    basehead: `${options.base}...${options.head}`,
  });
  const collector = new ScanCollector(options.filter);
  if (data.total_commits > COMPARE_MAX_COMMITS || data.commits.length < data.total_commits)
    return cloneRange(options);
  const only = data.commits[0];
  if (data.total_commits === 1 && only !== undefined && (data.files?.length ?? 0) < COMPARE_MAX_FILES) {
    collector.stats.commits = 1;
    if ((only.parents?.length ?? 0) <= 1)
      await scanCommitFiles(options, collector, commitInfo(only), data.files ?? [], options.pullRequest);
    return collector.result('compare');
  }
  const shas = data.commits.map((commit) => commit.sha);
  if ((await scanCommits(options, collector, shas, options.pullRequest)) === 'too-many-files')
    return cloneRange(options);
  return collector.result('commits');
}

/** The whole range through a clone, from a fresh start (no finding counted twice). */
export async function cloneRange(options: ScanCommitRangeOptions): Promise<ScanResult> {
  const collector = new ScanCollector(options.filter);
  await scanClonedRange(options, collector);
  return collector.result('clone');
}
