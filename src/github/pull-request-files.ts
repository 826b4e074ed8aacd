import type { GitHubClient, RepoRef } from './github-client.js';
import { parseDiffLines } from './diff-lines.js';

/** A file of a pull request as the review needs it. */
export interface PullRequestFile {
  /** GitHub's `status`: `added`, `modified`, `removed`, `renamed`, `copied`, `changed`, `unchanged`. */
  readonly status: string;
  /** New-side lines a review comment may be put on; absent when GitHub sent no `patch` (binary, too large). */
  readonly commentableLines?: ReadonlySet<number>;
}

/** The pull request's files by path (GitHub lists at most 3,000), with the lines its diff shows. */
export async function listPullRequestFiles(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
): Promise<Map<string, PullRequestFile>> {
  const files = await client.paginate(client.rest.pulls.listFiles, {
    owner: repo.owner,
    repo: repo.repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  const byPath = new Map<string, PullRequestFile>();
  for (const file of files) {
    byPath.set(file.filename, {
      status: file.status,
      ...(file.patch === undefined ? {} : { commentableLines: parseDiffLines(file.patch) }),
    });
  }
  return byPath;
}
