import { LaneWaitError } from '../../github/errors.js';
import { InstallationLane } from '../../github/installation-lane.js';
import { enqueueNotify } from '../../report/notify/enqueue-notify.js';
import { enqueuePlaybook } from '../../queue/playbook-job.js';
import { linkCheckRunToIncidents } from '../../scan/link-check-run-to-incidents.js';
import type { ScanDependencies } from '../../scan/scan-dependencies.js';
import type { ScanMetrics } from '../../scan/scan-metrics.js';
import { cloneUrlFor } from './clone-url-for.js';
import { laneClients } from './installation-client.js';
import type { RuntimePieces } from './runtime-pieces.js';

/** What the scan worker's dependencies are made from. */
export type ScanWiring = Pick<
  RuntimePieces,
  | 'config'
  | 'operatorConfig'
  | 'probot'
  | 'redis'
  | 'prefix'
  | 'queues'
  | 'incidents'
  | 'reports'
  | 'log'
  | 'fetch'
> & {
  /** Clone URL for pushes beyond the API's limits. @defaultValue derived from `GITHUB_API_URL` */
  readonly cloneUrl?: (owner: string, repo: string) => string;
  /** The process's metrics (`src/observe`). @defaultValue nothing counted */
  readonly metrics?: ScanMetrics;
};

/**
 * The scan worker's outside world in production: installation clients on the scans' GitHub lane,
 * the incident and report stores, the playbook queue for each incident found, and the reporters
 * (through the notify queue) once a check run reported incidents.
 */
export function createScanDependencies(wiring: ScanWiring): ScanDependencies {
  const { config, queues } = wiring;
  const log = wiring.log.child({ name: 'scan' });
  return {
    // The scans' lane: writes a second apart over every process; the wait for the next
    // slot happens in-process, a longer one parks the job (LaneWaitError). Parking every
    // wait freed the slots sooner but a parked job came back seconds late (BullMQ's delayed
    // promotion), so a pull request's check run and review writes took over 30 s.
    auth: laneClients(
      wiring.probot,
      new InstallationLane(wiring.redis, {
        prefix: wiring.prefix,
        lane: 'lane-scans',
        spaceWritesOnly: true,
        maxInlineWaitMs: 1_100,
        waitError: (until, reason) => new LaneWaitError(until, reason),
      }),
      log.child({ client: 'github-scans' }),
    ),
    incidents: wiring.incidents,
    reports: wiring.reports,
    enqueuePlaybook: async (incidentId) => {
      await enqueuePlaybook(queues.playbook, incidentId);
    },
    log,
    checkRunReported: linkCheckRunToIncidents({
      incidents: wiring.incidents,
      reports: wiring.reports,
      notify: (request) => enqueueNotify(queues.notify, request),
    }),
    cloneUrl: wiring.cloneUrl ?? cloneUrlFor(config.githubApiUrl),
    apiKeyPrefixes: wiring.operatorConfig.apiKeyPrefixes,
    ...(wiring.fetch ? { fetch: wiring.fetch } : {}),
    ...(wiring.metrics ? { metrics: wiring.metrics } : {}),
  };
}
