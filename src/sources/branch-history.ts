import { scanClonedRange } from './clone-range.js';
import { COMPARE_MAX_COMMITS } from './limits.js';
import { ScanCollector } from './scan-collector.js';
import { scanCommits } from './scan-commits.js';
import type { ScanResult } from './scan-result.js';
import type { SourceOptions } from './source-options.js';

/** What {@link scanBranchHistory} scans: a branch pushed with nothing to compare against. */
export interface ScanBranchHistoryOptions extends SourceOptions {
  readonly head: string;
  /** Clone URL for histories longer than the API path takes. */
  readonly cloneUrl?: string;
  readonly gitTimeoutMs?: number;
}

/** Commits listed per page (GitHub's maximum). */
const COMMITS_PER_PAGE = 100;

/**
 * Scans every commit reachable from `head`: the first push to a repository, whose default branch
 * has no base to compare with. Up to `COMPARE_MAX_COMMITS` commits through the commit API, one
 * by one; a longer history through a blobless clone (`git log -p head`).
 */
export async function scanBranchHistory(options: ScanBranchHistoryOptions): Promise<ScanResult> {
  const { owner, repo } = options.repo;
  const shas: string[] = [];
  for await (const page of options.client.paginate.iterator(options.client.rest.repos.listCommits, {
    owner,
    repo,
    sha: options.head,
    per_page: COMMITS_PER_PAGE,
  })) {
    shas.push(...page.data.map((commit) => commit.sha));
    if (shas.length > COMPARE_MAX_COMMITS) break;
  }
  const collector = new ScanCollector(options.filter);
  if (shas.length <= COMPARE_MAX_COMMITS) {
    // The API lists newest first; scan oldest first, as a push's commits are.
    if ((await scanCommits(options, collector, shas.reverse())) === 'done')
      return collector.result('commits');
  }
  const cloned = new ScanCollector(options.filter);
  await scanClonedRange({ ...options, base: undefined }, cloned);
  return cloned.result('clone');
}
