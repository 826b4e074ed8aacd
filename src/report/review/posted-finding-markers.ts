import { readFindingMarkers } from './finding-marker.js';
import type { GitHubClient, RepoRef } from '../../github/github-client.js';

/** Which posts count when looking for earlier reports. */
export interface PostedFindingMarkersOptions {
  /**
   * Only posts by this login count (the app's bot, e.g. `rootguard[bot]`), so nobody else can
   * silence a report by posting a marker first. When absent, every post counts.
   */
  readonly authorLogin?: string;
}

/**
 * The finding markers already on a pull request: in its review comments (line and file level)
 * and in its reviews' bodies, which list the findings no comment could hold.
 */
export async function readPostedFindingMarkers(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  options: PostedFindingMarkersOptions = {},
): Promise<Set<string>> {
  const params = { owner: repo.owner, repo: repo.repo, pull_number: pullNumber, per_page: 100 };
  const [comments, reviews] = await Promise.all([
    client.paginate(client.rest.pulls.listReviewComments, params),
    client.paginate(client.rest.pulls.listReviews, params),
  ]);
  const markers = new Set<string>();
  for (const post of [...comments, ...reviews]) {
    if (options.authorLogin !== undefined && post.user?.login !== options.authorLogin) continue;
    for (const marker of readFindingMarkers(post.body ?? '')) markers.add(marker);
  }
  return markers;
}
