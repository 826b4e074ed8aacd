import type { GitHubClient } from '../../github/github-client.js';
import { webUrlFor } from '../../github/web-url.js';
import { enqueueNotify } from '../../report/notify/enqueue-notify.js';
import { gateClient } from '../../github/gate-client.js';
import { InstallationGate } from '../../report/notify/installation-gate.js';
import type { NotifyDependencies } from '../../report/notify/notify-dependencies.js';
import type { ReportMetrics } from '../../report/notify/report-metrics.js';
import { installationClient } from './installation-client.js';
import { installationFinder } from './installation-finder.js';
import type { RuntimePieces } from './runtime-pieces.js';

/** What the reporters' dependencies are made from. */
export type NotifyWiring = Pick<
  RuntimePieces,
  | 'config'
  | 'operatorConfig'
  | 'probot'
  | 'redis'
  | 'prefix'
  | 'incidents'
  | 'runs'
  | 'reports'
  | 'queues'
  | 'env'
  | 'log'
  | 'fetch'
> & {
  /** The App's bot login (`slug[bot]`): only its own issues and comments are adopted. @defaultValue unknown */
  readonly botLogin?: string;
  /** Finds installation ids; one per process, so the playbook and the reporters share its cache. @defaultValue a new one */
  readonly installationFor?: RuntimePieces['installationFor'];
  /** Least time between two report requests to one installation. @defaultValue 1000 */
  readonly reportIntervalMs?: number;
  /** The process's metrics (`src/observe`): failed report attempts. @defaultValue nothing counted */
  readonly metrics?: ReportMetrics;
};

/**
 * The reporters' outside world in production. Their GitHub clients are the App's installation
 * clients with a throttle of their own (Octokit's write throttle is per id and per process: under
 * the installation's id, a report would queue in front of the playbook's secret PUT) and with
 * every request through the `InstallationGate`. GitHub's rate limits are not waited out in
 * process: the gate parks the jobs instead.
 */
export function createNotifyDependencies(wiring: NotifyWiring): NotifyDependencies {
  const { probot } = wiring;
  const log = wiring.log.child({ name: 'notify' });
  const installationFor = wiring.installationFor ?? installationFinder(probot);
  const gate = new InstallationGate(wiring.redis, {
    prefix: wiring.prefix,
    ...(wiring.reportIntervalMs !== undefined ? { intervalMs: wiring.reportIntervalMs } : {}),
  });
  const reportClient = async (repo: string): Promise<GitHubClient> => {
    const installationId = await installationFor(repo);
    const client = await installationClient(
      probot,
      installationId,
      { id: `reports-${installationId}` },
      log.child({ client: 'github-reports' }),
    );
    return gateClient(client, installationId, gate);
  };
  return {
    incidents: wiring.incidents,
    runs: wiring.runs,
    reports: wiring.reports,
    config: wiring.operatorConfig,
    githubUrl: webUrlFor(wiring.config.githubApiUrl),
    now: () => new Date(),
    redis: wiring.redis,
    prefix: wiring.prefix,
    reportClient,
    slackWebhookUrl: (name) => wiring.env[name] || undefined,
    ...(wiring.fetch ? { fetch: wiring.fetch } : {}),
    notify: async (request, reporters) => {
      await enqueueNotify(wiring.queues.notify, request, reporters);
    },
    ...(wiring.botLogin !== undefined ? { botLogin: wiring.botLogin } : {}),
    log,
    ...(wiring.metrics ? { metrics: wiring.metrics } : {}),
  };
}
