// Pull requests between two branches of one repository, with reviews and review comments that
// GitHub only accepts on lines of the PR's diff.
import { diffFiles, linesInPatch, type DiffFile } from './git-diff.js';
import { commitObject, diffEntry } from './commit-objects.js';
import { isoSeconds } from './github-objects.js';
import { GitHubHttpError, notFound, ok } from './http-reply.js';
import { paginate } from './paginate.js';
import { pullRequestObject, reviewCommentObject, reviewObject } from './pull-objects.js';
import type { PullRecord, RepoRecord, ReviewCommentRecord, ReviewRecord } from './emulator-records.js';
import type { EmulatorState, Handler, RouteContext } from './emulator-state.js';

/** GitHub lists at most 250 commits of a pull request. */
export const MAX_PULL_COMMITS = 250;
/** GitHub lists at most 3000 files of a pull request... */
export const MAX_PULL_FILES = 3000;
/** ...at most 100 per page. */
export const MAX_PULL_FILES_PER_PAGE = 100;

/** Options of `emulator.openPullRequest`. */
export interface OpenPullRequestOptions {
  /** @defaultValue the next free number */
  number?: number;
  head: string;
  base: string;
  title?: string;
  body?: string | null;
  /** @defaultValue 'octocat' */
  author?: string;
}

interface PullGit {
  headSha: string;
  baseSha: string;
  mergeBase: string;
}

/** Seeds a pull request; returns its number. */
export async function openPullRequest(
  state: EmulatorState,
  fullName: string,
  options: OpenPullRequestOptions,
): Promise<number> {
  const repo = state.repo(fullName);
  for (const branch of [options.head, options.base]) {
    if (!(await repo.git.resolve(`refs/heads/${branch}`)))
      throw new Error(`emulator: no branch ${branch} in ${fullName}`);
  }
  const key = repo.facts.owner + '/' + repo.facts.name;
  const taken = [...state.pulls.values()].filter((p) => p.repo === key).map((p) => p.number);
  const takenIssues = state.issues.filter((i) => i.repo === key).map((i) => i.number);
  const number = options.number ?? Math.max(0, ...taken, ...takenIssues) + 1;
  state.pulls.set(`${key}#${number}`, {
    repo: key,
    number,
    id: state.nextId(),
    head: options.head,
    base: options.base,
    title: options.title ?? `Merge ${options.head} into ${options.base}`,
    body: options.body ?? null,
    state: 'open',
    author: options.author ?? 'octocat',
    createdAt: isoSeconds(state.now()),
    closedAt: null,
  });
  return number;
}

function findPull(ctx: RouteContext): { repo: RepoRecord; pr: PullRecord } {
  const repo = ctx.state.repoFor(ctx);
  const pr = ctx.state.pulls.get(
    `${repo.facts.owner}/${repo.facts.name}#${Number(ctx.params['pull_number'])}`,
  );
  if (!pr) throw notFound();
  return { repo, pr };
}

async function pullGit(repo: RepoRecord, pr: PullRecord): Promise<PullGit> {
  const headSha = await repo.git.resolve(`refs/heads/${pr.head}`);
  const baseSha = await repo.git.resolve(`refs/heads/${pr.base}`);
  if (!headSha || !baseSha) throw notFound();
  const mergeBase = (await repo.git.git(['merge-base', baseSha, headSha])).trim();
  return { headSha, baseSha, mergeBase };
}

/** A comment GitHub refuses; each endpoint words the 422 its own way (see the routes). */
class ReviewLineError extends Error {
  override readonly name = 'ReviewLineError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function lineError(field: string, message: string): ReviewLineError {
  return new ReviewLineError(field, message);
}

/** Runs `fn`, turning a refused comment into the 422 body of the endpoint. */
function as422<T>(fn: () => T, style: 'review' | 'comment'): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof ReviewLineError)) throw error;
    // POST .../reviews answers `errors: [string]`; POST .../comments answers validation objects.
    if (style === 'review')
      throw new GitHubHttpError(422, 'Unprocessable Entity', { errors: [error.message] });
    throw new GitHubHttpError(422, 'Validation Failed', {
      errors: [
        { resource: 'PullRequestReviewComment', code: 'custom', field: error.field, message: error.message },
      ],
    });
  }
}

