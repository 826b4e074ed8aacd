// The pull requests a commit belongs to (GET …/commits/{commit_sha}/pulls): the emulated PRs
// whose commits (base..head) include it, open ones first, newest first within each state.
import { GitHubHttpError, ok } from './http-reply.js';
import { paginate } from './paginate.js';
import { buildPullRequest } from './pulls.js';
import type { PullRecord, RepoRecord } from './emulator-records.js';
import type { Handler } from './emulator-state.js';

/** Fields of `pull-request` that `pull-request-simple` does not have. */
const FULL_ONLY_FIELDS = [
  'merged',
  'mergeable',
  'rebaseable',
  'mergeable_state',
  'merged_by',
  'comments',
  'review_comments',
  'maintainer_can_modify',
  'commits',
  'additions',
  'deletions',
  'changed_files',
];

async function isAncestor(repo: RepoRecord, sha: string, of: string): Promise<boolean> {
  return repo.git.git(['merge-base', '--is-ancestor', sha, of]).then(
    () => true,
    () => false,
  );
}

/** Whether `sha` is one of the PR's commits (reachable from head, not from base). */
async function pullContains(repo: RepoRecord, pr: PullRecord, sha: string): Promise<boolean> {
  const head = await repo.git.resolve(`refs/heads/${pr.head}`);
  const base = await repo.git.resolve(`refs/heads/${pr.base}`);
  if (!head || !base) return false;
  return (await isAncestor(repo, sha, head)) && !(await isAncestor(repo, sha, base));
}

/** Routes by operationId. */
export const commitPullRoutes: Record<string, Handler> = {
  'repos/list-pull-requests-associated-with-commit': async (ctx) => {
    const repo = ctx.state.repoFor(ctx);
    const ref = ctx.params['commit_sha']!;
    const sha = await repo.git.resolve(ref);
    if (!sha) throw new GitHubHttpError(422, `No commit found for SHA: ${ref}`);
    const full = `${repo.facts.owner}/${repo.facts.name}`;
    const matching: PullRecord[] = [];
    for (const pr of ctx.state.pulls.values())
      if (pr.repo === full && (await pullContains(repo, pr, sha))) matching.push(pr);
    matching.sort((a, b) => (a.state === b.state ? b.number - a.number : a.state === 'open' ? -1 : 1));
    const { page, headers } = paginate(matching, ctx.query, ctx.url, {
      defaultPerPage: 30,
      maxPerPage: 100,
    });
    const objects = [];
    for (const pr of page) {
      const object = await buildPullRequest(ctx.state, repo, pr);
      for (const field of FULL_ONLY_FIELDS) delete object[field];
      objects.push(object);
    }
    return ok(objects, headers);
  },
};
