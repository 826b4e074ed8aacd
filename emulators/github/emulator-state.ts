// Everything the emulator remembers, shared by the route files, so the public helpers (seeding,
// assertions) and the routes see the same data. The records' shapes are in `emulator-records.ts`.
import type { AppAuth } from './app-auth.js';
import type { DownloadLinks } from './download-links.js';
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
  JobRecord,
  ManifestCodeRecord,
  PendingManifest,
  PullRecord,
  RepoRecord,
  ReviewCommentRecord,
  ReviewRecord,
  SecretScanningAlertRecord,
  TeamRole,
  WorkflowRunRecord,
} from './emulator-records.js';
import type { Urls } from './github-objects.js';
import { GitHubHttpError, notFound, type Reply } from './http-reply.js';
import { SecretStore } from './secret-store.js';

/** What a route handler gets. */
export interface RouteContext {
  state: EmulatorState;
  params: Record<string, string>;
  query: URLSearchParams;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- validated against the description first
  body: any;
  /** The token's installation (0 on App JWT routes and unauthenticated ones). */
  installationId: number;
  /** The App whose JWT signed the request (0 on installation-token and unauthenticated routes). */
  appId: number;
  /** The full request URL (for Link headers). */
  url: string;
  /** The request's Accept header (media types such as `application/vnd.github.raw`). */
  accept: string;
  /** Set by an `expire-download` fault: links made by this request are already expired. */
  expireDownload: boolean;
}

/** A route handler, by operationId. */
export type Handler = (ctx: RouteContext) => Promise<Reply> | Reply;

/** The emulator's memory. */
export class EmulatorState {
  readonly installations = new Map<number, InstallationRecord>();
  readonly repos = new Map<string, RepoRecord>();
  readonly pulls = new Map<string, PullRecord>();
  readonly reviews: ReviewRecord[] = [];
  readonly reviewComments: ReviewCommentRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  readonly issues: IssueRecord[] = [];
  readonly issueComments: IssueCommentRecord[] = [];
  readonly runs = new Map<number, WorkflowRunRecord>();
  readonly jobs = new Map<number, JobRecord>();
  readonly runLogArchives = new Map<number, Buffer>();
  readonly alerts: SecretScanningAlertRecord[] = [];
  readonly secrets = new SecretStore();
  /** Runs whose logs were deleted (`DELETE …/runs/{id}/logs`), in order. */
  readonly deletedRunLogs: DeletedRunLogs[] = [];
  /** Collaborator roles set by tests: repo full name (lower case) → login (lower case) → role. */
  readonly collaborators = new Map<string, Map<string, CollaboratorRole>>();
  /** Team members set by tests: `org/slug` (lower case) → login (lower case) → role. */
  readonly teams = new Map<string, Map<string, TeamRole>>();
  /** Apps created through the manifest flow, by id. */
  readonly createdApps = new Map<number, CreatedAppRecord>();
  /** Manifests posted to the "new App" page and not created yet, by a random id. */
  readonly pendingManifests = new Map<string, PendingManifest>();
  /** Unused conversion codes. */
  readonly manifestCodes = new Map<string, ManifestCodeRecord>();
  /** Every attempt to deliver a webhook (`hook-deliveries.ts`), oldest first. */
  readonly hookDeliveries: HookDeliveryRecord[] = [];
  /** The attempt ids the App asked to redeliver, in order. */
  readonly redeliveryRequests: number[] = [];
  /** Redeliveries accepted but not yet finished. */
  readonly pendingAttempts = new Set<Promise<HookDeliveryRecord>>();
  /** The App's webhook URL and secret; undefined: every delivery fails to connect. */
  webhookTarget: { url: string; secret: string; timeoutMs?: number } | undefined;
  readonly appSlug = 'rootguard';
  readonly botUserId = 41898282;
  #nextId = 1000;
  // One id per login, so a user looks the same in every object (octocat keeps GitHub's id).
  readonly #userIds = new Map<string, number>([['octocat', 583231]]);

  constructor(
    readonly urls: Urls,
    readonly now: () => Date,
    readonly auth: AppAuth,
    readonly downloads: DownloadLinks,
    /** The App's registration: what GitHub granted it and its webhook (`app-settings.ts`). */
    readonly app: AppSettings,
  ) {}

  nextId(): number {
    return ++this.#nextId;
  }

  /** The stable id of a user login (a new one on first sight). */
  userId(login: string): number {
    const key = login.toLowerCase();
    if (key === `${this.appSlug}[bot]`) return this.botUserId;
    let id = this.#userIds.get(key);
    if (id === undefined) this.#userIds.set(key, (id = this.nextId()));
    return id;
  }

  /** A repository the calling installation can see; 404 otherwise, as GitHub answers. */
  repoFor(ctx: Pick<RouteContext, 'params' | 'installationId'>): RepoRecord {
    const record = this.repos.get(`${ctx.params['owner']}/${ctx.params['repo']}`.toLowerCase());
    if (!record || (ctx.installationId !== 0 && record.installationId !== ctx.installationId))
      throw notFound();
    return record;
  }

  /** A repository by full name, for the seeding helpers. */
  repo(fullName: string): RepoRecord {
    const record = this.repos.get(fullName.toLowerCase());
    if (!record) throw new GitHubHttpError(404, `emulator: no repository ${fullName}`);
    return record;
  }
}
