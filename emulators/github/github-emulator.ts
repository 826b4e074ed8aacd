// The GitHub emulator: a stateful loopback HTTP server for the REST endpoints rootguard calls,
// checked against GitHub's OpenAPI description, backed by real bare git repositories.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppAuth } from './app-auth.js';
import { DownloadLinks } from './download-links.js';
import type {
  AppSettings,
  CheckRunRecord,
  CollaboratorRole,
  CreatedAppRecord,
  DeletedRunLogs,
  HookDeliveryRecord,
  InstallationRecord,
  IssueCommentRecord,
  IssueRecord,
  ReviewCommentRecord,
  ReviewRecord,
  SecretScanningAlertInput,
  TeamRole,
  WorkflowRunInput,
} from './emulator-records.js';
import { EmulatorState } from './emulator-state.js';
import { Faults } from './faults.js';
import { GitRepo, type CommitOptions, type FileChanges } from './git-repo.js';
import { isoSeconds } from './github-objects.js';
import { handleRequest, type RecordedRequest, type Violation } from './handle-request.js';
import { OpenApiValidator } from './openapi/openapi-validator.js';
import { actionRoutes, addWorkflowRun, buildRunLogArchive } from './actions.js';
import { appManifestRoutes } from './app-manifests.js';
import { appSettingsRoutes, defaultAppSettings } from './app-settings.js';
import { checkRoutes } from './checks.js';
import { collaboratorRoutes } from './collaborators.js';
import { teamKey, teamRoutes } from './teams.js';
import { commitPullRoutes } from './commit-pulls.js';
import { INSTALLATION_PERMISSIONS, installationRoutes, type PermissionLevel } from './installations.js';
import { hookDeliveryRoutes, sendWebhookAttempt, type WebhookTarget } from './hook-deliveries.js';
import { issueRoutes } from './issues.js';
import { openPullRequest, pullRoutes, type OpenPullRequestOptions } from './pulls.js';
import { repoRoutes } from './repos.js';
import { addSecretScanningAlert, secretScanningRoutes } from './secret-scanning.js';
import { secretRoutes } from './secrets.js';
import { sodiumReady, type OrgSecretVisibility, type SecretScope, type SecretWrite } from './secret-store.js';

/** Options of `startGitHubEmulator`. */
export interface GitHubEmulatorOptions {
  /** The emulator clock (token and download-link expiry, timestamps). @defaultValue () => new Date() */
  now?: () => Date;
  /** @defaultValue 424242 */
  appId?: number;
  /** Delay added to every request, before it is served (for benchmarks). @defaultValue 0 */
  latencyMs?: number;
}

/** Options of `addOrgSecret`. */
export interface OrgSecretOptions {
  visibility: OrgSecretVisibility;
  /** Full names of the repositories that see a `selected` secret. @defaultValue [] */
  selectedRepos?: readonly string[];
}

/** What the emulator knows about a secret, without its value. */
export interface SecretInfo {
  readonly name: string;
  readonly keyId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Organisation secrets only. */
  readonly visibility?: OrgSecretVisibility;
  /** Full names, for organisation secrets with visibility `selected`. */
  readonly selectedRepos?: readonly string[];
}

/** A placeholder value for seeded secrets (not key-shaped). */
const SEEDED_SECRET_VALUE = 'seeded-by-the-emulator';

/** Options of `createRepository`. */
export interface CreateRepositoryOptions {
  installationId: number;
  /** @defaultValue false */
  private?: boolean;
  /** @defaultValue 'main' */
  defaultBranch?: string;
}

let emulatorCount = 0;
// Compiling GitHub's schemas takes a while: emulators in one process share one validator.
let sharedValidator: OpenApiValidator | undefined;

/** A running emulator. */
export class GitHubEmulator {
  /** Requests and responses GitHub's description rejects. Tests expect this to be empty. */
  readonly violations: Violation[] = [];
  /** Every served request. */
  readonly requests: RecordedRequest[] = [];
  /** Every non-empty request body received, in order (for secret canaries). */
  readonly requestBodies: string[] = [];
  readonly faults = new Faults();
  readonly #state: EmulatorState;
  readonly #server: Server;
  readonly #tempDir: string;

