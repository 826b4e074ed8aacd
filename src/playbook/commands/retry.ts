import type { Queue } from 'bullmq';
import type { Incident } from '../../incidents/incident.js';
import type { StepRecord } from '../../incidents/step-record.js';
import { enqueuePlaybook, type PlaybookJob } from '../../queue/playbook-job.js';
import type { CommandAnswer } from './command-answer.js';
import { PlaybookError } from '../errors.js';
import { STEP_NAMES, type StepName } from '../step-names.js';
import type { CommandDependencies, CommandStores } from './command-dependencies.js';
import { notifyAfterCommand } from './notify-after-command.js';

/** What a retry did. */
export type RetryResult =
  | {
      readonly kind: 'retrying';
      readonly incident: Incident;
      readonly run: number;
      readonly steps: StepName[];
    }
  /** No step of the current run failed or was left to a human. */
  | { readonly kind: 'nothing-to-retry'; readonly incident: Incident; readonly run?: number }
  /** The playbook job is running right now: its records would be overwritten under it. */
  | { readonly kind: 'busy'; readonly incident: Incident }
  | { readonly kind: 'false-positive'; readonly incident: Incident };

/**
 * Runs the current playbook run again from its first `failed` or `manual` step: from there on,
 * every step record that is not `done` becomes a record without outcome (its detail kept, less the
 * error: steps resume from their checkpoints), and `report` always runs again. `done` steps never
 * run again, so a key is never revoked twice. The run is reopened (no `finishedAt`), the incident
 * `open`, a `retry` timeline event added, and the playbook job woken: a failed job is retried with
 * fresh attempts, a delayed one promoted, and a missing one added.
 */
export async function retryIncident(
  stores: CommandStores,
  playbookQueue: Queue<PlaybookJob>,
  incidentId: string,
  login: string,
  now: Date = new Date(),
): Promise<RetryResult> {
  const incident = await stores.incidents.get(incidentId);
  if (!incident) throw new PlaybookError('no-incident', `Incident ${incidentId} does not exist.`);
  if (incident.status === 'false-positive') return { kind: 'false-positive', incident };
  const state = await stores.runs.currentRun(incidentId);
  if (!state) return { kind: 'nothing-to-retry', incident };
  const recorded = STEP_NAMES.flatMap((name) => {
    const record = state.steps.get(name);
    return record ? [record] : [];
  });
  const first = recorded.findIndex((r) => r.outcome === 'failed' || r.outcome === 'manual');
  if (first < 0) return { kind: 'nothing-to-retry', incident, run: state.run.run };
  const job = await playbookQueue.getJob(incidentId);
  const jobState = job ? await job.getState() : undefined;
  if (jobState === 'active') return { kind: 'busy', incident };

  const at = now.toISOString();
  const again = recorded.slice(first).filter((r) => r.outcome !== 'done' || r.step === 'report');
  for (const record of again) await stores.runs.saveStep(incidentId, state.run.run, reset(record, at));
  const { finishedAt: _finished, ...reopened } = state.run;
  await stores.runs.updateRun(incidentId, reopened);
  await stores.runs.updateIncident(incidentId, { status: 'open' });
  const steps = again.map((r) => r.step);
  await stores.runs.appendTimeline(incidentId, {
    at,
    run: state.run.run,
    ...(steps[0] ? { step: steps[0] } : {}),
    event: 'retry',
    text: `Retry requested by ${login}: ${steps.join(', ')} run again.`,
  });

  if (job && jobState === 'failed')
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  else if (job && jobState === 'delayed') await job.promote();
  else if (job && jobState === 'completed') {
    await job.remove();
    await enqueuePlaybook(playbookQueue, incidentId);
  } else if (!job) await enqueuePlaybook(playbookQueue, incidentId);
  return { kind: 'retrying', incident: { ...incident, status: 'open' }, run: state.run.run, steps };
}

/** A step record to run again: no outcome, started now, its detail kept without the error. */
function reset(record: StepRecord<StepName>, at: string): StepRecord<StepName> {
  const { error: _error, ...detail } = record.detail ?? {};
  return {
    step: record.step,
    summary: 'retry requested',
    startedAt: at,
    ...(Object.keys(detail).length > 0 ? { detail } : {}),
  };
}

/** `/rootguard retry`: the answer to give. */
export async function retryCommand(
  deps: CommandDependencies,
  incident: Incident,
  actor: string,
): Promise<CommandAnswer> {
  const result = await retryIncident(deps, deps.playbookQueue, incident.id, actor, deps.now());
  const about = { id: incident.id, masked: incident.masked };
  switch (result.kind) {
    case 'false-positive':
      return { kind: 'retry-false-positive', incident: about };
    case 'busy':
      return { kind: 'retry-busy', incident: about };
    case 'nothing-to-retry':
      return { kind: 'nothing-to-retry', incident: about, ...(result.run ? { run: result.run } : {}) };
    case 'retrying':
      await notifyAfterCommand(deps, incident.id, 'retry');
      return { kind: 'retrying', incident: about, steps: result.steps };
  }
}
