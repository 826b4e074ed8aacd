// Webhook payload builders for the events rootguard handles, filled from the emulator's state
// (repository, installation, shas from git). Shapes follow @octokit/webhooks-schemas (a test
// validates every builder's output); nothing here needs that package at run time.
import type { GitHubEmulator } from './github-emulator.js';
import { isoSeconds, nodeId, simpleUser, type Obj } from './github-objects.js';
import { buildPullRequest } from './pulls.js';
import { jobObject, runObject } from './actions.js';
import { alertObject } from './secret-scanning.js';
import { commentCount, commentObject, issueObject } from './issues.js';
import type { EmulatorState } from './emulator-state.js';
import type { IssueCommentRecord, PullRecord } from './emulator-records.js';
import {
  checkRunOf,
  checkSuite,
  envelope,
  webhookCheckRun,
  webhookRepository,
  webhookRepositoryLite,
  webhookSender,
  webhookUser,
  withoutSender,
} from './webhook-objects.js';

/** GitHub lists at most this many commits in a push payload. */
export const MAX_PUSH_PAYLOAD_COMMITS = 2048;
/** The all-zero sha of a created (before) or deleted (after) ref. */
export const ZERO_SHA = '0000000000000000000000000000000000000000';

/** Options of `pushPayload`. */
export interface PushPayloadOptions {
  repo: string;
  /** Branch name (the payload's ref is `refs/heads/<branch>`). */
  branch: string;
  /** The branch tip before the push; ZERO_SHA when the push created the branch. */
  before: string;
  /** The tip after the push; ZERO_SHA when the push deleted the branch. @defaultValue the branch's sha now */
  after?: string;
}

