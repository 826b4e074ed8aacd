// The shapes of what the emulator remembers (`EmulatorState`) and of what tests seed it with.
// A leaf: the route files and the state import their records from here, so none of them imports
// another only for a type (which made import cycles around the state).
import type { GitRepo } from './git-repo.js';
import type { RepoFacts } from './github-objects.js';

// Installations and repositories.
/** An installation of the App. */
export interface InstallationRecord {
  id: number;
  account: { login: string; id: number; type: 'User' | 'Organization' };
  createdAt: string;
  /** What the installation grants (`INSTALLATION_PERMISSIONS` unless a test changed it). */
  permissions: Record<string, 'read' | 'write'>;
  /** When an owner suspended it (GitHub then sends it no webhooks). @defaultValue undefined */
  suspendedAt?: string;
}

/** What the App is registered with; tests change it with `GitHubEmulator.setAppSettings`. */
export interface AppSettings {
  /** Granted permissions. @defaultValue what app.yml asks for (`INSTALLATION_PERMISSIONS`) */
  permissions: Record<string, 'read' | 'write'>;
  /** Subscribed events. @defaultValue the eight app.yml names */
  events: string[];
  /** The webhook URL. @defaultValue null (none set) */
  webhookUrl: string | null;
  /** Whether a webhook secret is set (GitHub never shows it). @defaultValue false */
  webhookSecretSet: boolean;
  /** `insecure_ssl`: `'1'` skips TLS verification. @defaultValue '0' */
  insecureSsl: '0' | '1';
}

/** A run whose logs were deleted. */
export interface DeletedRunLogs {
  readonly repo: string;
  readonly runId: number;
  readonly at: string;
}

/** A repository: its facts and its bare git repository. */
export interface RepoRecord {
  facts: RepoFacts;
  git: GitRepo;
  installationId: number;
}

// Pull requests, reviews and review comments (`pulls.ts`).
/** A stored pull request (head and base are branches; their shas are read live). */
export interface PullRecord {
  repo: string;
  number: number;
  id: number;
  head: string;
  base: string;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  author: string;
  createdAt: string;
  closedAt: string | null;
}

/** A stored review. */
export interface ReviewRecord {
  id: number;
  repo: string;
  pullNumber: number;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING';
  commitId: string;
  submittedAt: string;
}

/** A stored review comment. */
export interface ReviewCommentRecord {
  id: number;
  repo: string;
  pullNumber: number;
  reviewId: number;
  path: string;
  body: string;
  commitId: string;
  subjectType: 'line' | 'file';
  line: number | null;
  startLine: number | null;
  side: 'LEFT' | 'RIGHT';
  diffHunk: string;
  inReplyTo: number | null;
  createdAt: string;
}

// Check runs (`checks.ts`).
/** A button on the check run (`actions`); a click sends `check_run.requested_action`. */
export interface CheckRunAction {
  label: string;
  description: string;
  identifier: string;
}

/** A stored annotation. */
export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string | null;
  raw_details: string | null;
}

/** A stored check run. */
export interface CheckRunRecord {
  id: number;
  repo: string;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  checkSuiteId: number;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  /** The requested actions the last create/update set (GitHub replaces the list each time). */
  actions: CheckRunAction[];
}

