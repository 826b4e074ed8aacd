// `pull-request`, `pull-request-review` and `pull-request-review-comment` objects.
import { botUser, fullRepository, links, nodeId, simpleUser, type Obj } from './github-objects.js';
import type { PullRecord, RepoRecord, ReviewCommentRecord, ReviewRecord } from './emulator-records.js';
import type { EmulatorState } from './emulator-state.js';

/** What a pull request object needs from git. */
export interface PullGitFacts {
  headSha: string;
  baseSha: string;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
}

/** `pull-request`. */
export function pullRequestObject(
  state: EmulatorState,
  repo: RepoRecord,
  pr: PullRecord,
  git: PullGitFacts,
): Obj {
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const api = `${state.urls.api}/repos/${full}`;
  const html = `${state.urls.html}/${full}/pull/${pr.number}`;
  const owner = simpleUser(state.urls, repo.facts.owner, repo.facts.ownerId, repo.facts.ownerType);
  const side = (ref: string, sha: string) => ({
    label: `${repo.facts.owner}:${ref}`,
    ref,
    sha,
    user: owner,
    repo: fullRepository(state.urls, repo.facts),
  });
  return {
    url: `${api}/pulls/${pr.number}`,
    id: pr.id,
    node_id: nodeId('PR', pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pr.number}`,
    commits_url: `${api}/pulls/${pr.number}/commits`,
    review_comments_url: `${api}/pulls/${pr.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pr.number}/comments`,
    statuses_url: `${api}/statuses/${git.headSha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: simpleUser(state.urls, pr.author, 583231),
    body: pr.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.closedAt ?? pr.createdAt,
    closed_at: pr.closedAt,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pr.head, git.headSha),
    base: side(pr.base, git.baseSha),
    _links: links({
      self: `${api}/pulls/${pr.number}`,
      html,
      issue: `${api}/issues/${pr.number}`,
      comments: `${api}/issues/${pr.number}/comments`,
      review_comments: `${api}/pulls/${pr.number}/comments`,
      review_comment: `${api}/pulls/comments{/number}`,
      commits: `${api}/pulls/${pr.number}/commits`,
      statuses: `${api}/statuses/${git.headSha}`,
    }),
    author_association: 'OWNER',
    auto_merge: null,
    draft: false,
    merged: false,
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: null,
    comments: 0,
    review_comments: state.reviewComments.filter((c) => c.repo === full && c.pullNumber === pr.number).length,
    maintainer_can_modify: false,
    commits: git.commits,
    additions: git.additions,
    deletions: git.deletions,
    changed_files: git.changedFiles,
  };
}

/** `pull-request-review`. */
export function reviewObject(state: EmulatorState, review: ReviewRecord): Obj {
  const html = `${state.urls.html}/${review.repo}/pull/${review.pullNumber}`;
  return {
    id: review.id,
    node_id: nodeId('PRR', review.id),
    user: botUser(state.urls, state.appSlug, state.botUserId),
    body: review.body,
    state: review.state,
    html_url: `${html}#pullrequestreview-${review.id}`,
    pull_request_url: `${state.urls.api}/repos/${review.repo}/pulls/${review.pullNumber}`,
    _links: links({
      html: `${html}#pullrequestreview-${review.id}`,
      pull_request: `${state.urls.api}/repos/${review.repo}/pulls/${review.pullNumber}`,
    }),
    submitted_at: review.state === 'PENDING' ? undefined : review.submittedAt,
    commit_id: review.commitId,
    author_association: 'NONE',
  };
}

/** `pull-request-review-comment`. */
export function reviewCommentObject(state: EmulatorState, c: ReviewCommentRecord): Obj {
  const api = `${state.urls.api}/repos/${c.repo}`;
  const html = `${state.urls.html}/${c.repo}/pull/${c.pullNumber}#discussion_r${c.id}`;
  return {
    url: `${api}/pulls/comments/${c.id}`,
    id: c.id,
    node_id: nodeId('PRRC', c.id),
    pull_request_review_id: c.reviewId,
    diff_hunk: c.diffHunk,
    path: c.path,
    commit_id: c.commitId,
    original_commit_id: c.commitId,
    user: botUser(state.urls, state.appSlug, state.botUserId),
    body: c.body,
    created_at: c.createdAt,
    updated_at: c.createdAt,
    html_url: html,
    pull_request_url: `${api}/pulls/${c.pullNumber}`,
    author_association: 'NONE',
    _links: links({
      self: `${api}/pulls/comments/${c.id}`,
      html,
      pull_request: `${api}/pulls/${c.pullNumber}`,
    }),
    subject_type: c.subjectType,
    ...(c.subjectType === 'line'
      ? {
          line: c.line,
          original_line: c.line,
          side: c.side,
          start_line: c.startLine,
          original_start_line: c.startLine,
          start_side: c.startLine === null ? null : c.side,
        }
      : {}),
    ...(c.inReplyTo !== null ? { in_reply_to_id: c.inReplyTo } : {}),
  };
}
