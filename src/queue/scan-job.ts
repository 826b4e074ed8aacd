/**
 * The data of a job on the `scan` queue: ids and SHAs only, never a webhook payload or a secret.
 * `jobId` is the GitHub delivery id, so a redelivered webhook adds nothing.
 */
interface ScanJobBase {
  /** `X-GitHub-Delivery` of the webhook that asked for the scan. */
  readonly deliveryId: string;
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  /** The repository was public when the event was sent. */
  readonly repoPublic: boolean;
  /** Asked for again from GitHub's "Re-run" on a check run or suite. */
  readonly rescan?: boolean;
  /** When the webhook reached rootguard (ms since the epoch): where time-to-contain starts. */
  readonly receivedAt?: number;
}

/** A push: scan the commits it added. */
export interface PushScanJob extends ScanJobBase {
  readonly kind: 'push';
  /** `refs/heads/…`. */
  readonly ref: string;
  /** The branch's commit before the push; all zeros for a new branch. */
  readonly before: string;
  readonly after: string;
  /** For a new branch: the default branch to compare against. */
  readonly baseBranch?: string;
  readonly forced: boolean;
}

/** A pull request opened, reopened or synchronized: scan its commits (after `before` on synchronize). */
export interface PullRequestScanJob extends ScanJobBase {
  readonly kind: 'pull_request';
  readonly pullNumber: number;
  readonly baseSha: string;
  readonly headSha: string;
  /** On synchronize: the previous head; only commits after it are new. */
  readonly before?: string;
}

/** A finished Actions job: scan its log. */
export interface WorkflowJobScanJob extends ScanJobBase {
  readonly kind: 'workflow_job';
  readonly runId: number;
  readonly jobId: number;
  readonly headSha: string;
}

/** A finished workflow run: scan its log archive (the backstop, when the repo enables it). */
export interface WorkflowRunScanJob extends ScanJobBase {
  readonly kind: 'workflow_run';
  readonly runId: number;
  readonly headSha: string;
}

/** GitHub's secret scanning found an Unkey root key: record it as an occurrence. */
export interface SecretScanningAlertJob extends ScanJobBase {
  readonly kind: 'secret_scanning_alert';
  readonly alertNumber: number;
}

/**
 * A repository rootguard was just given (the App installed, or the repository added to an
 * installation): scan its default branch's whole history once. One job per installation and
 * repository (`historyScanJobId`), whatever delivery asked for it.
 */
export interface RepositoryHistoryJob extends ScanJobBase {
  readonly kind: 'repository_history';
  readonly repositoryId: number;
  readonly reason: 'installed' | 'added';
}

export type ScanJob =
  | PushScanJob
  | PullRequestScanJob
  | WorkflowJobScanJob
  | WorkflowRunScanJob
  | SecretScanningAlertJob
  | RepositoryHistoryJob;

/** The job id of a repository's history scan: once per installation and repository. */
export function historyScanJobId(job: Pick<RepositoryHistoryJob, 'installationId' | 'repositoryId'>): string {
  return `history-${job.installationId}-${job.repositoryId}`;
}

export type ScanJobKind = ScanJob['kind'];

/** GitHub's "no commit" SHA: the `before` of a new branch, the `after` of a deleted one. */
export const ZERO_SHA = '0000000000000000000000000000000000000000';

/** True for GitHub's all-zero SHA (or none at all). */
export function isZeroSha(sha: string | null | undefined): boolean {
  return sha === undefined || sha === null || /^0+$/.test(sha);
}

/** A repository's first push: a new branch with nothing to compare with, so its whole history is scanned. */
export function isFirstPush(job: PushScanJob): boolean {
  return job.baseBranch === undefined && isZeroSha(job.before);
}
