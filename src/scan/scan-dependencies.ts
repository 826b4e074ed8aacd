import type { Logger } from 'pino';
import type { GitHubClient } from '../github/github-client.js';
import type { IncidentStore } from '../incidents/incident-store.js';
import type { CheckRunRef, ReportStore } from '../incidents/report-store.js';
import type { ScanMetrics } from './scan-metrics.js';

/** What the scan worker needs from the outside; tests pass their own. */
export interface ScanDependencies {
  /** An installation-authenticated client (`probot.auth(installationId)`). */
  readonly auth: (installationId: number) => Promise<GitHubClient>;
  readonly incidents: IncidentStore;
  /**
   * The incident issues, named when a finding is allowed as a false positive.
   * @defaultValue none: the check run names the incident id instead
   */
  readonly reports?: Pick<ReportStore, 'issue'>;
  /** Puts the incident's playbook on its queue (jobId = incident id: once per incident). */
  readonly enqueuePlaybook: (incidentId: string) => Promise<void>;
  readonly log: Logger;
  /**
   * The clone URL for a repository when a push is beyond every API limit.
   * @defaultValue `https://<GitHub host>/<owner>/<repo>.git` derived from the API URL
   */
  readonly cloneUrl?: (owner: string, repo: string) => string;
  /**
   * The operator's customer API key prefixes (`apiKeyPrefixes` of `ROOTGUARD_CONFIG`), detected in
   * every repository besides the repository's own. @defaultValue []
   */
  readonly apiKeyPrefixes?: readonly string[];
  /** Downloads of log links (blob storage, not the API). @defaultValue global `fetch` */
  readonly fetch?: typeof fetch;
  /**
   * A completed check run reported these incidents: the reporters add their state to it (and the
   * approval buttons). Never fails the scan. @defaultValue nothing
   */
  readonly checkRunReported?: (incidentIds: readonly string[], checkRun: CheckRunRef) => Promise<void>;
  /** Counts each scan's result, bytes and incomplete reasons. @defaultValue nothing counted */
  readonly metrics?: ScanMetrics;
}
