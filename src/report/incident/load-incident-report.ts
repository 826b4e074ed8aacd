import type { OperatorConfig } from '../../config/operator-config.js';
import { resolvePolicy } from '../../config/resolve-policy.js';
import type { IncidentStore } from '../../incidents/incident-store.js';
import type { ReportStore } from '../../incidents/report-store.js';
import type { RunStore } from '../../incidents/run-store.js';
import type { StepName } from '../../playbook/step-names.js';
import type { IncidentReport } from './incident-report.js';
import { orderDeliveries } from './reporter-names.js';

/** Where a report's facts are read from. */
export interface ReportSources {
  readonly incidents: IncidentStore;
  readonly runs: RunStore<StepName>;
  readonly reports: ReportStore;
  readonly config: OperatorConfig;
  /** GitHub's web base, for links (`webUrlFor(GITHUB_API_URL)`). */
  readonly githubUrl: string;
  readonly now: () => Date;
}

/** Reads of a report that a concurrent write may tear before one is taken as it is. */
const MAX_READS = 3;

/**
 * The incident's report as it stands now; undefined when the incident does not exist. The
 * incident and its run are separate Redis reads: when the incident's status changed under them
 * (a delivery, a command), they are read again, so a report never pairs an old status with new
 * step records.
 */
export async function loadIncidentReport(
  sources: ReportSources,
  incidentId: string,
): Promise<IncidentReport | undefined> {
  let incident = await sources.incidents.get(incidentId);
  for (let read = 1; incident; read++) {
    const [occurrences, run, timeline, issue, deliveries] = await Promise.all([
      sources.incidents.occurrences(incidentId),
      sources.runs.currentRun(incidentId),
      sources.runs.timeline(incidentId),
      sources.reports.issue(incidentId),
      sources.reports.deliveries(incidentId),
    ]);
    const after = await sources.incidents.get(incidentId);
    const moved = after && (after.status !== incident.status || after.run !== incident.run);
    if (moved && read < MAX_READS) {
      incident = after;
      continue;
    }
    const repo = occurrences[0]?.location.repo;
    return {
      incident,
      occurrences,
      ...(run ? { run } : {}),
      timeline,
      policyMode: repo ? resolvePolicy(sources.config, repo).mode : sources.config.policy.mode,
      ...(issue ? { issue } : {}),
      deliveries: orderDeliveries(deliveries),
      githubUrl: sources.githubUrl,
      renderedAt: sources.now().toISOString(),
    };
  }
  return undefined;
}
