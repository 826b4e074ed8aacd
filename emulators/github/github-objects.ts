// Builders for the GitHub objects that many endpoints embed (users, repositories, apps), with
// every URL field GitHub's schemas require, pointing at the emulator.

/** A JSON object produced by the emulator. */
export type Obj = Record<string, unknown>;

/** What the builders need to know about a repository. */
export interface RepoFacts {
  id: number;
  owner: string;
  ownerId: number;
  ownerType: 'User' | 'Organization';
  name: string;
  private: boolean;
  defaultBranch: string;
  createdAt: string;
}

/** Where the emulator lives (API base URL). */
export interface Urls {
  api: string;
  html: string;
}

/** A `node_id`-shaped value (opaque base64, like GitHub's). */
export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');
}

/** `simple-user`. */
export function simpleUser(urls: Urls, login: string, id: number, type = 'User'): Obj {
  const u = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId('U', id),
    avatar_url: `${urls.html}/avatars/u/${id}`,
    gravatar_id: '',
    url: u,
    html_url: `${urls.html}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** The app's bot user (author of reviews, comments and check runs). */
export function botUser(urls: Urls, appSlug: string, id: number): Obj {
  return simpleUser(urls, `${appSlug}[bot]`, id, 'Bot');
}

const REPO_URL_FIELDS: Record<string, string> = {
  forks_url: '/forks',
  keys_url: '/keys{/key_id}',
  collaborators_url: '/collaborators{/collaborator}',
  teams_url: '/teams',
  hooks_url: '/hooks',
  issue_events_url: '/issues/events{/number}',
  events_url: '/events',
  assignees_url: '/assignees{/user}',
  branches_url: '/branches{/branch}',
  tags_url: '/tags',
  blobs_url: '/git/blobs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  git_refs_url: '/git/refs{/sha}',
  trees_url: '/git/trees{/sha}',
  statuses_url: '/statuses/{sha}',
  languages_url: '/languages',
  stargazers_url: '/stargazers',
  contributors_url: '/contributors',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  commits_url: '/commits{/sha}',
  git_commits_url: '/git/commits{/sha}',
  comments_url: '/comments{/number}',
  issue_comment_url: '/issues/comments{/number}',
  contents_url: '/contents/{+path}',
  compare_url: '/compare/{base}...{head}',
  merges_url: '/merges',
  archive_url: '/{archive_format}{/ref}',
  downloads_url: '/downloads',
  issues_url: '/issues{/number}',
  pulls_url: '/pulls{/number}',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  labels_url: '/labels{/name}',
  releases_url: '/releases{/id}',
  deployments_url: '/deployments',
};

/** `minimal-repository` (as embedded in workflow runs). */
export function minimalRepository(urls: Urls, repo: RepoFacts): Obj {
  const fullName = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  const out: Obj = {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: fullName,
    private: repo.private,
    owner: simpleUser(urls, repo.owner, repo.ownerId, repo.ownerType),
    html_url: `${urls.html}/${fullName}`,
    description: null,
    fork: false,
    url: api,
  };
  for (const [field, suffix] of Object.entries(REPO_URL_FIELDS)) out[field] = api + suffix;
  return out;
}

/** `repository` / `full-repository` (GET /repos/{owner}/{repo}, pull request heads). */
export function fullRepository(urls: Urls, repo: RepoFacts): Obj {
  const fullName = `${repo.owner}/${repo.name}`;
  const host = new URL(urls.html).host;
  return {
    ...minimalRepository(urls, repo),
    git_url: `git://${host}/${fullName}.git`,
    ssh_url: `git@${host}:${fullName}.git`,
    clone_url: `${urls.html}/${fullName}.git`,
    svn_url: `${urls.html}/${fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues: 0,
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    license: null,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    allow_forking: true,
    web_commit_signoff_required: false,
    network_count: 0,
    subscribers_count: 0,
  };
}

/** `link` maps (`_links`). */
export function links(entries: Record<string, string>): Obj {
  return Object.fromEntries(Object.entries(entries).map(([k, href]) => [k, { href }]));
}

/** ISO 8601 without milliseconds, as GitHub writes timestamps. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
