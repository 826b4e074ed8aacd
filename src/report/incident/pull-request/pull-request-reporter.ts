import type { GitHubClient } from '../../../github/github-client.js';
import type { CommentRef } from '../../../incidents/report-store.js';
import { bodyHash } from '../body-hash.js';
import { repoRefOf as repoRef } from '../../../github/github-client.js';
import {
  pullRequestCommentMarker,
  renderPullRequestComment,
  type PullRequestRef as PullRef,
} from './render-pull-request-comment.js';
import { withReportLock } from '../../notify/report-lock.js';
import type { Reporter, ReporterContext, ReporterResult } from '../reporter.js';

/** Commits of push occurrences whose open pull requests are looked up (per report). */
const MAX_COMMITS_LOOKED_UP = 5;
/** Comments read while looking for the sticky one (a crash after posting it). */
const MAX_COMMENT_PAGES = 10;

/**
 * One sticky comment per pull request per incident, edited in place: on the pull requests the
 * key was found in, and on the open pull requests of the pushed commits that hold it.
 */
export const pullRequestReporter: Reporter = {
  name: 'pull-request',
  async deliver(ctx) {
    const pulls = await pullRequestsOf(ctx);
    if (pulls.length === 0) return { outcome: 'nothing', detail: 'the key is in no pull request' };
    let sent = 0;
    for (const pull of pulls) {
      const result = await withReportLock(
        ctx.deps.redis,
        ctx.deps.prefix,
        `${ctx.report.incident.id}:pull:${pull.repo}#${pull.number}`,
        () => deliverComment(ctx, pull),
      );
      if (result.outcome === 'sent') sent++;
    }
    return sent > 0
      ? { outcome: 'sent', detail: `${sent} of ${pulls.length} pull request comment(s) written` }
      : { outcome: 'unchanged' };
  },
};

async function pullRequestsOf(ctx: ReporterContext): Promise<PullRef[]> {
  const pulls = new Map<string, { repo: string; number: number; commits: string[] }>();
  const add = (repo: string, number: number, commit?: string) => {
    const key = `${repo}#${number}`;
    const pull = pulls.get(key) ?? { repo, number, commits: [] };
    if (commit && !pull.commits.includes(commit)) pull.commits.push(commit);
    pulls.set(key, pull);
  };
  const pushed = new Map<string, { repo: string; commit: string }>();
  for (const occurrence of ctx.report.occurrences) {
    const location = occurrence.location;
    if (location.kind !== 'commit') continue;
    if (location.pullRequest !== undefined) add(location.repo, location.pullRequest);
    else pushed.set(`${location.repo}@${location.commit}`, { repo: location.repo, commit: location.commit });
  }
  for (const { repo, commit } of [...pushed.values()].slice(0, MAX_COMMITS_LOOKED_UP)) {
    const client = await ctx.deps.reportClient(repo);
    const { data } = await client.rest.repos.listPullRequestsAssociatedWithCommit({
      ...repoRef(repo),
      commit_sha: commit,
      per_page: 100,
    });
    for (const pull of data) if (pull.state === 'open') add(repo, pull.number, commit);
  }
  return [...pulls.values()];
}

async function deliverComment(ctx: ReporterContext, pull: PullRef): Promise<ReporterResult> {
  const { deps, report } = ctx;
  const id = report.incident.id;
  const target = `pull:${pull.repo}#${pull.number}`;
  const body = renderPullRequestComment(report, pull);
  const hash = bodyHash(body);
  const recorded = await deps.reports.comment(id, pull.repo, pull.number);
  if (recorded && (await deps.reports.lastSent(id, target)) === hash) return { outcome: 'unchanged' };
  const client = await deps.reportClient(pull.repo);
  const known =
    recorded ?? (await findComment(client, pull, pullRequestCommentMarker(id, pull.number), deps.botLogin));
  if (known) {
    await client.rest.issues.updateComment({ ...repoRef(pull.repo), comment_id: known.commentId, body });
    if (!recorded) await deps.reports.setComment(id, known);
  } else {
    const { data } = await client.rest.issues.createComment({
      ...repoRef(pull.repo),
      issue_number: pull.number,
      body,
    });
    await deps.reports.setComment(id, {
      repo: pull.repo,
      pullNumber: pull.number,
      commentId: data.id,
      url: data.html_url,
    });
  }
  await deps.reports.setLastSent(id, target, hash);
  return { outcome: 'sent' };
}

async function findComment(
  client: GitHubClient,
  pull: PullRef,
  marker: string,
  botLogin: string | undefined,
): Promise<CommentRef | undefined> {
  for (let page = 1; page <= MAX_COMMENT_PAGES; page++) {
    const { data } = await client.rest.issues.listComments({
      ...repoRef(pull.repo),
      issue_number: pull.number,
      per_page: 100,
      page,
    });
    const mine = data.find(
      (comment) =>
        comment.body?.includes(marker) &&
        (botLogin === undefined ? comment.user?.type === 'Bot' : comment.user?.login === botLogin),
    );
    if (mine) return { repo: pull.repo, pullNumber: pull.number, commentId: mine.id, url: mine.html_url };
    if (data.length < 100) return undefined;
  }
  return undefined;
}