  private constructor(state: EmulatorState, server: Server, tempDir: string) {
    this.#state = state;
    this.#server = server;
    this.#tempDir = tempDir;
  }

  /** @internal use startGitHubEmulator. */
  static async start(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
    const now = options.now ?? (() => new Date());
    await sodiumReady;
    const tempDir = await mkdtemp(join(tmpdir(), `rootguard-gh-emulator-${++emulatorCount}-`));
    const validator = (sharedValidator ??= new OpenApiValidator());
    const routes = {
      ...installationRoutes,
      ...appManifestRoutes,
      ...hookDeliveryRoutes,
      ...appSettingsRoutes,
      ...repoRoutes,
      ...pullRoutes,
      ...commitPullRoutes,
      ...collaboratorRoutes,
      ...teamRoutes,
      ...checkRoutes,
      ...issueRoutes,
      ...actionRoutes,
      ...secretScanningRoutes,
      ...secretRoutes,
    };
    // The server exists before the emulator (its port is part of every URL the state builds).
    const holder: { emulator?: GitHubEmulator } = {};
    const server = createServer((req, res) => {
      const e = holder.emulator!;
      void handleRequest(
        {
          state: e.#state,
          validator,
          routes,
          faults: e.faults,
          violations: e.violations,
          requests: e.requests,
          bodies: e.requestBodies,
          latencyMs: options.latencyMs ?? 0,
        },
        req,
        res,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const state = new EmulatorState(
      { api: url, html: url },
      now,
      new AppAuth(options.appId ?? 424242, now),
      new DownloadLinks(now),
      defaultAppSettings(),
    );
    holder.emulator = new GitHubEmulator(state, server, tempDir);
    return holder.emulator;
  }

  /** @internal the emulator's memory, for the webhook payload builders in this folder. */
  get internalState(): EmulatorState {
    return this.#state;
  }

  /** API base URL, e.g. `http://127.0.0.1:PORT`. */
  get url(): string {
    return this.#state.urls.api;
  }

  get appId(): number {
    return this.#state.auth.appId;
  }

  /** The App's private key (PKCS#1 PEM), for Probot / JWT signing. */
  get privateKeyPem(): string {
    return this.#state.auth.privateKeyPem;
  }

  addInstallation(options: {
    id: number;
    account: { login: string; id?: number; type?: 'User' | 'Organization' };
  }): void {
    const account: InstallationRecord['account'] = {
      login: options.account.login,
      id: options.account.id ?? this.#state.nextId(),
      type: options.account.type ?? 'Organization',
    };
    this.#state.installations.set(options.id, {
      id: options.id,
      account,
      createdAt: isoSeconds(this.#state.now()),
      permissions: { ...INSTALLATION_PERMISSIONS },
    });
  }

  /**
   * Changes what an installation grants: `undefined` removes a permission (its routes then answer
   * 403 "Resource not accessible by integration", as GitHub does).
   */
  setInstallationPermissions(
    installationId: number,
    permissions: Record<string, PermissionLevel | undefined>,
  ): void {
    const inst = this.#state.installations.get(installationId);
    if (!inst) throw new Error(`emulator: no installation ${installationId}`);
    for (const [name, level] of Object.entries(permissions)) {
      if (level === undefined) delete inst.permissions[name];
      else inst.permissions[name] = level;
    }
  }

  /** Changes the App's registration: granted permissions, events, webhook (`GET /app`, `/app/hook/config`). */
  setAppSettings(settings: Partial<AppSettings>): void {
    Object.assign(this.#state.app, settings);
  }

  /** Suspends an installation (`suspended_at` set), as an owner does in its settings. */
  suspendInstallation(installationId: number): void {
    const inst = this.#state.installations.get(installationId);
    if (!inst) throw new Error(`emulator: no installation ${installationId}`);
    inst.suspendedAt = isoSeconds(this.#state.now());
  }

  /** Creates a repository backed by an empty bare git repository. */
  async createRepository(fullName: string, options: CreateRepositoryOptions): Promise<void> {
    const [owner, name] = fullName.split('/') as [string, string];
    const installation = this.#state.installations.get(options.installationId);
    if (!installation) throw new Error(`emulator: no installation ${options.installationId}`);
    const git = new GitRepo(join(this.#tempDir, `${owner}__${name}.git`));
    const defaultBranch = options.defaultBranch ?? 'main';
    await git.init(defaultBranch);
    this.#state.repos.set(fullName.toLowerCase(), {
      git,
      installationId: options.installationId,
      facts: {
        id: this.#state.nextId(),
        owner,
        ownerId: installation.account.login === owner ? installation.account.id : this.#state.nextId(),
        ownerType: installation.account.login === owner ? installation.account.type : 'User',
        name,
        private: options.private ?? false,
        defaultBranch,
        createdAt: isoSeconds(this.#state.now()),
      },
    });
  }

  /** Path of the repository's bare git directory (for the partial-clone code path). */
  bareRepoPath(fullName: string): string {
    return this.#state.repo(fullName).git.path;
  }

  /** Commits `files` on `branch` (created if missing); returns the new sha. */
  async commit(
    fullName: string,
    branch: string,
    files: FileChanges,
    options: CommitOptions = {},
  ): Promise<string> {
    const [sha] = await this.commitSeries(fullName, branch, [{ files, options }]);
    return sha!;
  }

  /** Commits several changes in a row with one git process; returns their shas, oldest first. */
  async commitSeries(
    fullName: string,
    branch: string,
    series: { files: FileChanges; options?: CommitOptions }[],
  ): Promise<string[]> {
    const git = this.#state.repo(fullName).git;
    return git.commitSeries(
      branch,
      series.map((s) => ({ files: s.files, options: s.options ?? {} })),
      this.#state.now(),
    );
  }

  /** Creates `branch` at `from` (a branch name or sha). */
  async createBranch(fullName: string, branch: string, from: string): Promise<string> {
    const git = this.#state.repo(fullName).git;
    const sha = (await git.resolve(`refs/heads/${from}`)) ?? (await git.resolve(from));
    if (!sha) throw new Error(`emulator: no ref ${from}`);
    await git.setBranch(branch, sha);
    return sha;
  }

  /** Moves `branch` to any commit, like a force push. */
  async forceMoveBranch(fullName: string, branch: string, sha: string): Promise<void> {
    await this.#state.repo(fullName).git.setBranch(branch, sha);
  }

  async deleteBranch(fullName: string, branch: string): Promise<void> {
    await this.#state.repo(fullName).git.deleteBranch(branch);
  }

  /** The sha a branch points at, or undefined. */
  async branchSha(fullName: string, branch: string): Promise<string | undefined> {
    return this.#state.repo(fullName).git.resolve(`refs/heads/${branch}`);
  }

  openPullRequest(fullName: string, options: OpenPullRequestOptions): Promise<number> {
    return openPullRequest(this.#state, fullName, options);
  }

  /**
   * Adds `login` to the team `org/slug` (created on first use), as
   * `GET /orgs/{org}/teams/{team_slug}/memberships/{username}` reports it.
   */
  addTeamMember(org: string, slug: string, login: string, role: TeamRole = 'member'): void {
    const key = teamKey(org, slug);
    let members = this.#state.teams.get(key);
    if (!members) this.#state.teams.set(key, (members = new Map()));
    members.set(login.toLowerCase(), role);
  }

  /** Closes a seeded pull request (it then lists after the open ones). */
  closePullRequest(fullName: string, pullNumber: number): void {
    const pr = this.#state.pulls.get(`${this.fullName(fullName)}#${pullNumber}`);
    if (!pr) throw new Error(`emulator: no pull request ${fullName}#${pullNumber}`);
    pr.state = 'closed';
    pr.closedAt = isoSeconds(this.#state.now());
  }

  /**
   * Sets a user's role on a repository, as `GET …/collaborators/{username}/permission` reports
   * it. A login never set reads a public repository (`read`) and has `none` on a private one.
   */
  setCollaboratorPermission(fullName: string, login: string, permission: CollaboratorRole): void {
    const key = this.fullName(fullName).toLowerCase();
    let roles = this.#state.collaborators.get(key);
    if (!roles) this.#state.collaborators.set(key, (roles = new Map()));
    roles.set(login.toLowerCase(), permission);
  }

  addWorkflowRun(fullName: string, input: WorkflowRunInput): void {
    addWorkflowRun(this.#state, fullName, input);
  }

  /** Serves `zip` as the run's log archive instead of the one built from its jobs. */
  setRunLogArchive(runId: number, zip: Buffer): void {
    this.#state.runLogArchives.set(runId, zip);
  }

  /** The archive GitHub would serve for the run's jobs (`0_build.txt`, `build/1_Set up job.txt`). */
  buildRunLogArchive(runId: number): Buffer {
    return buildRunLogArchive(this.#state, runId);
  }

  addSecretScanningAlert(fullName: string, input: SecretScanningAlertInput): void {
    addSecretScanningAlert(this.#state, fullName, input);
  }

  /** Seeds a repository secret (holding a placeholder value). */
  addRepoSecret(fullName: string, name: string): void {
    this.seedSecret({ scope: 'repo', repo: this.fullName(fullName) }, name);
  }

  /** Creates a deployment environment in the repository. */
  addEnvironment(fullName: string, environment: string): void {
    this.#state.secrets.addEnvironment(this.fullName(fullName), environment);
  }

  /** Seeds an environment secret (the environment is created if missing). */
  addEnvironmentSecret(fullName: string, environment: string, name: string): void {
    this.addEnvironment(fullName, environment);
    this.seedSecret({ scope: 'environment', repo: this.fullName(fullName), environment }, name);
  }

  /** Seeds an organisation secret with its visibility (and selected repositories). */
  addOrgSecret(org: string, name: string, options: OrgSecretOptions): void {
    const ids = (options.selectedRepos ?? []).map((r) => this.#state.repo(r).facts.id);
    this.seedSecret({ scope: 'org', org }, name, {
      visibility: options.visibility,
      selectedRepositoryIds: ids,
    });
  }

  /** Gives the scope a new key pair: the next PUT sealed for the old key id answers 422. */
  rotatePublicKey(scope: SecretScope): void {
    this.#state.secrets.rotate(this.canonical(scope));
  }

  /**
   * The plaintext a secret holds, opened with the scope's private key; undefined when there is
   * no such secret. For tests that compare it (by fingerprint) with what was sealed: never print it.
   */
  secretValue(scope: SecretScope, name: string): string | undefined {
    return this.#state.secrets.decrypt(this.canonical(scope), name);
  }

  /** A secret's metadata (no value), or undefined. */
  secretInfo(scope: SecretScope, name: string): SecretInfo | undefined {
    const secret = this.#state.secrets.get(this.canonical(scope), name);
    if (!secret) return undefined;
    const byId = new Map([...this.#state.repos.values()].map((r) => [r.facts.id, r.facts]));
    return {
      name: secret.name,
      keyId: secret.keyId,
      createdAt: secret.createdAt,
      updatedAt: secret.updatedAt,
      ...(secret.visibility === undefined ? {} : { visibility: secret.visibility }),
      ...(secret.selectedRepositoryIds === undefined
        ? {}
        : {
            selectedRepos: secret.selectedRepositoryIds.map((id) => {
              const facts = byId.get(id);
              return facts ? `${facts.owner}/${facts.name}` : `#${id}`;
            }),
          }),
    };
  }

  /** Every secret created or updated (API and seeding), in order. */
  get secretWrites(): readonly SecretWrite[] {
    return this.#state.secrets.writes;
  }

  /** Every run whose logs were deleted, in order. */
  get deletedRunLogs(): readonly DeletedRunLogs[] {
    return this.#state.deletedRunLogs;
  }

  /**
   * The Apps created through the manifest flow (`/settings/apps/new`), with the credentials the
   * conversion handed out: for tests that compare them with what was written. Never print them.
   */
  get createdApps(): readonly CreatedAppRecord[] {
    return [...this.#state.createdApps.values()];
  }

  /** An installation token, as if the App had asked for one (for tests that skip the JWT step). */
  issueInstallationToken(installationId: number): string {
    return this.#state.auth.issueToken(installationId).token;
  }

  checkRuns(fullName: string): readonly CheckRunRecord[] {
    const key = this.fullName(fullName);
    return this.#state.checkRuns.filter((r) => r.repo === key);
  }

  reviews(fullName: string, pullNumber: number): readonly ReviewRecord[] {
    const key = this.fullName(fullName);
    return this.#state.reviews.filter((r) => r.repo === key && r.pullNumber === pullNumber);
  }

  reviewComments(fullName: string, pullNumber: number): readonly ReviewCommentRecord[] {
    const key = this.fullName(fullName);
    return this.#state.reviewComments.filter((c) => c.repo === key && c.pullNumber === pullNumber);
  }

  issues(fullName: string): readonly IssueRecord[] {
    const key = this.fullName(fullName);
    return this.#state.issues.filter((i) => i.repo === key);
  }

  issueComments(fullName: string, issueNumber: number): readonly IssueCommentRecord[] {
    const key = this.fullName(fullName);
    return this.#state.issueComments.filter((c) => c.repo === key && c.issueNumber === issueNumber);
  }

  /**
   * Where the App's webhooks go from now on (`sendWebhook` and redeliveries); `undefined`: nowhere,
   * every attempt fails to connect (the receiver is down).
   */
  setWebhookTarget(target: WebhookTarget | undefined): void {
    this.#state.webhookTarget = target;
  }

  /**
   * Sends a webhook to the App's webhook URL as GitHub does and records the attempt in the
   * App's delivery log (failed when the receiver is down). Returns the attempt.
   */
  sendWebhook(event: string, payload: unknown, options: { guid?: string } = {}): Promise<HookDeliveryRecord> {
    return sendWebhookAttempt(this.#state, { event, payload }, options);
  }

  /** Every delivery attempt, oldest first (redeliveries carry the guid of the first). */
  get hookDeliveries(): readonly HookDeliveryRecord[] {
    return this.#state.hookDeliveries;
  }

  /** The attempt ids the App asked to redeliver, in order. */
  get redeliveryRequests(): readonly number[] {
    return this.#state.redeliveryRequests;
  }

  /** Waits for the redeliveries accepted so far to be made. */
  async settleRedeliveries(): Promise<void> {
    while (this.#state.pendingAttempts.size > 0) await Promise.all([...this.#state.pendingAttempts]);
  }

  /** Stops the server and removes the temp dir with the git repositories. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await rm(this.#tempDir, { recursive: true, force: true });
  }

  private fullName(fullName: string): string {
    const facts = this.#state.repo(fullName).facts;
    return `${facts.owner}/${facts.name}`;
  }

  /** The scope with the repository's own spelling (checks that the repository exists). */
  private canonical(scope: SecretScope): SecretScope {
    if (scope.scope === 'org') return { scope: 'org', org: scope.org };
    if (scope.scope === 'repo') return { scope: 'repo', repo: this.fullName(scope.repo) };
    return { scope: 'environment', repo: this.fullName(scope.repo), environment: scope.environment };
  }

  private seedSecret(
    scope: SecretScope,
    name: string,
    org: { visibility?: OrgSecretVisibility; selectedRepositoryIds?: number[] } = {},
  ): void {
    const sealed = this.#state.secrets.seal(scope, SEEDED_SECRET_VALUE);
    this.#state.secrets.put(scope, { name, ...sealed, at: isoSeconds(this.#state.now()), ...org });
  }
}

/** Starts an emulator on a free loopback port. */
export function startGitHubEmulator(options?: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  return GitHubEmulator.start(options);
}
