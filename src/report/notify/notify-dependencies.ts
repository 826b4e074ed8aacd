import type { RedisClient } from '../../redis/redis-client.js';
import type { Logger } from 'pino';
import type { GitHubClient } from '../../github/github-client.js';
import type { ReporterName } from '../incident/reporter-names.js';
import type { NotifyRequest } from '../../queue/notify-job.js';
import type { ReportSources } from '../incident/load-incident-report.js';
import type { ReportMetrics } from './report-metrics.js';

/** The outside world of the reporters, injected (tests pass their own). */
export interface NotifyDependencies extends ReportSources {
  /** The connection the locks use. */
  readonly redis: RedisClient;
  /** Key prefix of the locks. */
  readonly prefix: string;
  /**
   * An installation client for a repository (`owner/name`), for reports only: its requests pass
   * the `InstallationGate` and its own throttle, so reports never queue in front of containment.
   */
  reportClient(repo: string): Promise<GitHubClient>;
  /** The value of the environment variable a Slack route names (the webhook URL, a secret). */
  slackWebhookUrl(envName: string): string | undefined;
  /** For Slack. @defaultValue global fetch */
  readonly fetch?: typeof fetch;
  /** Asks the reporters (`reporters`, default those the request concerns) for another report. */
  notify(request: NotifyRequest, reporters?: readonly ReporterName[]): Promise<void>;
  /** The app's bot login (`slug[bot]`): only its own issues and comments are adopted. */
  readonly botLogin?: string;
  readonly log: Logger;
  /** Counts failed report attempts by reporter. @defaultValue nothing counted */
  readonly metrics?: ReportMetrics;
}
