import type { IncomingMessage, ServerResponse } from 'node:http';
import { countIncidentsByStatus } from '../../incidents/list-incidents.js';
import { adminBoard } from '../../observe/admin-board.js';
import { observeRoutes } from '../../observe/observe-routes.js';
import { RootguardMetrics } from '../../observe/rootguard-metrics.js';
import { STEP_NAMES } from '../../playbook/step-names.js';
import { REPORTER_NAMES } from '../../report/incident/reporter-names.js';
import { COMMAND_QUEUE, NOTIFY_QUEUE, PLAYBOOK_QUEUE, SCAN_QUEUE } from '../../queue/queues.js';
import { readinessChecks } from './readiness-checks.js';
import type { RuntimePieces } from './runtime-pieces.js';

/** How long a count of incidents by status holds (it reads every incident's status). */
export const INCIDENT_COUNT_TTL_MS = 30_000;

/** What a process's observation is made from. */
export type ObserveWiring = Pick<
  RuntimePieces,
  'config' | 'probot' | 'redis' | 'prefix' | 'queues' | 'fetch'
> & {
  readonly role: 'serve' | 'worker';
};

/** A process's metrics, and the routes that show them (with the probes and, on `serve`, the board). */
export interface RuntimeObservation {
  readonly metrics: RootguardMetrics;
  /** `/livez`, `/readyz`, `/healthz`, `/metrics`, and `/admin/queues` when the token is set on `serve`. */
  readonly routes: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/**
 * The process's one metrics registry (reading the queues' counts and the incidents by status at
 * each scrape), its readiness checks, and its routes. Bull Board only on `serve` and only with
 * `ROOTGUARD_ADMIN_TOKEN`.
 */
export function createObserveDependencies(wiring: ObserveWiring): RuntimeObservation {
  const { config, queues } = wiring;
  const metrics = new RootguardMetrics({
    steps: STEP_NAMES,
    queues: [SCAN_QUEUE, PLAYBOOK_QUEUE, NOTIFY_QUEUE, COMMAND_QUEUE],
    reporters: REPORTER_NAMES,
  });
  metrics.watchQueues({
    [SCAN_QUEUE]: queues.scan,
    [PLAYBOOK_QUEUE]: queues.playbook,
    [NOTIFY_QUEUE]: queues.notify,
    [COMMAND_QUEUE]: queues.command,
  });
  metrics.watchIncidents(incidentCounter(wiring));
  const observe = observeRoutes({ metrics, checks: readinessChecks(wiring), role: wiring.role });
  const board =
    wiring.role === 'serve' && config.adminToken !== undefined
      ? adminBoard({
          token: config.adminToken.reveal(),
          write: config.adminWrite,
          queues: [queues.scan, queues.playbook, queues.notify, queues.command],
        })
      : undefined;
  return { metrics, routes: (req, res) => observe(req, res) || (board?.(req, res) ?? false) };
}

/** Incidents by status (`countIncidentsByStatus`), kept for `INCIDENT_COUNT_TTL_MS` between scrapes. */
function incidentCounter(wiring: Pick<ObserveWiring, 'redis' | 'prefix'>) {
  let kept: { readonly counts: Record<string, number>; readonly at: number } | undefined;
  return async (): Promise<Record<string, number>> => {
    if (kept && Date.now() - kept.at < INCIDENT_COUNT_TTL_MS) return kept.counts;
    const counts = await countIncidentsByStatus(wiring.redis, { prefix: wiring.prefix });
    kept = { counts, at: Date.now() };
    return counts;
  };
}
