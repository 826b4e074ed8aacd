import type { Queue } from 'bullmq';
import type { RunState, RunStore } from '../../incidents/run-store.js';
import { CliError } from '../errors.js';
import { waitUntil } from './wait-until.js';

/** A whole run against the emulators takes a few seconds; this is for a loaded machine. */
const RUN_TIMEOUT_MS = 60_000;
/** Reports are rate-limited and retried: they get as long as a run. */
const NOTIFY_TIMEOUT_MS = 60_000;

/** Resolves with the incident's current run once it has finished (a failed job: one error line). */
export async function waitForRunEnd(runs: RunStore, playbook: Queue, incidentId: string): Promise<RunState> {
  return waitUntil('the playbook run to finish', RUN_TIMEOUT_MS, async () => {
    const state = await runs.currentRun(incidentId);
    if (state?.run.finishedAt) return state;
    const job = await playbook.getJob(incidentId);
    if (job && (await job.getState()) === 'failed')
      throw new CliError('cannot-start', `the playbook job failed: ${job.failedReason}`);
    return undefined;
  });
}

/** Resolves with the contain step's record once it waits for a human (the assisted path). */
export async function waitForHumanNeeded(runs: RunStore, incidentId: string): Promise<void> {
  await waitUntil('the playbook to ask a human to revoke the key', RUN_TIMEOUT_MS, async () => {
    const contain = (await runs.currentRun(incidentId))?.steps.get('contain');
    return contain?.waitingFor !== undefined ? true : undefined;
  });
}

/** Waits until the notify queue holds no waiting, active or delayed job: every report was sent. */
export async function waitForReports(notify: Queue): Promise<void> {
  await waitUntil('the reports to be sent (notify queue)', NOTIFY_TIMEOUT_MS, async () => {
    const counts = await notify.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0) ? true : undefined;
  });
}
