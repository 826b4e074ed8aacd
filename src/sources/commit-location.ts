import type { Finding } from '../detect/finding.js';
import type { CommitInfo } from './git/patch-parser.js';
import type { SourceFinding } from './scan-result.js';

/** A finding in a line a commit added, placed on that commit. `exposedAt` is the commit's date. */
export function commitFinding(
  repo: string,
  commit: CommitInfo,
  finding: Finding,
  pullRequest?: number,
): SourceFinding {
  return {
    finding,
    location: {
      kind: 'commit',
      repo,
      commit: commit.commit,
      path: finding.path,
      line: finding.line,
      column: finding.column,
      ...(commit.author ? { author: commit.author } : {}),
      ...(pullRequest === undefined ? {} : { pullRequest }),
    },
    exposedAt: commit.date,
  };
}