/** The hunk containing `line` on `side`, as GitHub's `diff_hunk`. */
function hunkFor(patch: string, line: number, side: 'LEFT' | 'RIGHT'): string {
  const hunks = patch.split(/^(?=@@ )/m);
  for (const hunk of hunks) {
    const lines = linesInPatch(hunk);
    if ((side === 'RIGHT' ? lines.right : lines.left).has(line)) return hunk.replace(/\n$/, '');
  }
  return '';
}

interface CommentInput {
  path: string;
  body: string;
  line?: number;
  start_line?: number;
  side?: 'LEFT' | 'RIGHT';
  subject_type?: 'line' | 'file';
}

/** Checks a comment against the PR diff and stores it; 422 when GitHub would refuse it. */
function addComment(
  ctx: RouteContext,
  pr: PullRecord,
  files: DiffFile[],
  commitId: string,
  reviewId: number,
  input: CommentInput,
  inReplyTo: number | null,
): ReviewCommentRecord {
  const file = files.find((f) => f.filename === input.path);
  if (!file)
    throw lineError(
      'pull_request_review_thread.path',
      'pull_request_review_thread.path does not exist in the diff',
    );
  const subjectType = input.subject_type ?? 'line';
  const side = input.side ?? 'RIGHT';
  let diffHunk = '';
  if (subjectType === 'line') {
    if (input.line === undefined)
      throw lineError('pull_request_review_thread.line', 'pull_request_review_thread.line is missing');
    const lines = file.patch !== undefined ? linesInPatch(file.patch) : undefined;
    const onSide = side === 'RIGHT' ? lines?.right : lines?.left;
    for (const line of [input.line, ...(input.start_line !== undefined ? [input.start_line] : [])]) {
      if (!onSide?.has(line))
        throw lineError(
          'pull_request_review_thread.line',
          'pull_request_review_thread.line must be part of the diff',
        );
    }
    diffHunk = hunkFor(file.patch!, input.line, side);
  }
  const record: ReviewCommentRecord = {
    id: ctx.state.nextId(),
    repo: pr.repo,
    pullNumber: pr.number,
    reviewId,
    path: input.path,
    body: input.body,
    commitId,
    subjectType,
    line: subjectType === 'line' ? input.line! : null,
    startLine: input.start_line ?? null,
    side,
    diffHunk,
    inReplyTo,
    createdAt: isoSeconds(ctx.state.now()),
  };
  return record;
}

const REVIEW_STATE = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
} as const;

/** The `pull-request` object of a stored pull request, with counts from git. */
export async function buildPullRequest(
  state: EmulatorState,
  repo: RepoRecord,
  pr: PullRecord,
): Promise<Record<string, unknown>> {
  const git = await pullGit(repo, pr);
  const files = await diffFiles(repo.git, git.mergeBase, git.headSha);
  const commits = Number(
    (await repo.git.git(['rev-list', '--count', `${git.baseSha}..${git.headSha}`])).trim(),
  );
  return pullRequestObject(state, repo, pr, {
    headSha: git.headSha,
    baseSha: git.baseSha,
    commits,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changedFiles: files.length,
  });
}

