// The pieces every webhook payload shares (repository, sender, installation, organization, the
// App and check suites), shaped as @octokit/webhooks-schemas wants them.
import type { CheckRunRecord, RepoRecord } from './emulator-records.js';
import type { EmulatorState } from './emulator-state.js';
import { fullRepository, isoSeconds, nodeId, simpleUser, type Obj } from './github-objects.js';
import { appObject } from './installations.js';
import { checkRunObject } from './checks.js';

const USER_KEYS = [
  'login',
  'id',
  'node_id',
  'avatar_url',
  'gravatar_id',
  'url',
  'html_url',
  'followers_url',
  'following_url',
  'gists_url',
  'starred_url',
  'subscriptions_url',
  'organizations_url',
  'repos_url',
  'events_url',
  'received_events_url',
  'type',
  'site_admin',
];
const REPOSITORY_DROP = ['network_count', 'subscribers_count', 'user_view_type'];

/** `obj` with only `keys` (webhook schemas allow no extra properties). */
export function pick(obj: Obj, keys: string[]): Obj {
  return Object.fromEntries(keys.filter((k) => k in obj).map((k) => [k, obj[k]]));
}

/** A user as webhooks embed it (no `user_view_type`). */
export function webhookUser(user: Obj): Obj {
  return pick(user, USER_KEYS);
}

/** The repository as webhooks embed it. */
export function webhookRepository(state: EmulatorState, repo: RepoRecord): Obj {
  const rest = fullRepository(state.urls, repo.facts);
  for (const key of REPOSITORY_DROP) delete rest[key];
  return { ...rest, owner: webhookUser(rest['owner'] as Obj), stargazers: 0, custom_properties: {} };
}

/** The fields every event carries: repository, sender, installation, organization. */
export function envelope(state: EmulatorState, repo: RepoRecord): Obj {
  const out: Obj = {
    repository: webhookRepository(state, repo),
    // The human who pushed / opened the PR (the same account PRs are authored by).
    sender: webhookUser(simpleUser(state.urls, 'octocat', 583231)),
    installation: { id: repo.installationId, node_id: nodeId('MDIz', repo.installationId) },
  };
  if (repo.facts.ownerType === 'Organization') {
    const api = `${state.urls.api}/orgs/${repo.facts.owner}`;
    out['organization'] = {
      login: repo.facts.owner,
      id: repo.facts.ownerId,
      node_id: nodeId('O', repo.facts.ownerId),
      url: api,
      repos_url: `${api}/repos`,
      events_url: `${api}/events`,
      hooks_url: `${api}/hooks`,
      issues_url: `${api}/issues`,
      members_url: `${api}/members{/member}`,
      public_members_url: `${api}/public_members{/member}`,
      avatar_url: `${state.urls.html}/avatars/u/${repo.facts.ownerId}`,
      description: null,
    };
  }
  return out;
}

/** The envelope of an event GitHub sends without a sender. */
export function withoutSender(fields: Obj): Obj {
  const { sender: _sender, ...rest } = fields;
  return rest;
}

/** A `minimal-repository` as webhooks embed it. */
export function webhookRepositoryLite(repo: Obj): Obj {
  return { ...repo, owner: webhookUser(repo['owner'] as Obj) };
}

/** The check suite embedded in check_run / check_suite events. */
export function checkSuite(
  state: EmulatorState,
  repo: RepoRecord,
  id: number,
  headSha: string,
  conclusion: string | null,
): Obj {
  const full = `${repo.facts.owner}/${repo.facts.name}`;
  const at = isoSeconds(state.now());
  const app = checkRunApp(state);
  return {
    id,
    node_id: nodeId('CS', id),
    head_branch: repo.facts.defaultBranch,
    head_sha: headSha,
    status: 'completed',
    conclusion,
    url: `${state.urls.api}/repos/${full}/check-suites/${id}`,
    before: null,
    after: headSha,
    pull_requests: [],
    app,
    created_at: at,
    updated_at: at,
  };
}

/** The App as webhooks embed it: `appObject` without the fields GitHub leaves out there. */
export function checkRunApp(state: EmulatorState): Obj {
  const { client_id: _id, permissions: _p, events: _e, ...app } = appObject(state);
  return { ...app, owner: webhookUser(app['owner'] as Obj) };
}

/** A stored check run by id; throws when the emulator has none. */
export function checkRunOf(state: EmulatorState, checkRunId: number): CheckRunRecord {
  const run = state.checkRuns.find((r) => r.id === checkRunId);
  if (!run) throw new Error(`emulator: no check run ${checkRunId}`);
  return run;
}

/** A user who acts in an event (`sender`, comment authors), with the emulator's id for the login. */
export function webhookSender(state: EmulatorState, login: string, type: 'User' | 'Bot' = 'User'): Obj {
  return webhookUser(simpleUser(state.urls, login, state.userId(login), type));
}

/** `check_run` as check_run events embed it: the served object with the webhook's app and suite. */
export function webhookCheckRun(state: EmulatorState, repo: RepoRecord, run: CheckRunRecord): Obj {
  const object = checkRunObject(state, run);
  const output = object['output'] as Obj;
  return {
    ...object,
    output: pick(output, ['title', 'summary', 'text', 'annotations_count', 'annotations_url']),
    app: checkRunApp(state),
    check_suite: checkSuite(state, repo, run.checkSuiteId, run.headSha, run.conclusion),
  };
}
