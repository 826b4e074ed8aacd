// Issues and issue comments (comments also work on pull request numbers, as on GitHub).
import { botUser, isoSeconds, nodeId, simpleUser, type Obj } from './github-objects.js';
import { notFound, ok } from './http-reply.js';
import { paginate } from './paginate.js';
import type { IssueCommentRecord, IssueRecord } from './emulator-records.js';
import type { EmulatorState, Handler, RouteContext } from './emulator-state.js';

/** `reaction-rollup` with no reactions. */
function noReactions(url: string): Obj {
  const counts = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'eyes', 'rocket'];
  return { url: `${url}/reactions`, total_count: 0, ...Object.fromEntries(counts.map((c) => [c, 0])) };
}

function userObject(state: EmulatorState, login: string): Obj {
  return simpleUser(state.urls, login, state.userId(login));
}

function labelObject(state: EmulatorState, repo: string, name: string): Obj {
  const id = [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
  return {
    id,
    node_id: nodeId('LA', id),
    url: `${state.urls.api}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}

/** `issue`, as the REST API serves it (the issue_comment webhook embeds it too). */
export function issueObject(state: EmulatorState, issue: IssueRecord, comments: number): Obj {
  const api = `${state.urls.api}/repos/${issue.repo}/issues/${issue.number}`;
  return {
    id: issue.id,
    node_id: nodeId('I', issue.id),
    url: api,
    repository_url: `${state.urls.api}/repos/${issue.repo}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${state.urls.html}/${issue.repo}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: botUser(state.urls, state.appSlug, state.botUserId),
    labels: issue.labels.map((name) => labelObject(state, issue.repo, name)),
    assignee: issue.assignees[0] === undefined ? null : userObject(state, issue.assignees[0]),
    assignees: issue.assignees.map((login) => userObject(state, login)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: 'NONE',
    reactions: noReactions(api),
  };
}

/** `issue-comment`: written by the App unless the record names another author. */
export function commentObject(state: EmulatorState, c: IssueCommentRecord): Obj {
  const url = `${state.urls.api}/repos/${c.repo}/issues/comments/${c.id}`;
  return {
    id: c.id,
    node_id: nodeId('IC', c.id),
    url,
    html_url: `${state.urls.html}/${c.repo}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${state.urls.api}/repos/${c.repo}/issues/${c.issueNumber}`,
    body: c.body,
    user: c.author
      ? simpleUser(state.urls, c.author.login, state.userId(c.author.login), c.author.type)
      : botUser(state.urls, state.appSlug, state.botUserId),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: 'NONE',
    performed_via_github_app: null,
    reactions: noReactions(url),
  };
}

function repoName(ctx: RouteContext): string {
  const repo = ctx.state.repoFor(ctx);
  return `${repo.facts.owner}/${repo.facts.name}`;
}

function findIssue(ctx: RouteContext): IssueRecord {
  const repo = repoName(ctx);
  const issue = ctx.state.issues.find(
    (i) => i.repo === repo && i.number === Number(ctx.params['issue_number']),
  );
  if (!issue) throw notFound();
  return issue;
}

/** Counts the comments on an issue (or pull request) number. */
export function commentCount(state: EmulatorState, repo: string, number: number): number {
  return state.issueComments.filter((c) => c.repo === repo && c.issueNumber === number).length;
}

function labelNames(labels: unknown): string[] | undefined {
  if (!Array.isArray(labels)) return undefined;
  return labels.map((l) => (typeof l === 'string' ? l : String((l as { name?: string }).name)));
}

/** Routes by operationId. */
export const issueRoutes: Record<string, Handler> = {
  'issues/create': (ctx) => {
    const repo = repoName(ctx);
    const pullNumbers = [...ctx.state.pulls.values()].filter((p) => p.repo === repo).map((p) => p.number);
    const number =
      Math.max(0, ...pullNumbers, ...ctx.state.issues.filter((i) => i.repo === repo).map((i) => i.number)) +
      1;
    const now = isoSeconds(ctx.state.now());
    const issue: IssueRecord = {
      id: ctx.state.nextId(),
      repo,
      number,
      title: String(ctx.body['title']),
      body: (ctx.body['body'] as string | undefined) ?? null,
      state: 'open',
      stateReason: null,
      labels: labelNames(ctx.body['labels']) ?? [],
      // `assignee` (one login) is the older, still accepted form of `assignees`.
      assignees:
        (ctx.body['assignees'] as string[] | undefined) ??
        (typeof ctx.body['assignee'] === 'string' ? [ctx.body['assignee']] : []),
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    ctx.state.issues.push(issue);
    return { status: 201, body: issueObject(ctx.state, issue, 0) };
  },
  'issues/get': (ctx) => {
    const issue = findIssue(ctx);
    return ok(issueObject(ctx.state, issue, commentCount(ctx.state, issue.repo, issue.number)));
  },
  'issues/update': (ctx) => {
    const issue = findIssue(ctx);
    const body = ctx.body as Record<string, unknown>;
    if (typeof body['title'] === 'string') issue.title = body['title'];
    if ('body' in body) issue.body = (body['body'] as string | null) ?? null;
    if (body['state'] === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closedAt = isoSeconds(ctx.state.now());
      issue.stateReason = (body['state_reason'] as string | undefined) ?? 'completed';
    } else if (body['state'] === 'open' && issue.state === 'closed') {
      issue.state = 'open';
      issue.closedAt = null;
      issue.stateReason = 'reopened';
    }
    issue.labels = labelNames(body['labels']) ?? issue.labels;
    if (Array.isArray(body['assignees'])) issue.assignees = body['assignees'] as string[];
    issue.updatedAt = isoSeconds(ctx.state.now());
    return ok(issueObject(ctx.state, issue, commentCount(ctx.state, issue.repo, issue.number)));
  },
  'issues/list-for-repo': (ctx) => {
    const repo = repoName(ctx);
    const state = ctx.query.get('state') ?? 'open';
    const labels = ctx.query.get('labels')?.split(',').filter(Boolean) ?? [];
    const all = ctx.state.issues
      .filter(
        (i) =>
          i.repo === repo &&
          (state === 'all' || i.state === state) &&
          labels.every((l) => i.labels.includes(l)),
      )
      .reverse();
    const { page, headers } = paginate(all, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
    return ok(
      page.map((i) => issueObject(ctx.state, i, commentCount(ctx.state, repo, i.number))),
      headers,
    );
  },
  'issues/create-comment': (ctx) => {
    const repo = repoName(ctx);
    const number = Number(ctx.params['issue_number']);
    const exists =
      ctx.state.issues.some((i) => i.repo === repo && i.number === number) ||
      ctx.state.pulls.has(`${repo}#${number}`);
    if (!exists) throw notFound();
    const now = isoSeconds(ctx.state.now());
    const comment: IssueCommentRecord = {
      id: ctx.state.nextId(),
      repo,
      issueNumber: number,
      body: String(ctx.body['body']),
      createdAt: now,
      updatedAt: now,
    };
    ctx.state.issueComments.push(comment);
    return { status: 201, body: commentObject(ctx.state, comment) };
  },
  'issues/list-comments': (ctx) => {
    const repo = repoName(ctx);
    const number = Number(ctx.params['issue_number']);
    const all = ctx.state.issueComments.filter((c) => c.repo === repo && c.issueNumber === number);
    const { page, headers } = paginate(all, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
    return ok(
      page.map((c) => commentObject(ctx.state, c)),
      headers,
    );
  },
  'issues/update-comment': (ctx) => {
    const repo = repoName(ctx);
    const comment = ctx.state.issueComments.find(
      (c) => c.repo === repo && c.id === Number(ctx.params['comment_id']),
    );
    if (!comment) throw notFound();
    comment.body = String(ctx.body['body']);
    comment.updatedAt = isoSeconds(ctx.state.now());
    return ok(commentObject(ctx.state, comment));
  },
};