// Issues and issue comments (`issues.ts`).
/** A stored issue. */
export interface IssueRecord {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** Who wrote a comment that did not come through the API (a webhook builder stored it). */
export interface CommentAuthor {
  login: string;
  type: 'User' | 'Bot';
}

/** A stored issue comment. */
export interface IssueCommentRecord {
  id: number;
  repo: string;
  issueNumber: number;
  body: string;
  createdAt: string;
  updatedAt: string;
  /** @defaultValue the App's bot user (comments created through the API) */
  author?: CommentAuthor;
}

// Workflow runs and jobs (`actions.ts`): as seeded, and as stored.
/** One step of a job. */
export interface StepInput {
  name: string;
  /** @defaultValue 'completed' */
  status?: 'queued' | 'in_progress' | 'completed';
  /** @defaultValue 'success' */
  conclusion?: string | null;
  /** The step's own log lines (used to build the run archive). @defaultValue '' */
  log?: string;
  /** When the step started and ended (ISO 8601; log lines carry times in between). @defaultValue the run's creation time */
  startedAt?: string;
  completedAt?: string;
}

/** A job as seeded. */
export interface JobInput {
  id: number;
  name: string;
  steps?: StepInput[];
  /** The job's whole log (what `/actions/jobs/{id}/logs` downloads). */
  log: string | Buffer;
  /** @defaultValue 'success' */
  conclusion?: string | null;
}

/** Options of `emulator.addWorkflowRun`. */
export interface WorkflowRunInput {
  runId: number;
  headSha: string;
  /** @defaultValue the default branch */
  headBranch?: string;
  /** @defaultValue 'CI' */
  name?: string;
  /** @defaultValue 'push' */
  event?: string;
  /** @defaultValue 1 */
  runAttempt?: number;
  jobs: JobInput[];
}

/** A stored run. */
export interface WorkflowRunRecord extends Required<Omit<WorkflowRunInput, 'jobs'>> {
  repo: string;
  jobIds: number[];
  createdAt: string;
}

/** A stored job. */
export interface JobRecord {
  id: number;
  runId: number;
  repo: string;
  name: string;
  conclusion: string | null;
  steps: (Required<Omit<StepInput, 'log'>> & {
    number: number;
    log: string;
    startedAt: string;
    completedAt: string;
  })[];
  log: Buffer;
  startedAt: string;
  completedAt: string;
}

// Secret scanning alerts (`secret-scanning.ts`): as seeded, and as stored.
/** Where an alert's secret was found (a commit location). */
export interface AlertLocationInput {
  path: string;
  commitSha: string;
  blobSha: string;
  startLine: number;
  endLine?: number;
  startColumn: number;
  endColumn: number;
}

/** Options of `emulator.addSecretScanningAlert`. */
export interface SecretScanningAlertInput {
  number: number;
  secretType: string;
  /** Generated by the test at run time; never committed, never logged. */
  secret: string;
  /** @defaultValue secretType */
  secretTypeDisplayName?: string;
  locations: AlertLocationInput[];
}

/** A stored alert. */
export interface SecretScanningAlertRecord extends SecretScanningAlertInput {
  repo: string;
  createdAt: string;
}

// Roles that tests set (`collaborators.ts`, `teams.ts`).
/** A repository role, as `setCollaboratorPermission` takes it. */
export type CollaboratorRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
/** A member's role in a team, as `addTeamMember` takes it. */
export type TeamRole = 'member' | 'maintainer';

// Apps created through the manifest flow (`app-manifests.ts`, `manifest-pages.ts`).
/** A manifest as GitHub's "new App" page accepts it (checked by `parseAppManifest`). */
export interface AppManifest {
  name: string;
  url: string;
  hookUrl: string | undefined;
  hookActive: boolean;
  redirectUrl: string | undefined;
  callbackUrls: string[];
  setupUrl: string | undefined;
  description: string | null;
  public: boolean;
  defaultEvents: string[];
  defaultPermissions: Record<string, 'read' | 'write'>;
}

/** A manifest posted to the "new App" page, waiting for the user to click "Create GitHub App". */
export interface PendingManifest {
  manifest: AppManifest;
  /** The `state` query parameter of the post, echoed on the redirect. */
  state: string | undefined;
  /** The organisation of `/organizations/{org}/settings/apps/new`, or undefined (the user's own). */
  org: string | undefined;
}

/** An App created from a manifest, with the credentials the conversion hands out once. */
export interface CreatedAppRecord {
  id: number;
  slug: string;
  owner: { login: string; id: number; type: 'User' | 'Organization' };
  manifest: AppManifest;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  privateKeyPem: string;
  createdAt: string;
}

/** A conversion code: single use, one hour (as GitHub's). */
export interface ManifestCodeRecord {
  appId: number;
  expiresAt: Date;
}

// Webhook deliveries (`hook-deliveries.ts`).
/** One attempt to deliver a webhook, as GitHub's delivery log lists it. */
export interface HookDeliveryRecord {
  /** This attempt's id (`delivery_id` of the redelivery route). */
  id: number;
  /** The event's id, the `X-GitHub-Delivery` header: shared by the attempt and its redeliveries. */
  guid: string;
  deliveredAt: string;
  redelivery: boolean;
  /** Seconds. */
  duration: number;
  status: string;
  /** The receiver's HTTP status; 502 when it could not be reached, 504 when it did not answer in time. */
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  /** What was sent, kept to redeliver it. */
  webhook: { readonly event: string; readonly payload: unknown };
}
