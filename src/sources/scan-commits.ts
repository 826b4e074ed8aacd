import { getCommit } from './get-commit.js';
import { COMMIT_FETCH_CONCURRENCY, MAX_SCAN_BYTES } from './limits.js';
import type { ScanCollector } from './scan-collector.js';
import { scanCommitFiles } from './scan-commit-files.js';
import type { SourceOptions } from './source-options.js';

/** How a per-commit scan ended: `too-many-files` means a commit is beyond the API; use the clone path. */
export type ScanCommitsOutcome = 'done' | 'too-many-files';

/**
 * Scans each commit's own added lines through the commit API, in order, fetching up to
 * `COMMIT_FETCH_CONCURRENCY` commits at a time (so memory holds a few commits, not the range).
 * Per commit, not the range's combined diff: a key added by one commit and removed by the next
 * is still in history. Merge commits are counted and not scanned (as `git log -p` shows them).
 */
export async function scanCommits(
  options: SourceOptions,
  collector: ScanCollector,
  shas: readonly string[],
  pullRequest?: number,
): Promise<ScanCommitsOutcome> {
  for (let start = 0; start < shas.length; start += COMMIT_FETCH_CONCURRENCY) {
    const batch = shas.slice(start, start + COMMIT_FETCH_CONCURRENCY);
    const commits = await Promise.all(batch.map((sha) => getCommit(options, sha)));
    for (const commit of commits) {
      if (commit.truncated) return 'too-many-files';
      if (collector.stats.bytes > MAX_SCAN_BYTES) {
        collector.incomplete(
          'max-scan-bytes',
          `scanning stopped after ${MAX_SCAN_BYTES} bytes; commits from ${commit.info.commit} on were not scanned`,
        );
        return 'done';
      }
      collector.stats.commits++;
      if (!commit.merge) await scanCommitFiles(options, collector, commit.info, commit.files, pullRequest);
    }
  }
  return 'done';
}
