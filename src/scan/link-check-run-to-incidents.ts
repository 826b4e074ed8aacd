import type { IncidentStore } from '../incidents/incident-store.js';
import type { CheckRunRef, ReportStore } from '../incidents/report-store.js';
import type { NotifyRequest } from '../queue/notify-job.js';

/** What {@link linkCheckRunToIncidents} reads and writes. */
export interface LinkCheckRunOptions {
  readonly incidents: Pick<IncidentStore, 'get'>;
  readonly reports: Pick<ReportStore, 'linkCheckRun'>;
  /** Hands an incident's state to the reporters (the notify queue). */
  readonly notify: (request: NotifyRequest) => Promise<unknown>;
}

/**
 * The scan worker's `checkRunReported`: remembers the completed check run under each incident it
 * reported (the check reporter adds the incident's state and buttons to every run it knows), then
 * asks the reporters for the incident's current revision (`trigger: 'scanned'`). An incident no
 * longer in the store is linked but not reported, one incident after the other.
 */
export function linkCheckRunToIncidents(
  options: LinkCheckRunOptions,
): (incidentIds: readonly string[], checkRun: CheckRunRef) => Promise<void> {
  return async (incidentIds, checkRun) => {
    for (const incidentId of incidentIds) {
      await options.reports.linkCheckRun(incidentId, checkRun);
      const incident = await options.incidents.get(incidentId);
      if (incident)
        await options.notify({
          incidentId,
          run: incident.run,
          revision: incident.revision,
          trigger: 'scanned',
        });
    }
  };
}
