import type { Finding } from '../detect/finding.js';
import type { CommitInfo } from './git/patch-parser.js';
import type { SourceFinding } from './scan-result.js';

/**
 * A finding in a line a commit added (or in the path of a file it touched, `keyIn`), placed on
 * that commit. `exposedAt` is the commit's date.
 */
export function commitFinding(
  repo: string,
  commit: CommitInfo,
  finding: Finding,
  pullRequest?: number,
  keyIn?: 'path',
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
      ...(keyIn === undefined ? {} : { keyIn }),
    },
    exposedAt: commit.date,
  };
}