/** Routes by operationId. */
export const pullRoutes: Record<string, Handler> = {
  'pulls/get': async (ctx) => {
    const { repo, pr } = findPull(ctx);
    return ok(await buildPullRequest(ctx.state, repo, pr));
  },
  'pulls/list-commits': async (ctx) => {
    const { repo, pr } = findPull(ctx);
    const git = await pullGit(repo, pr);
    const commits = await repo.git.log(['--reverse', `${git.baseSha}..${git.headSha}`]);
    const { page, headers } = paginate(commits, ctx.query, ctx.url, {
      defaultPerPage: 30,
      maxPerPage: 100,
      maxItems: MAX_PULL_COMMITS,
    });
    return ok(
      page.map((info) => commitObject(ctx.state, repo, info)),
      headers,
    );
  },
  'pulls/list-files': async (ctx) => {
    const { repo, pr } = findPull(ctx);
    const git = await pullGit(repo, pr);
    const files = await diffFiles(repo.git, git.mergeBase, git.headSha);
    const { page, headers } = paginate(files, ctx.query, ctx.url, {
      defaultPerPage: 30,
      maxPerPage: MAX_PULL_FILES_PER_PAGE,
      maxItems: MAX_PULL_FILES,
    });
    return ok(
      page.map((f) => diffEntry(ctx.state, repo, f, git.headSha)),
      headers,
    );
  },
  'pulls/create-review': async (ctx) => {
    const { repo, pr } = findPull(ctx);
    const git = await pullGit(repo, pr);
    const files = await diffFiles(repo.git, git.mergeBase, git.headSha);
    const event = ctx.body?.['event'] as keyof typeof REVIEW_STATE | undefined;
    const review: ReviewRecord = {
      id: ctx.state.nextId(),
      repo: pr.repo,
      pullNumber: pr.number,
      body: (ctx.body?.['body'] as string | undefined) ?? '',
      state: event ? REVIEW_STATE[event] : 'PENDING',
      commitId: (ctx.body?.['commit_id'] as string | undefined) ?? git.headSha,
      submittedAt: isoSeconds(ctx.state.now()),
    };
    if (
      (event === 'REQUEST_CHANGES' || event === 'COMMENT') &&
      review.body === '' &&
      !(ctx.body?.['comments']?.length > 0)
    ) {
      throw new GitHubHttpError(422, 'Unprocessable Entity', {
        errors: ['Review Can not request changes or comment without body'],
      });
    }
    // Every comment is checked before anything is stored: GitHub rejects the whole review.
    const comments = as422(
      () =>
        ((ctx.body?.['comments'] ?? []) as CommentInput[]).map((c) =>
          addComment(ctx, pr, files, review.commitId, review.id, c, null),
        ),
      'review',
    );
    ctx.state.reviews.push(review);
    ctx.state.reviewComments.push(...comments);
    return ok(reviewObject(ctx.state, review));
  },
  'pulls/list-reviews': (ctx) => {
    const { pr } = findPull(ctx);
    const all = ctx.state.reviews.filter((r) => r.repo === pr.repo && r.pullNumber === pr.number);
    const { page, headers } = paginate(all, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
    return ok(
      page.map((r) => reviewObject(ctx.state, r)),
      headers,
    );
  },
  'pulls/list-review-comments': (ctx) => {
    const { pr } = findPull(ctx);
    const all = ctx.state.reviewComments.filter((c) => c.repo === pr.repo && c.pullNumber === pr.number);
    const { page, headers } = paginate(all, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
    return ok(
      page.map((c) => reviewCommentObject(ctx.state, c)),
      headers,
    );
  },
  'pulls/create-review-comment': async (ctx) => {
    const { repo, pr } = findPull(ctx);
    const git = await pullGit(repo, pr);
    const files = await diffFiles(repo.git, git.mergeBase, git.headSha);
    const replyTo = ctx.body['in_reply_to'] as number | undefined;
    const parent =
      replyTo !== undefined
        ? ctx.state.reviewComments.find((c) => c.id === replyTo && c.repo === pr.repo)
        : undefined;
    if (replyTo !== undefined && !parent) throw notFound();
    const input: CommentInput = parent
      ? {
          path: parent.path,
          body: ctx.body['body'],
          subject_type: parent.subjectType,
          side: parent.side,
          ...(parent.line !== null ? { line: parent.line } : {}),
        }
      : (ctx.body as CommentInput);
    const review: ReviewRecord = {
      id: ctx.state.nextId(),
      repo: pr.repo,
      pullNumber: pr.number,
      body: '',
      state: 'COMMENTED',
      commitId: String(ctx.body['commit_id']),
      submittedAt: isoSeconds(ctx.state.now()),
    };
    const comment = as422(
      () => addComment(ctx, pr, files, review.commitId, review.id, input, replyTo ?? null),
      'comment',
    );
    ctx.state.reviews.push(review);
    ctx.state.reviewComments.push(comment);
    return { status: 201, body: reviewCommentObject(ctx.state, comment) };
  },
};
