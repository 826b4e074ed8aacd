// Every label value of /metrics comes from one of these closed sets (or a number range): a value
// outside its set is counted as `other`. So no label can ever carry a key, a fingerprint, an
// incident id or a repository name, whatever an event or an error holds.
import type { IncidentStatus } from '../incidents/incident.js';
import type { StepOutcome } from '../incidents/step-record.js';
import type { ScanJob } from '../queue/scan-job.js';

/** `true` only when `A` and `B` are the same union: a set below that drifts from its type fails to compile. */
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The webhook events rootguard subscribes to (app.yml), the installation events, and GitHub's own. */
export const WEBHOOK_EVENTS = [
  'push',
  'pull_request',
  'workflow_job',
  'workflow_run',
  'check_run',
  'check_suite',
  'secret_scanning_alert',
  'issue_comment',
  'installation',
  'installation_repositories',
  'ping',
  'meta',
  'github_app_authorization',
] as const;

/** The scan job kinds (`src/queue/scan-job.ts`). */
export const SCAN_KINDS = [
  'push',
  'pull_request',
  'workflow_job',
  'workflow_run',
  'secret_scanning_alert',
  'repository_history',
] as const;
const scanKindsMatch: SameUnion<(typeof SCAN_KINDS)[number], ScanJob['kind']> = true;

/** How a scan job ended. `failed`: its last attempt threw (the check run says so). */
export const SCAN_RESULTS = ['complete', 'incomplete', 'skipped', 'failed'] as const;

/** The reason codes a scan may end `incomplete` with (`src/sources/limits.ts` and the sources). */
export const INCOMPLETE_REASONS = [
  'compare-max-commits',
  'too-many-files',
  'max-blob-bytes',
  'max-scan-bytes',
  'no-blob',
  'unreadable-path',
  'clone-base-missing',
  'bad-range',
  'not-a-git-repo',
  'bad-git-output',
  'git-failed',
  'git-timeout',
  'max-job-log-bytes',
  'log-link-expired',
  'log-unavailable',
  'content-length',
  'zip-unreadable',
  'zip-ratio',
  'zip-nested-archive',
  'zip-max-total-bytes',
  'zip-max-entry-bytes',
  'zip-max-entries',
  'zip-max-archive-bytes',
  'zip-entry-unreadable',
  'zip-entry-size-mismatch',
  'alert-not-recognised',
  'leaked-key-unreadable',
] as const;

/** What a playbook step may record (`src/incidents/step-record.ts`). */
export const STEP_OUTCOMES = ['done', 'skipped', 'manual', 'failed'] as const;
const stepOutcomesMatch: SameUnion<(typeof STEP_OUTCOMES)[number], StepOutcome> = true;

/** The incident statuses (`src/incidents/incident.ts`). */
export const INCIDENT_STATUSES = [
  'open',
  'awaiting-approval',
  'contained',
  'needs-human',
  'dry-run',
  'false-positive',
] as const;
const incidentStatusesMatch: SameUnion<(typeof INCIDENT_STATUSES)[number], IncidentStatus> = true;
void [scanKindsMatch, stepOutcomesMatch, incidentStatusesMatch];

/** The three clocks the playbook records (`src/playbook/record-clock.ts`). */
export const INCIDENT_CLOCKS = ['revoked', 'deployed', 'contained'] as const;
export type IncidentClockName = (typeof INCIDENT_CLOCKS)[number];

/** The upstream services a job's failure may come from; `internal` is rootguard's own. */
export const UPSTREAMS = ['github', 'unkey', 'slack', 'redis', 'internal'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

/** The value itself when it is one of `allowed`, else `other`. */
export function closedLabel(value: string | undefined, allowed: readonly string[]): string {
  return value !== undefined && allowed.includes(value) ? value : 'other';
}

/** An HTTP status as a label: `200`…`599`, else `other`. */
export function statusLabel(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'other';
}
