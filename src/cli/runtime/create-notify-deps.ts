import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Probot } from 'probot';
import type { EnvConfig } from '../../config/env-config.js';
import type { OperatorConfig } from '../../config/operator-config.js';
import type { GitHubClient } from '../../github/github-client.js';
import { webUrlFor } from '../../github/web-url.js';
import type { IncidentStore } from '../../incidents/incident-store.js';
import { ReportStore } from '../../incidents/report-store.js';
import type { RunStore } from '../../incidents/run-store.js';
import type { StepName } from '../../playbook/step-names.js';
import { enqueueNotify } from '../../report/notify/enqueue-notify.js';
import type { RootguardQueues } from '../../queue/queues.js';
import { gateClient } from '../../github/gate-client.js';
import { InstallationGate } from '../../report/notify/installation-gate.js';
import type { NotifyDependencies } from '../../report/notify/notify-dependencies.js';
import { installationClient } from './installation-client.js';
import { installationFinder } from './installation-finder.js';

/** What the reporters' dependencies are made from. */
export interface NotifyWiring {
  readonly config: EnvConfig;
  readonly operatorConfig: OperatorConfig;
  readonly probot: Probot;
  readonly redis: Redis;
  readonly prefix: string;
  readonly incidents: IncidentStore;
  readonly runs: RunStore<StepName>;
  readonly queues: RootguardQueues;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
  readonly botLogin?: string;
  readonly fetch?: typeof fetch;
  /** Finds installation ids; one per process, so the playbook and the reporters share its cache. @defaultValue a new one */
  readonly installationFor?: (ownerOrRepo: string) => Promise<number>;
  /** Least time between two report requests to one installation. @defaultValue 1000 */
  readonly reportIntervalMs?: number;
}

/**
 * The reporters' outside world in production. Their GitHub clients are the App's installation
 * clients with a throttle of their own (Octokit's write throttle is per id and per process: under
 * the installation's id, a report would queue in front of the playbook's secret PUT) and with
 * every request through the `InstallationGate`. GitHub's rate limits are not waited out in
 * process: the gate parks the jobs instead.
 */
export function createNotifyDependencies(wiring: NotifyWiring): NotifyDependencies {
  const { probot } = wiring;
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
      wiring.log.child({ name: 'github-reports' }),
    );
    return gateClient(client, installationId, gate);
  };
  return {
    incidents: wiring.incidents,
    runs: wiring.runs,
    reports: new ReportStore(wiring.redis, { prefix: wiring.prefix }),
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
    log: wiring.log.child({ name: 'notify' }),
  };
}
