import type { Queue } from 'bullmq';
import type { IncidentStore } from '../incidents/incident-store.js';
import type { RunStore } from '../incidents/run-store.js';
import type { PlaybookJob } from '../queue/playbook-job.js';
import { PlaybookError } from './errors.js';
import { wakeParkedJob } from './wake-parked-job.js';

/**
 * Approves containment of an incident held by the `approve` policy, and wakes its playbook at
 * once (the job waits as delayed). The reporting issue's button and command call this.
 */
export async function approveIncident(
  stores: { readonly incidents: IncidentStore; readonly runs: RunStore },
  queue: Queue<PlaybookJob>,
  incidentId: string,
  approvedBy: string,
  now: Date = new Date(),
): Promise<void> {
  const incident = await stores.incidents.get(incidentId);
  if (!incident) throw new PlaybookError('no-incident', `Incident ${incidentId} does not exist.`);
  await stores.runs.updateIncident(incidentId, { approvedBy, approvedAt: now.toISOString() });
  await stores.runs.appendTimeline(incidentId, {
    at: now.toISOString(),
    run: incident.run,
    step: 'gate',
    event: 'approved',
    text: `Containment approved by ${approvedBy}.`,
  });
  // A job still running (the gate parks it right after writing 'awaiting-approval') is not
  // delayed yet: the worker looks for this approval once it has parked it.
  await wakeParkedJob(await queue.getJob(incidentId));
}