/** `push`: normal, new branch (before = ZERO_SHA), deletion (after = ZERO_SHA), force (computed from git). */
export async function pushPayload(emulator: GitHubEmulator, options: PushPayloadOptions): Promise<Obj> {
  const state = emulator.internalState;
  const repo = state.repo(options.repo);
  const after = options.after ?? (await repo.git.resolve(`refs/heads/${options.branch}`)) ?? ZERO_SHA;
  const created = options.before === ZERO_SHA;
  const deleted = after === ZERO_SHA;
  let forced = false;
  let range: string[] = [];
  if (!deleted && !created) {
    forced = !(await repo.git.git(['merge-base', '--is-ancestor', options.before, after]).then(
      () => true,
      () => false,
    ));
    range = [`${options.before}..${after}`];
  } else if (created) {
    const base = await repo.git.resolve(`refs/heads/${repo.facts.defaultBranch}`);
    range =
      base && base !== after && options.branch !== repo.facts.defaultBranch ? [`${base}..${after}`] : [after];
  }
  const infos =
    range.length > 0 ? (await repo.git.log(['--reverse', ...range])).slice(-MAX_PUSH_PAYLOAD_COMMITS) : [];
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const commits: Obj[] = [];
  for (const info of infos) {
    const changes = await repo.git.git([
      'diff-tree',
      '-r',
      '--root',
      '--no-commit-id',
      '--name-status',
      '--no-renames',
      '-z',
      info.sha,
    ]);
    const parts = changes.split('\0');
    const files: Record<string, string[]> = { A: [], D: [], M: [] };
    for (let i = 0; i + 1 < parts.length; i += 2)
      (files[parts[i]!.charAt(0)] ?? files['M']!).push(parts[i + 1]!);
    commits.push({
      id: info.sha,
      tree_id: info.tree,
      distinct: true,
      message: info.message,
      timestamp: info.committer.date,
      url: `${state.urls.html}/${full}/commit/${info.sha}`,
      author: { name: info.author.name, email: info.author.email },
      committer: { name: info.committer.name, email: info.committer.email },
      added: files['A'],
      removed: files['D'],
      modified: files['M'],
    });
  }
  const short = (sha: string) => sha.slice(0, 12);
  return {
    ref: `refs/heads/${options.branch}`,
    before: options.before,
    after,
    created,
    deleted,
    forced,
    base_ref: null,
    compare: created
      ? `${state.urls.html}/${full}/commit/${short(after)}`
      : `${state.urls.html}/${full}/compare/${short(options.before)}...${short(after)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    pusher: { name: repo.facts.owner, email: `${repo.facts.owner}@users.noreply.github.com` },
    ...envelope(state, repo),
  };
}

/** Options of `pullRequestPayload`. */
export interface PullRequestPayloadOptions {
  repo: string;
  number: number;
  action: 'opened' | 'synchronize' | 'reopened';
  /** For `synchronize`: the head sha before the push. */
  before?: string;
}

/** `pull_request` opened / synchronize / reopened, with the PR as the emulator serves it. */
export async function pullRequestPayload(
  emulator: GitHubEmulator,
  options: PullRequestPayloadOptions,
): Promise<Obj> {
  const state = emulator.internalState;
  const repo = state.repo(options.repo);
  const pr = state.pulls.get(`${repo.facts.owner}/${repo.facts.name}#${options.number}`);
  if (!pr) throw new Error(`emulator: no pull request ${options.repo}#${options.number}`);
  const object = await buildPullRequest(state, repo, pr);
  const side = (s: Obj): Obj => ({
    ...s,
    user: webhookUser(s['user'] as Obj),
    repo: webhookRepository(state, repo),
  });
  const pullRequest: Obj = {
    ...object,
    user: webhookUser(object['user'] as Obj),
    head: side(object['head'] as Obj),
    base: side(object['base'] as Obj),
  };
  delete pullRequest['stack'];
  const head = (object['head'] as Obj)['sha'] as string;
  return {
    action: options.action,
    number: options.number,
    ...(options.action === 'synchronize' ? { before: options.before ?? head, after: head } : {}),
    pull_request: pullRequest,
    ...envelope(state, repo),
  };
}

/** `workflow_job` completed. */
export function workflowJobCompletedPayload(
  emulator: GitHubEmulator,
  options: { repo: string; jobId: number },
): Obj {
  const state = emulator.internalState;
  const repo = state.repo(options.repo);
  const job = state.jobs.get(options.jobId);
  if (!job) throw new Error(`emulator: no job ${options.jobId}`);
  return { action: 'completed', workflow_job: jobObject(state, job), ...envelope(state, repo) };
}

/** `workflow_run` completed. */
export function workflowRunCompletedPayload(
  emulator: GitHubEmulator,
  options: { repo: string; runId: number },
): Obj {
  const state = emulator.internalState;
  const repo = state.repo(options.repo);
  const run = state.runs.get(options.runId);
  if (!run) throw new Error(`emulator: no workflow run ${options.runId}`);
  const object = runObject(state, repo, run);
  const actor = webhookUser(simpleUser(state.urls, 'octocat', 583231));
  const workflowUrl = object['workflow_url'] as string;
  return {
    action: 'completed',
    workflow_run: {
      ...object,
      check_suite_node_id: nodeId('CS', object['check_suite_id'] as number),
      repository: webhookRepositoryLite(object['repository'] as Obj),
      head_repository: webhookRepositoryLite(object['head_repository'] as Obj),
      referenced_workflows: [],
      actor,
      triggering_actor: actor,
    },
    workflow: {
      id: object['workflow_id'],
      node_id: nodeId('W', object['workflow_id'] as number),
      name: run.name,
      path: object['path'],
      state: 'active',
      created_at: run.createdAt,
      updated_at: run.createdAt,
      url: workflowUrl,
      html_url: `${state.urls.html}/${run.repo}/actions/workflows/ci.yml`,
      badge_url: `${state.urls.html}/${run.repo}/workflows/${encodeURIComponent(run.name)}/badge.svg`,
    },
    ...envelope(state, repo),
  };
}

/** `check_run` rerequested (the run must be completed, as only completed runs can be re-run). */
export function checkRunRerequestedPayload(
  emulator: GitHubEmulator,
  options: { repo: string; checkRunId: number },
): Obj {
  const state = emulator.internalState;
  const repo = state.repo(options.repo);
  const run = checkRunOf(state, options.checkRunId);
  return { action: 'rerequested', check_run: webhookCheckRun(state, repo, run), ...envelope(state, repo) };
}

/** `check_suite` rerequested for the suite of a check run. */
export function checkSuiteRerequestedPayload(
  emulator: GitHubEmulator,
  options: { repo: string; checkRunId: number },
): Obj {
  const state = emulator.internalState;
  const repo = state.repo(options.repo);
  const run = checkRunOf(state, options.checkRunId);
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  return {
    action: 'rerequested',
    check_suite: {
      ...checkSuite(state, repo, run.checkSuiteId, run.headSha, run.conclusion),
      latest_check_runs_count: state.checkRuns.filter((r) => r.checkSuiteId === run.checkSuiteId).length,
      check_runs_url: `${state.urls.api}/repos/${full}/check-suites/${run.checkSuiteId}/check-runs`,
      head_commit: {
        id: run.headSha,
        tree_id: run.headSha,
        message: 'commit',
        timestamp: isoSeconds(state.now()),
        author: { name: 'Emulator', email: 'emulator@example.com' },
        committer: { name: 'Emulator', email: 'emulator@example.com' },
      },
    },
    ...envelope(state, repo),
  };
}

/** `secret_scanning_alert` created. Like GitHub's, the payload does not carry the secret. */
export function secretScanningAlertCreatedPayload(
  emulator: GitHubEmulator,
  options: { repo: string; number: number },
): Obj {
  const state = emulator.internalState;
  const repo = state.repo(options.repo);
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const alert = state.alerts.find((a) => a.repo === full && a.number === options.number);
  if (!alert) throw new Error(`emulator: no secret scanning alert ${options.number}`);
  return {
    action: 'created',
    alert: alertObject(state, alert),
    // GitHub sends this event without a sender.
    ...withoutSender(envelope(state, repo)),
  };
}

/** Options of `issueCommentCreatedPayload`. */
export interface IssueCommentCreatedPayloadOptions {
  repo: string;
  /** An issue or a pull request number (pull requests take issue comments too). */
  issueNumber: number;
  body: string;
  /** Who wrote the comment (also the event's sender). */
  login: string;
  /** @defaultValue 'User' */
  userType?: 'User' | 'Bot';
}

/** The `issue` a pull request is on the Issues API: the PR's fields plus its `pull_request` links. */
function pullAsIssue(state: EmulatorState, pr: PullRecord, comments: number): Obj {
  const api = `${state.urls.api}/repos/${pr.repo}`;
  const html = `${state.urls.html}/${pr.repo}/pull/${pr.number}`;
  const issue = issueObject(
    state,
    {
      id: pr.id,
      repo: pr.repo,
      number: pr.number,
      title: pr.title,
      body: pr.body,
      state: pr.state,
      stateReason: null,
      labels: [],
      assignees: [],
      createdAt: pr.createdAt,
      updatedAt: pr.closedAt ?? pr.createdAt,
      closedAt: pr.closedAt,
    },
    comments,
  );
  return {
    ...issue,
    html_url: html,
    user: simpleUser(state.urls, pr.author, state.userId(pr.author)),
    pull_request: {
      url: `${api}/pulls/${pr.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: null,
    },
  };
}

/**
 * `issue_comment` created: stores the comment in the emulator as written by `login` (it then
 * lists like any other), and returns the event with the issue as the emulator serves it.
 */
export function issueCommentCreatedPayload(
  emulator: GitHubEmulator,
  options: IssueCommentCreatedPayloadOptions,
): Obj {
  const state = emulator.internalState;
  const repo = state.repo(options.repo);
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const issue = state.issues.find((i) => i.repo === full && i.number === options.issueNumber);
  const pr = state.pulls.get(`${full}#${options.issueNumber}`);
  if (!issue && !pr) throw new Error(`emulator: no issue or pull request ${full}#${options.issueNumber}`);
  const at = isoSeconds(state.now());
  const userType = options.userType ?? 'User';
  const comment: IssueCommentRecord = {
    id: state.nextId(),
    repo: full,
    issueNumber: options.issueNumber,
    body: options.body,
    createdAt: at,
    updatedAt: at,
    author: { login: options.login, type: userType },
  };
  state.issueComments.push(comment);
  const comments = commentCount(state, full, options.issueNumber);
  const served = issue ? issueObject(state, issue, comments) : pullAsIssue(state, pr!, comments);
  const webhookIssue: Obj = {
    ...served,
    user: webhookUser(served['user'] as Obj),
    assignee: served['assignee'] === null ? null : webhookUser(served['assignee'] as Obj),
    assignees: (served['assignees'] as Obj[]).map(webhookUser),
  };
  const servedComment = commentObject(state, comment);
  return {
    action: 'created',
    issue: webhookIssue,
    comment: { ...servedComment, user: webhookUser(servedComment['user'] as Obj) },
    ...envelope(state, repo),
    sender: webhookSender(state, options.login, userType),
  };
}

/** Options of `checkRunRequestedActionPayload`. */
export interface CheckRunRequestedActionPayloadOptions {
  repo: string;
  checkRunId: number;
  /** One of the identifiers the check run's `actions` offer (the button the user clicked). */
  identifier: string;
  /** Who clicked (the event's sender). */
  login: string;
}

/** `check_run` requested_action: a user clicked one of the run's action buttons. */
export function checkRunRequestedActionPayload(
  emulator: GitHubEmulator,
  options: CheckRunRequestedActionPayloadOptions,
): Obj {
  const state = emulator.internalState;
  const repo = state.repo(options.repo);
  const run = checkRunOf(state, options.checkRunId);
  // GitHub only shows the buttons the run offers: a click on anything else cannot happen.
  if (!run.actions.some((a) => a.identifier === options.identifier))
    throw new Error(`emulator: check run ${run.id} offers no action ${options.identifier}`);
  return {
    action: 'requested_action',
    check_run: webhookCheckRun(state, repo, run),
    requested_action: { identifier: options.identifier },
    ...envelope(state, repo),
    sender: webhookSender(state, options.login),
  };
}
